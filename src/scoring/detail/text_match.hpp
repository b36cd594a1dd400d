// Text helpers of the scoring engine: case folding, URL paths, globs, whole-word keywords and
// e-mail domains. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace lb::scoring::detail {

// ASCII lowercase copy (non-ASCII bytes are kept as they are).
[[nodiscard]] std::string Lower(std::string_view text);
// The same into `out` (reusing its capacity).
void LowerInto(std::string_view text, std::string& out);

// The path of a URL: "https://x.dk/pricing?a=1#b" -> "/pricing"; a bare path is kept without
// its query and fragment; "" stays "".
[[nodiscard]] std::string_view UrlPath(std::string_view url);

// Glob match of the whole `text`: `*` any run of characters, `?` one character. Both arguments
// must already be lowercase when case should not matter.
[[nodiscard]] bool GlobMatch(std::string_view pattern, std::string_view text);

// True when `keyword` occurs in `text` with no letter or digit right before or after it.
// Both lowercase.
[[nodiscard]] bool HasWholeWord(std::string_view text, std::string_view keyword);

// The domain of an e-mail ("a@x.dk" -> "x.dk"); text without '@' is taken as a domain.
[[nodiscard]] std::string_view EmailDomain(std::string_view email);

// True when `domain` equals `parent` or ends with "." + parent ("x.acme.com" under "acme.com").
// Both lowercase.
[[nodiscard]] bool IsSameOrSubdomain(std::string_view domain, std::string_view parent);

}  // namespace lb::scoring::detail
