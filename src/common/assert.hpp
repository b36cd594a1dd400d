// LB_ASSERT (debug-only logic checks) and LB_CHECK (always-on invariants that guard data).
#pragma once

#include <source_location>
#include <string_view>

namespace lb::detail {
[[noreturn]] void CheckFailed(std::string_view condition,
                              std::string_view message,
                              std::source_location where) noexcept;
}  // namespace lb::detail

// Aborts with a log line when `cond` is false, in every build. For invariants whose violation would
// corrupt stored data; never for user input.
#define LB_CHECK(cond, msg)        \
    ((cond) ? static_cast<void>(0) \
            : ::lb::detail::CheckFailed(#cond, msg, std::source_location::current()))

#ifdef NDEBUG
#define LB_ASSERT(cond) static_cast<void>(0)
#else
#define LB_ASSERT(cond) LB_CHECK(cond, "assertion failed")
#endif
