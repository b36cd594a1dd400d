// Lets GCC-instrumented code drive libFuzzer. Why GCC: the code is C++23 with std::expected,
// which clang 14 cannot compile against Debian's libstdc++ 12, and Debian's libFuzzer 14 refuses
// GCC's only PC coverage mode (-fsanitize-coverage=trace-pc). So the build links with
// -Wl,--wrap=__sanitizer_cov_trace_pc and this file turns each instrumented PC into a byte of
// libFuzzer's "extra counters" section, which libFuzzer reads as coverage. Compiled without
// coverage itself.
#include <cstddef>
#include <cstdint>

namespace {

constexpr std::size_t kCounterCount = std::size_t{1} << 16;

// libFuzzer finds this array through the linker's __start_/__stop_ symbols of the section.
__attribute__((used, section("__libfuzzer_extra_counters")))
std::uint8_t g_pc_counters[kCounterCount];

}  // namespace

extern "C" {

void __wrap___sanitizer_cov_trace_pc() {
    const auto pc = reinterpret_cast<std::uintptr_t>(__builtin_return_address(0));
    // Mix the bits so that nearby call sites land on different counters.
    const std::uintptr_t index = (pc ^ (pc >> 16)) * 0x9E3779B1U;
    std::uint8_t& counter = g_pc_counters[(index >> 8) & (kCounterCount - 1)];
    counter = static_cast<std::uint8_t>(counter + 1);
}

// GCC's trace-cmp also reports float comparisons, which libFuzzer does not take.
void __sanitizer_cov_trace_cmpf(float, float) {
}
void __sanitizer_cov_trace_cmpd(double, double) {
}

}  // extern "C"
