#include "common/text.hpp"

#include <cctype>

namespace lb {

std::string ToLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view Trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
        if (pos == text.size() || text[pos] == separator) {
            parts.push_back(text.substr(start, pos - start));
            start = pos + 1;
        }
    }
    return parts;
}

bool IsValidUtf8(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto lead = static_cast<unsigned char>(text[pos]);
        std::size_t extra = 0;
        if (lead < 0x80U) {
            extra = 0;
        } else if ((lead >> 5U) == 0x6U && lead >= 0xC2U) {
            extra = 1;
        } else if ((lead >> 4U) == 0xEU) {
            extra = 2;
        } else if ((lead >> 3U) == 0x1EU && lead <= 0xF4U) {
            extra = 3;
        } else {
            return false;
        }
        if (pos + extra >= text.size()) return false;
        for (std::size_t i = 1; i <= extra; ++i) {
            if ((static_cast<unsigned char>(text[pos + i]) >> 6U) != 0x2U) return false;
        }
        pos += extra + 1;
    }
    return true;
}

std::string Slugify(std::string_view text) {
    std::string out;
    bool pending_dash = false;
    for (const char c : text) {
        const auto uc = static_cast<unsigned char>(c);
        if (std::isalnum(uc) != 0 && uc < 0x80U) {
            if (pending_dash && !out.empty()) out.push_back('-');
            pending_dash = false;
            out.push_back(static_cast<char>(std::tolower(uc)));
        } else {
            pending_dash = true;
        }
    }
    return out;
}

}  // namespace lb
