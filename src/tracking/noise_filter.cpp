#include "tracking/noise_filter.hpp"

#include <algorithm>
#include <array>
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

RateDetector::RateDetector(Options options) : options_(options) {
}

std::string_view RateDetector::Record(std::string_view anonymous_id, Timestamp at) {
    if (anonymous_id.empty()) return {};
    Window& window = WindowOf(std::hash<std::string_view>{}(anonymous_id), at);
    const auto distance = at > window.start ? at - window.start : window.start - at;
    if (distance >= std::chrono::seconds(1)) window = Window{at, 0};
    ++window.count;
    return window.count > options_.max_events_per_second ? kBotRate : std::string_view();
}

RateDetector::Window& RateDetector::WindowOf(std::uint64_t id, Timestamp at) {
    if (const auto found = young_.find(id); found != young_.end()) return found->second;
    const std::size_t generation_size = std::max<std::size_t>(1, options_.max_tracked_ids / 2);
    std::optional<Window> earlier;
    if (const auto found = old_.find(id); found != old_.end()) {
        earlier = found->second;
        old_.erase(found);
    }
    if (young_.size() >= generation_size) {
        old_ = std::move(young_);
        young_ = Windows();
        young_.reserve(generation_size);  // no rehash while it fills
    }
    return young_.emplace(id, earlier.value_or(Window{at, 0})).first->second;
}

}  // namespace lb::tracking
