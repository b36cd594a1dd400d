#include "common/rng.hpp"

#include <array>
#include <fstream>

#include "common/assert.hpp"

namespace lb {

std::int64_t Rng::Uniform(std::int64_t low, std::int64_t high) {
    LB_ASSERT(low <= high);
    return std::uniform_int_distribution<std::int64_t>(low, high)(engine_);
}

double Rng::Unit() {
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine_);
}

std::string SecureRandomHex(std::size_t bytes) {
    static constexpr std::array<char, 16> kHex = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::random_device device;  // reads the kernel's CSPRNG on Linux
    std::string out;
    out.reserve(bytes * 2);
    for (std::size_t i = 0; i < bytes; ++i) {
        const auto byte = static_cast<unsigned>(device()) & 0xFFU;
        out.push_back(kHex[byte >> 4U]);
        out.push_back(kHex[byte & 0xFU]);
    }
    return out;
}

}  // namespace lb
