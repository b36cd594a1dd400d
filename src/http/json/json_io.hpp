// JSON helpers shared by the per-resource mappings: parsing a request body with a precise error,
// a strict reader for the fields of one object, and output helpers (null for empty, money, time).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/lead_input.hpp"
#include "domain/money.hpp"

namespace lb::http::json {

using Json = nlohmann::json;

// Parses `body`. kInvalidArgument "malformed JSON at byte N: <reason>" (N counts from 1: the byte
// where parsing stopped; field "") when it is not
// JSON; "the request body must be a JSON object" when `require_object` and it is something else.
[[nodiscard]] Result<Json> ParseBody(std::string_view body, bool require_object = true);

// Reads the fields of one JSON object, remembering which names were read so that the rest can be
// rejected as unknown. Errors name the field with the reader's prefix ("company.employees").
// Not thread-safe; one per object. Holds a reference to the object, which must outlive it.
class ObjectReader final {
public:
    // kInvalidArgument "<prefix> must be an object" unless `value` is an object.
    [[nodiscard]] static Result<ObjectReader> Open(const Json& value, std::string prefix);

    // Absent leaves `out` absent; null sets Clear; a value of the right type sets it.
    // kInvalidArgument "<field> must be a string" (an integer, a number, true or false) otherwise.
    [[nodiscard]] Status Read(std::string_view name, domain::Update<std::string>& out);
    [[nodiscard]] Status Read(std::string_view name, domain::Update<std::int64_t>& out);
    [[nodiscard]] Status Read(std::string_view name, domain::Update<double>& out);
    [[nodiscard]] Status Read(std::string_view name, domain::Update<bool>& out);
    // A plain string: kInvalidArgument "<field> is required" when absent or null and `required`.
    [[nodiscard]] Status ReadString(std::string_view name, std::string& out, bool required);
    // The raw member (nullptr when absent), marked as read.
    [[nodiscard]] const Json* Take(std::string_view name);
    // kInvalidArgument "unknown field '<field>'" for the first member that was never read.
    [[nodiscard]] Status RejectUnknown() const;
    // `name` with the prefix: "company.employees".
    [[nodiscard]] std::string FieldName(std::string_view name) const;

private:
    ObjectReader(const Json& object, std::string prefix)
        : object_(&object), prefix_(std::move(prefix)) {}
    const Json* object_;
    std::string prefix_;
    std::set<std::string, std::less<>> read_names_;
};

// Parses `body` as one JSON object, lets `read(ObjectReader&, T&) -> Status` fill a T from it, then
// rejects the fields `read` did not take. Errors as ParseBody and ObjectReader.
template <typename T, typename ReadFn>
[[nodiscard]] Result<T> ParseObject(std::string_view body, ReadFn&& read) {
    LB_ASSIGN_OR_RETURN(Json value, ParseBody(body));
    LB_ASSIGN_OR_RETURN(ObjectReader reader, ObjectReader::Open(value, ""));
    T out;
    LB_TRY(std::forward<ReadFn>(read)(reader, out));
    LB_TRY(reader.RejectUnknown());
    return out;
}

// "" -> null, otherwise the string.
[[nodiscard]] Json TextOrNull(const std::string& text);
// Money in major units as a JSON number, or null.
[[nodiscard]] Json MoneyOrNull(const std::optional<domain::Money>& money);
// ISO 8601 text.
[[nodiscard]] Json TimeText(Timestamp at);
// Serialises `value`; invalid UTF-8 in strings is replaced rather than thrown.
[[nodiscard]] std::string Dump(const Json& value);

}  // namespace lb::http::json
