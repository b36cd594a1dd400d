#include "tracking/detail/url_parts.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"

namespace lb::tracking::detail {

namespace {

std::string PercentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '+') {
            out.push_back(' ');
            continue;
        }
        if (c == '%' && pos + 2 < text.size()) {
            const int high = HexDigitValue(text[pos + 1]);
            const int low = HexDigitValue(text[pos + 2]);
            if (high >= 0 && low >= 0) {
                out.push_back(static_cast<char>(high * 16 + low));
                pos += 2;
                continue;
            }
        }
        out.push_back(c);
    }
    return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The authority of a URL: what follows "scheme://" or "//" up to the path, query or fragment.
std::string_view AuthorityOf(std::string_view url) {
    std::size_t start = 0;
    if (url.starts_with("//")) {
        start = 2;
    } else {
        const std::size_t scheme_end = url.find("://");
        if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
        const std::string_view scheme = url.substr(0, scheme_end);
        const bool is_scheme = std::all_of(scheme.begin(), scheme.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' ||
                   c == '.';
        });
        if (!is_scheme) return {};
        start = scheme_end + 3;
    }
    const std::string_view rest = url.substr(start);
    return rest.substr(0, rest.find_first_of("/?#\\"));
}

}  // namespace

std::string HostOf(std::string_view url) {
    std::string_view authority = AuthorityOf(Trim(url));
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    if (authority.starts_with('[')) return {};  // IPv6 literal: never a channel's host
    authority = authority.substr(0, authority.find(':'));
    while (authority.ends_with('.')) authority.remove_suffix(1);
    return ToLower(authority);
}

std::string QueryParam(std::string_view url, std::string_view name) {
    url = url.substr(0, url.find('#'));
    const std::size_t question = url.find('?');
    if (question == std::string_view::npos) return {};
    const std::string_view query = url.substr(question + 1);
    for (const std::string_view pair : Split(query, '&')) {
        const std::size_t equals = pair.find('=');
        const std::string_view key = pair.substr(0, equals);
        if (!EqualsIgnoreCase(PercentDecode(key), name)) continue;
        if (equals == std::string_view::npos) return {};
        return PercentDecode(pair.substr(equals + 1));
    }
    return {};
}

bool IsWithinDomain(std::string_view host, std::string_view domain) {
    if (domain.empty() || !host.ends_with(domain)) return false;
    return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

int HexDigitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace lb::tracking::detail
