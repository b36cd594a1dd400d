#include "scoring/detail/text_match.hpp"

#include <cctype>

namespace lb::scoring::detail {
namespace {

bool IsWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string Lower(std::string_view text) {
    std::string out;
    LowerInto(text, out);
    return out;
}

void LowerInto(std::string_view text, std::string& out) {
    out.assign(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
}

std::string_view UrlPath(std::string_view url) {
    if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
        url.remove_prefix(scheme + 3);
        const auto slash = url.find_first_of("/?#");
        if (slash == std::string_view::npos) return "/";
        url.remove_prefix(slash);
        if (url.front() != '/') return "/";
    }
    if (const auto end = url.find_first_of("?#"); end != std::string_view::npos) {
        url = url.substr(0, end);
    }
    return url;
}

// Iterative matcher with one backtrack point (the last `*`): linear for the patterns people
// write, never exponential.
bool GlobMatch(std::string_view pattern, std::string_view text) {
    std::size_t pattern_idx = 0, text_idx = 0;
    std::size_t star_idx = std::string_view::npos, star_text_idx = 0;
    while (text_idx < text.size()) {
        if (pattern_idx < pattern.size() &&
            (pattern[pattern_idx] == '?' || pattern[pattern_idx] == text[text_idx])) {
            ++pattern_idx;
            ++text_idx;
        } else if (pattern_idx < pattern.size() && pattern[pattern_idx] == '*') {
            star_idx = pattern_idx++;
            star_text_idx = text_idx;
        } else if (star_idx != std::string_view::npos) {
            pattern_idx = star_idx + 1;
            text_idx = ++star_text_idx;
        } else {
            return false;
        }
    }
    while (pattern_idx < pattern.size() && pattern[pattern_idx] == '*') ++pattern_idx;
    return pattern_idx == pattern.size();
}

bool HasWholeWord(std::string_view text, std::string_view keyword) {
    if (keyword.empty()) return false;
    for (auto pos = text.find(keyword); pos != std::string_view::npos;
         pos = text.find(keyword, pos + 1)) {
        const bool starts_word = pos == 0 || !IsWordChar(text[pos - 1]);
        const std::size_t end = pos + keyword.size();
        const bool ends_word = end == text.size() || !IsWordChar(text[end]);
        if (starts_word && ends_word) return true;
    }
    return false;
}

std::string_view EmailDomain(std::string_view email) {
    const auto at = email.rfind('@');
    return at == std::string_view::npos ? email : email.substr(at + 1);
}

bool IsSameOrSubdomain(std::string_view domain, std::string_view parent) {
    if (parent.empty() || domain.size() < parent.size()) return false;
    if (!domain.ends_with(parent)) return false;
    return domain.size() == parent.size() || domain[domain.size() - parent.size() - 1] == '.';
}

}  // namespace lb::scoring::detail
