// Time: the Timestamp type, the Clock interface (system and fake) and ISO 8601 text.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lb {

// A point in time, UTC, millisecond precision. Stored as epoch milliseconds.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

[[nodiscard]] inline std::int64_t ToEpochMillis(Timestamp t) {
    return t.time_since_epoch().count();
}
[[nodiscard]] inline Timestamp FromEpochMillis(std::int64_t ms) {
    return Timestamp(std::chrono::milliseconds(ms));
}

// "2026-11-22T07:37:45.123Z".
[[nodiscard]] std::string FormatIso8601(Timestamp t);

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z", "+HH:MM" or no zone (UTC).
// Returns kInvalidArgument naming the expected form.
[[nodiscard]] Result<Timestamp> ParseIso8601(std::string_view text);

// Where time comes from. Implementations are thread-safe.
class Clock {
public:
    virtual ~Clock() = default;
    Clock() = default;
    Clock(const Clock&) = delete;
    Clock& operator=(const Clock&) = delete;
    [[nodiscard]] virtual Timestamp Now() const = 0;
};

// The real wall clock. Thread-safe.
class SystemClock final : public Clock {
public:
    [[nodiscard]] Timestamp Now() const override;
};

// A clock that tests set and advance by hand. Thread-safe.
class FakeClock final : public Clock {
public:
    explicit FakeClock(Timestamp start) : now_(start) {}
    [[nodiscard]] Timestamp Now() const override;
    void Set(Timestamp t);
    void Advance(std::chrono::milliseconds by);

private:
    mutable std::mutex mu_;
    Timestamp now_;  // guarded by mu_
};

}  // namespace lb
