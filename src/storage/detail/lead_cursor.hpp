// Keyset pagination helpers shared by the lead and company lists: opaque cursors, placeholder
// lists, LIKE patterns and the page-size rule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lb::storage::detail {

// The sort key of the last row of a page: a number (time, score) or up to two texts (names),
// then the id that breaks ties.
struct CursorKey {
    std::int64_t number = 0;
    std::string text;
    std::string text2;
    std::int64_t id = 0;
};

inline constexpr std::string_view kCompanyCursorTag = "companies";

// An opaque, URL-safe cursor (base64url) carrying `tag` (which list and sort) and `key`.
[[nodiscard]] std::string EncodeCursor(std::string_view tag, const CursorKey& key);
// The key of a cursor made by EncodeCursor with the same tag.
// Errors: kInvalidArgument (field "cursor") for anything else.
[[nodiscard]] Result<CursorKey> DecodeCursor(std::string_view cursor, std::string_view tag);

// "$first, $first+1, ..." with `count` placeholders.
[[nodiscard]] std::string Placeholders(std::size_t first, std::size_t count);
// The VALUES rows of a multi-row INSERT: "($1, ..., $columns), ($columns+1, ...)", `rows` times.
[[nodiscard]] std::string PlaceholderRows(std::size_t rows, std::size_t columns);
// "%text%" with %, _ and \ escaped for LIKE ... ESCAPE '\'.
[[nodiscard]] std::string LikePattern(std::string_view text);
// kInvalidArgument (field "limit") unless 1 <= limit <= 500.
[[nodiscard]] Status ValidateLimit(int limit);

}  // namespace lb::storage::detail
