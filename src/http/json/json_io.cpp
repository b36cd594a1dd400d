#include "http/json/json_io.hpp"

#include <functional>
#include <limits>

namespace lb::http::json {

namespace {

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 2: <why>";
// the byte offset is reported separately, so keep only <why>.
std::string ParseErrorReason(std::string_view what) {
    const std::size_t column = what.find("column ");
    const std::size_t colon = what.find(": ", column == std::string_view::npos ? 0 : column);
    return std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

Error WrongType(const std::string& field, std::string_view expected) {
    return InvalidArgument(field + " must be " + std::string(expected), field);
}

}  // namespace

Result<Json> ParseBody(std::string_view body, bool require_object) {
    Json value;
    try {
        value = Json::parse(body);
    } catch (const Json::parse_error& e) {
        return Fail(InvalidArgument("malformed JSON at byte " + std::to_string(e.byte) + ": " +
                                    ParseErrorReason(e.what())));
    }
    if (require_object && !value.is_object())
        return Fail(InvalidArgument("the request body must be a JSON object"));
    return value;
}

Result<ObjectReader> ObjectReader::Open(const Json& value, std::string prefix) {
    if (!value.is_object())
        return Fail(WrongType(prefix.empty() ? "the request body" : prefix, "an object"));
    return ObjectReader(value, std::move(prefix));
}

std::string ObjectReader::FieldName(std::string_view name) const {
    return prefix_.empty() ? std::string(name) : prefix_ + "." + std::string(name);
}

const Json* ObjectReader::Take(std::string_view name) {
    read_names_.emplace(name);
    auto it = object_->find(name);
    return it == object_->end() ? nullptr : &*it;
}

namespace {

// Absent: leave `out`; null: Clear; `is_type(value)`: Set; else "<field> must be <expected>".
template <typename T, typename IsType>
Status ReadUpdate(ObjectReader& reader,
                  std::string_view name,
                  domain::Update<T>& out,
                  IsType is_type,
                  std::string_view expected) {
    const Json* value = reader.Take(name);
    if (value == nullptr) return Ok();
    if (value->is_null()) {
        out = domain::Update<T>::Clear();
        return Ok();
    }
    if (!std::invoke(is_type, *value)) return Fail(WrongType(reader.FieldName(name), expected));
    out = domain::Update<T>::Set(value->get<T>());
    return Ok();
}

bool IsInt64(const Json& value) {
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= kMax;
    return value.is_number_integer();
}

}  // namespace

Status ObjectReader::Read(std::string_view name, domain::Update<std::string>& out) {
    return ReadUpdate(*this, name, out, &Json::is_string, "a string or null");
}

Status ObjectReader::Read(std::string_view name, domain::Update<std::int64_t>& out) {
    return ReadUpdate(*this, name, out, IsInt64, "an integer (64-bit) or null");
}

Status ObjectReader::Read(std::string_view name, domain::Update<double>& out) {
    return ReadUpdate(*this, name, out, &Json::is_number, "a number or null");
}

Status ObjectReader::Read(std::string_view name, domain::Update<bool>& out) {
    return ReadUpdate(*this, name, out, &Json::is_boolean, "true, false or null");
}

Status ObjectReader::ReadString(std::string_view name, std::string& out, bool required) {
    const Json* value = Take(name);
    if (value == nullptr || value->is_null()) {
        if (required)
            return Fail(InvalidArgument(FieldName(name) + " is required", FieldName(name)));
        return Ok();
    }
    if (!value->is_string()) return Fail(WrongType(FieldName(name), "a string"));
    out = value->get<std::string>();
    return Ok();
}

Status ObjectReader::RejectUnknown() const {
    for (const auto& [name, value] : object_->items()) {
        if (!read_names_.contains(name))
            return Fail(
                InvalidArgument("unknown field '" + FieldName(name) + "'", FieldName(name)));
    }
    return Ok();
}

Json TextOrNull(const std::string& text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

Json MoneyOrNull(const std::optional<domain::Money>& money) {
    return money ? Json(domain::ToMajor(*money)) : Json(nullptr);
}

Json TimeText(Timestamp at) {
    return FormatIso8601(at);
}

std::string Dump(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace lb::http::json
