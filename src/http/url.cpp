#include "http/url.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace lb::http {

namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text,
                                  bool plus_is_space,
                                  std::string_view field) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '+' && plus_is_space) {
            decoded += ' ';
            continue;
        }
        if (c != '%') {
            decoded += c;
            continue;
        }
        const bool has_two_digits = pos + 2 < text.size();
        const int high = has_two_digits ? HexValue(text[pos + 1]) : -1;
        const int low = has_two_digits ? HexValue(text[pos + 2]) : -1;
        if (high < 0 || low < 0 || (high == 0 && low == 0))
            return Fail(InvalidArgument("'" + std::string(field) +
                                            "' has a bad percent-escape at character " +
                                            std::to_string(pos + 1),
                                        std::string(field)));
        decoded += static_cast<char>(high * 16 + low);
        pos += 2;
    }
    return decoded;
}

Result<std::map<std::string, std::string>> ParseQuery(std::string_view query) {
    std::map<std::string, std::string> params;
    for (std::string_view pair : Split(query, '&')) {
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view raw_name = pair.substr(0, eq);
        const std::string_view raw_value =
            eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        LB_ASSIGN_OR_RETURN(std::string name, PercentDecode(raw_name, true, raw_name));
        LB_ASSIGN_OR_RETURN(std::string value, PercentDecode(raw_value, true, name));
        params[std::move(name)] = std::move(value);
    }
    return params;
}

Result<std::map<std::string, std::string>> ParseQuery(
    std::string_view query, std::initializer_list<std::string_view> allowed) {
    LB_ASSIGN_OR_RETURN(auto params, ParseQuery(query));
    for (const auto& [name, value] : params) {
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
            return Fail(InvalidArgument("unknown query parameter '" + name + "'", name));
    }
    return params;
}

}  // namespace lb::http
