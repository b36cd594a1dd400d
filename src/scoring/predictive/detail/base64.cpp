#include "scoring/predictive/detail/base64.hpp"

#include <array>
#include <cstdint>

namespace lb::scoring::predictive::detail {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int SextetOf(char c) {
    const std::size_t pos = kAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string Base64Encode(std::string_view bytes) {
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t pos = 0; pos < bytes.size(); pos += 3) {
        std::uint32_t group = 0;
        const std::size_t count = std::min<std::size_t>(3, bytes.size() - pos);
        for (std::size_t idx = 0; idx < 3; ++idx) {
            const auto byte = idx < count ? static_cast<unsigned char>(bytes[pos + idx]) : 0U;
            group = (group << 8U) | byte;
        }
        for (std::size_t idx = 0; idx < 4; ++idx) {
            const auto sextet = (group >> (18U - 6U * idx)) & 0x3FU;
            text.push_back(idx <= count ? kAlphabet[sextet] : '=');
        }
    }
    return text;
}

std::optional<std::string> Base64Decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string bytes;
    bytes.reserve(text.size() / 4 * 3);
    for (std::size_t pos = 0; pos < text.size(); pos += 4) {
        std::uint32_t group = 0;
        std::size_t padding = 0;
        for (std::size_t idx = 0; idx < 4; ++idx) {
            const char c = text[pos + idx];
            const bool is_final_group = pos + 4 == text.size();
            if (c == '=' && is_final_group && idx >= 2) {
                ++padding;
                group <<= 6U;
                continue;
            }
            const int sextet = SextetOf(c);
            if (sextet < 0 || padding > 0) return std::nullopt;
            group = (group << 6U) | static_cast<std::uint32_t>(sextet);
        }
        for (std::size_t idx = 0; idx < 3 - padding; ++idx) {
            bytes.push_back(static_cast<char>((group >> (16U - 8U * idx)) & 0xFFU));
        }
    }
    return bytes;
}

}  // namespace lb::scoring::predictive::detail
