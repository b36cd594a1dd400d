#include "tracking/noise_filter.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>

#include "common/text.hpp"

namespace lb::tracking {

namespace {

// Lowercase substrings of user agents that no person's browser sends. "bot" is broad on purpose
// (Googlebot, bingbot, AhrefsBot, ...); kNotBots lists the known phones and apps it would
// wrongly catch.
constexpr std::array<std::string_view, 36> kBotMarkers = {
    "bot",        "crawler",    "crawling",  "spider",      "slurp",       "headless",
    "phantomjs",  "lighthouse", "pagespeed", "gtmetrix",    "pingdom",     "uptime",
    "monitor",    "python-",    "python/",   "curl/",       "wget/",       "libwww",
    "httpclient", "okhttp",     "go-http",   "java/",       "axios/",      "node-fetch",
    "undici",     "scrapy",     "selenium",  "puppeteer",   "playwright",  "facebookexternalhit",
    "embedly",    "preview",    "validator", "feedfetcher", "archive.org", "httrack",
};

constexpr std::int64_t kLatestEpochMillis = 253'402'300'799'999;  // 9999-12-31T23:59:59.999Z

constexpr std::array<std::string_view, 1> kNotBots = {"cubot"};

bool Contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

// Removes the false positives so that "bot" in "CUBOT X30" does not count.
std::string WithoutKnownHumans(std::string user_agent) {
    for (const std::string_view human : kNotBots) {
        for (std::size_t pos = user_agent.find(human); pos != std::string::npos;
             pos = user_agent.find(human, pos)) {
            user_agent.replace(pos, human.size(), human.size(), ' ');
        }
    }
    return user_agent;
}

}  // namespace

std::string_view DetectBotUserAgent(std::string_view user_agent) {
    const std::string_view trimmed = Trim(user_agent);
    if (trimmed.empty()) return {};
    const std::string lowered = WithoutKnownHumans(ToLower(trimmed));
    const bool is_bot = std::any_of(kBotMarkers.begin(), kBotMarkers.end(), [&](auto marker) {
        return Contains(lowered, marker);
    });
    return is_bot ? kBotUserAgent : std::string_view();
}

std::string_view DetectFormSpam(const FormSignals& signals) {
    if (!Trim(signals.honeypot_value).empty()) return kSpamHoneypot;
    if (!signals.rendered_at || !signals.submitted_at) return {};
    if (*signals.submitted_at - *signals.rendered_at < kMinFormFillTime) return kSpamTooFast;
    return {};
}

std::optional<Timestamp> ParseFormTimestamp(std::string_view text) {
    text = Trim(text);
    if (text.empty()) return std::nullopt;
    const bool is_digits =
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (is_digits) {
        std::int64_t millis = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), millis);
        if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
        // Beyond 9999-12-31 is no time a form was shown, and bounding it keeps differences of
        // two parsed times from overflowing.
        if (millis > kLatestEpochMillis) return std::nullopt;
        return FromEpochMillis(millis);
    }
    auto parsed = ParseIso8601(text);
    if (!parsed) return std::nullopt;
    return *parsed;
}

RateDetector::RateDetector(Options options)
    : options_(options),
      young_(std::max<std::size_t>(1, options.max_tracked_ids / 2)),
      old_(std::max<std::size_t>(1, options.max_tracked_ids / 2)) {
}

std::string_view RateDetector::Record(std::string_view anonymous_id, Timestamp at) {
    if (anonymous_id.empty()) return {};
    const std::uint64_t hash = std::hash<std::string_view>{}(anonymous_id);
    Window& window = WindowOf(hash == 0 ? 1 : hash, at);
    const auto distance = at > window.start ? at - window.start : window.start - at;
    if (distance >= std::chrono::seconds(1)) window = Window{at, 0};
    ++window.count;
    return window.count > options_.max_events_per_second ? kBotRate : std::string_view();
}

RateDetector::Window& RateDetector::WindowOf(std::uint64_t id, Timestamp at) {
    if (Window* young = young_.Find(id)) return *young;
    const Window* old = old_.Find(id);
    const Window window = old ? *old : Window{at, 0};
    if (young_.IsFull()) {
        std::swap(young_, old_);
        young_.Clear();
    }
    return young_.Insert(id, window);
}

RateDetector::Generation::Generation(std::size_t max_ids)
    : max_ids_(max_ids), mask_(std::bit_ceil(2 * max_ids) - 1) {
}

RateDetector::Window* RateDetector::Generation::Find(std::uint64_t id) {
    if (slots_.empty()) return nullptr;
    for (std::size_t at = SlotOf(id);; at = (at + 1) & mask_) {
        if (slots_[at].id == id) return &slots_[at].window;
        if (slots_[at].id == 0) return nullptr;
    }
}

RateDetector::Window& RateDetector::Generation::Insert(std::uint64_t id, Window window) {
    if (slots_.empty()) slots_.resize(mask_ + 1);
    std::size_t at = SlotOf(id);
    while (slots_[at].id != 0) at = (at + 1) & mask_;
    slots_[at] = Slot{id, window};
    ++size_;
    return slots_[at].window;
}

void RateDetector::Generation::Clear() {
    if (size_ == 0) return;
    std::fill(slots_.begin(), slots_.end(), Slot{});
    size_ = 0;
}

std::size_t RateDetector::Generation::SlotOf(std::uint64_t id) const {
    // Fibonacci hashing spreads ids whose low bits repeat.
    return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ULL) >> 32) & mask_;
}

}  // namespace lb::tracking
