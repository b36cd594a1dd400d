#include "tracking/ip_anonymiser.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <arpa/inet.h>

#include "common/text.hpp"

namespace lb::tracking {

namespace {

// inet_pton needs a NUL-terminated string; 45 characters is the longest IPv6 text form.
constexpr std::size_t kMaxAddressText = 45;

std::string FormatIpv4(const std::array<std::uint8_t, 4>& octets) {
    std::array<char, INET_ADDRSTRLEN> text{};
    if (inet_ntop(AF_INET, octets.data(), text.data(), text.size()) == nullptr) return {};
    return std::string(text.data());
}

std::string FormatIpv6(const std::array<std::uint8_t, 16>& bytes) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (inet_ntop(AF_INET6, bytes.data(), text.data(), text.size()) == nullptr) return {};
    return std::string(text.data());
}

bool IsIpv4Mapped(const std::array<std::uint8_t, 16>& bytes) {
    return std::all_of(bytes.begin(), bytes.begin() + 10, [](std::uint8_t b) { return b == 0; }) &&
           bytes[10] == 0xFF && bytes[11] == 0xFF;
}

}  // namespace

std::string AnonymiseIp(std::string_view ip) {
    const std::string_view trimmed = Trim(ip);
    if (trimmed.empty() || trimmed.size() > kMaxAddressText) return {};
    // inet_pton stops at a NUL: "1.2.3.4\0junk" must not pass as "1.2.3.4".
    if (trimmed.find('\0') != std::string_view::npos) return {};
    const std::string text(trimmed);

    std::array<std::uint8_t, 4> v4{};
    if (inet_pton(AF_INET, text.c_str(), v4.data()) == 1) {
        v4[3] = 0;
        return FormatIpv4(v4);
    }
    std::array<std::uint8_t, 16> v6{};
    if (inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return {};
    if (IsIpv4Mapped(v6)) {
        std::copy(v6.begin() + 12, v6.end(), v4.begin());
        v4[3] = 0;
        return FormatIpv4(v4);
    }
    std::fill(v6.begin() + 6, v6.end(), std::uint8_t{0});  // keep the first 48 bits
    return FormatIpv6(v6);
}

}  // namespace lb::tracking
