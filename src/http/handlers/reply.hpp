// Helpers every handler uses to turn a Services result into a response and to read path ids.
#pragma once

#include <charconv>
#include <string>
#include <utility>

#include "common/ids.hpp"
#include "common/result.hpp"
#include "http/error_mapping.hpp"
#include "http/json/json_io.hpp"
#include "http/message.hpp"
#include "storage/store.hpp"

namespace lb::http::handlers {

// 200 (or `status`) with `body`.
[[nodiscard]] inline Response JsonReply(const json::Json& body, unsigned status = 200) {
    return JsonResponse(status, json::Dump(body));
}

// The error response, or `to_json(value)` with `status`.
template <typename T, typename ToJson>
[[nodiscard]] Response Reply(const Result<T>& result, ToJson&& to_json, unsigned status = 200) {
    if (!result) return ErrorResponse(result.error());
    return JsonReply(std::forward<ToJson>(to_json)(*result), status);
}

// 201 with `to_json(value)` and `Location: <collection>/<location_id(value)>`.
template <typename T, typename ToJson, typename IdOf>
[[nodiscard]] Response ReplyCreated(const Result<T>& result,
                                    ToJson&& to_json,
                                    std::string_view collection,
                                    IdOf&& location_id) {
    if (!result) return ErrorResponse(result.error());
    Response response = JsonReply(std::forward<ToJson>(to_json)(*result), 201);
    response.headers.emplace_back(
        "Location", std::string(collection) + "/" + std::forward<IdOf>(location_id)(*result));
    return response;
}

// {"items": [to_json(item)...]} (and "next_cursor" for pages).
template <typename Range, typename ToJson>
[[nodiscard]] json::Json Items(const Range& items, ToJson&& to_json) {
    json::Json list = json::Json::array();
    for (const auto& item : items) list.push_back(to_json(item));
    return {{"items", std::move(list)}};
}

// {"items": [...], "next_cursor": "..." | null}.
template <typename T, typename ToJson>
[[nodiscard]] json::Json PageItems(const storage::Page<T>& page, ToJson&& to_json) {
    json::Json body = Items(page.items, std::forward<ToJson>(to_json));
    body["next_cursor"] = json::TextOrNull(page.next_cursor);
    return body;
}

// The path parameter `name` as a positive id. kInvalidArgument naming the parameter otherwise.
template <typename IdType>
[[nodiscard]] Result<IdType> PathId(const Request& request, const std::string& name = "id") {
    const auto it = request.path_params.find(name);
    const std::string text = it == request.path_params.end() ? "" : it->second;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
        return Fail(InvalidArgument(
            "path parameter " + name + " must be a positive integer, not '" + text + "'", name));
    return IdType(value);
}

// The path parameter `name` as text ("" when absent).
[[nodiscard]] inline std::string PathText(const Request& request, const std::string& name) {
    const auto it = request.path_params.find(name);
    return it == request.path_params.end() ? std::string() : it->second;
}

}  // namespace lb::http::handlers
