// Ids for the load generators, shaped like lb.js's (web/tracker/store.ts): a version 7 UUID, the
// time in milliseconds in its first 48 bits and random bits after, or a random version 4 UUID as
// other Segment-style senders make them.
#pragma once

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

namespace lb::bench {

// A version 7 UUID made at `ms` (Unix epoch milliseconds).
inline std::string Uuid7(std::int64_t ms, std::mt19937_64& random) {
    const std::uint64_t bits = random();
    const std::uint64_t low = random();
    const auto time = static_cast<std::uint64_t>(ms);
    char text[40];
    std::snprintf(text,
                  sizeof text,
                  "%08llx-%04llx-7%03llx-%04llx-%012llx",
                  static_cast<unsigned long long>(time >> 16 & 0xffff'ffff),
                  static_cast<unsigned long long>(time & 0xffff),
                  static_cast<unsigned long long>(bits & 0xfff),
                  static_cast<unsigned long long>(0x8000 | (low >> 48 & 0x3fff)),
                  static_cast<unsigned long long>(low & 0xffff'ffff'ffff));
    return text;
}

// A version 4 (random) UUID.
inline std::string Uuid4(std::mt19937_64& random) {
    const std::uint64_t high = random();
    const std::uint64_t low = random();
    char text[40];
    std::snprintf(text,
                  sizeof text,
                  "%08llx-%04llx-4%03llx-%04llx-%012llx",
                  static_cast<unsigned long long>(high >> 32),
                  static_cast<unsigned long long>(high >> 16 & 0xffff),
                  static_cast<unsigned long long>(high & 0xfff),
                  static_cast<unsigned long long>(0x8000 | (low >> 48 & 0x3fff)),
                  static_cast<unsigned long long>(low & 0xffff'ffff'ffff));
    return text;
}

}  // namespace lb::bench
