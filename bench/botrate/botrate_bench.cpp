// lb_botrate_bench: times RateDetector::Record (src/tracking/noise_filter.hpp), which the collector
// calls for every event under a lock both HTTP threads share, on a stream of new visitors: ids
// shaped like lb.js's (version 7 UUIDs), 80,000 events per second of event time, the detector's
// default options. A slow call holds that lock, so the slowest calls matter as much as the mean.
//
//   lb_botrate_bench [--events N]
//
// Prints events= us_per_event= p50_us= p9999_us= slowest_us= (the six slowest calls)
// calls_over_1ms=.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "support/uuid.hpp"
#include "tracking/noise_filter.hpp"

namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr int kEventsPerSecond = 80'000;

}  // namespace

int main(int argc, char** argv) {
    long long events = 2'000'000;
    if (argc == 3 && std::string_view(argv[1]) == "--events") events = std::atoll(argv[2]);
    if ((argc != 1 && argc != 3) || events < 1000) {
        std::fprintf(stderr, "usage: lb_botrate_bench [--events N (at least 1000)]\n");
        return 1;
    }
    const long long start_ms = 1'795'000'000'000;  // 2026-11
    std::mt19937_64 random(42);
    std::vector<std::string> ids;
    ids.reserve(static_cast<std::size_t>(events));
    for (long long event_idx = 0; event_idx < events; ++event_idx)
        ids.push_back(lb::bench::Uuid7(start_ms + event_idx * 1000 / kEventsPerSecond, random));

    lb::tracking::RateDetector detector(lb::tracking::RateDetector::Options{});
    std::vector<double> call_us;
    call_us.reserve(ids.size());
    long long flagged = 0;
    const Clock::time_point begin = Clock::now();
    for (std::size_t event_idx = 0; event_idx < ids.size(); ++event_idx) {
        const lb::Timestamp at(
            milliseconds(start_ms + static_cast<long long>(event_idx) * 1000 / kEventsPerSecond));
        const Clock::time_point before = Clock::now();
        if (!detector.Record(ids[event_idx], at).empty()) ++flagged;
        call_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - before).count());
    }
    const double total_us = std::chrono::duration<double, std::micro>(Clock::now() - begin).count();
    if (flagged != 0) {
        std::fprintf(stderr, "lb_botrate_bench: %lld new visitors' events flagged\n", flagged);
        return 1;
    }
    std::sort(call_us.begin(), call_us.end());
    const std::size_t n = call_us.size();
    const auto over_1ms =
        std::count_if(call_us.begin(), call_us.end(), [](double us) { return us > 1000; });
    std::printf(
        "events=%zu us_per_event=%.3f p50_us=%.2f p9999_us=%.1f slowest_us=%.0f,%.0f,%.0f,"
        "%.0f,%.0f,%.0f calls_over_1ms=%td\n",
        n,
        total_us / static_cast<double>(n),
        call_us[n / 2],
        call_us[n * 9999 / 10000],
        call_us[n - 1],
        call_us[n - 2],
        call_us[n - 3],
        call_us[n - 4],
        call_us[n - 5],
        call_us[n - 6],
        over_1ms);
    return 0;
}
