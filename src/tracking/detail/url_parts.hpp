// Pieces of URLs that tracking needs (host, query parameters), read leniently from untrusted text.
#pragma once

#include <string>
#include <string_view>

namespace lb::tracking::detail {

// The lowercase host of an absolute ("https://Www.Google.com:443/x") or scheme-relative
// ("//host/x") URL, without user info, port or a trailing dot. Empty when there is none
// (relative URLs, "mailto:", garbage). Never throws.
[[nodiscard]] std::string HostOf(std::string_view url);

// The percent-decoded value ('+' as space) of the first query parameter of `url` named `name`
// (ASCII case-insensitive), looking only between '?' and '#'. Empty when absent or empty.
// Invalid escapes are kept as they are.
[[nodiscard]] std::string QueryParam(std::string_view url, std::string_view name);

// The value of a hex digit (0-9, a-f, A-F), or -1 for any other character.
[[nodiscard]] int HexDigitValue(char c);

// True when `host` is `domain` or a subdomain of it ("blog.acme.dk" is within "acme.dk"; so is
// "acme.dk"; "notacme.dk" is not). Both are expected lowercase.
[[nodiscard]] bool IsWithinDomain(std::string_view host, std::string_view domain);

}  // namespace lb::tracking::detail
