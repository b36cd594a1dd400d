// Percent-decoding of paths and query strings (RFC 3986; '+' as space in queries).
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lb::http {

// Decodes %XX escapes (and '+' to a space when `plus_is_space`). kInvalidArgument naming `field`
// for a bad escape or a decoded NUL byte.
[[nodiscard]] Result<std::string> PercentDecode(std::string_view text,
                                                bool plus_is_space,
                                                std::string_view field);

// "a=1&b=x%20y" -> {a: "1", b: "x y"}. A repeated name keeps its last value; a name without '='
// gets "". kInvalidArgument naming the parameter for a bad escape.
[[nodiscard]] Result<std::map<std::string, std::string>> ParseQuery(std::string_view query);

// ParseQuery, then kInvalidArgument "unknown query parameter 'x'" for a name not in `allowed`.
[[nodiscard]] Result<std::map<std::string, std::string>> ParseQuery(
    std::string_view query, std::initializer_list<std::string_view> allowed);

}  // namespace lb::http
