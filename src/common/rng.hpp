// Rng: the one source of randomness, seeded in tests and demo data, from the OS in production.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace lb {

// A seeded pseudo-random generator (mt19937_64). Not thread-safe; one per task.
class Rng final {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    // Uniform integer in [low, high]. Requires: low <= high.
    [[nodiscard]] std::int64_t Uniform(std::int64_t low, std::int64_t high);
    // Uniform real in [0, 1).
    [[nodiscard]] double Unit();
    // True with probability p.
    [[nodiscard]] bool Chance(double p) { return Unit() < p; }
    std::mt19937_64& Engine() { return engine_; }

private:
    std::mt19937_64 engine_;
};

// `bytes` random bytes from the operating system's CSPRNG, hex-encoded. For secrets (keys, tokens).
[[nodiscard]] std::string SecureRandomHex(std::size_t bytes);

}  // namespace lb
