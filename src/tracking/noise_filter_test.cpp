#include "tracking/noise_filter.hpp"

#include <string>

#include <gtest/gtest.h>

namespace lb::tracking {
namespace {

using std::chrono::milliseconds;

struct UserAgentCase {
    std::string user_agent;
    bool is_bot;
};

class BotUserAgents : public testing::TestWithParam<UserAgentCase> {};

TEST_P(BotUserAgents, AreFlaggedAndBrowsersAreNot) {
    const std::string_view reason = DetectBotUserAgent(GetParam().user_agent);
    EXPECT_EQ(reason, GetParam().is_bot ? kBotUserAgent : std::string_view())
        << GetParam().user_agent;
}

INSTANTIATE_TEST_SUITE_P(
    Bots,
    BotUserAgents,
    testing::Values(
        UserAgentCase{"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                      true},
        UserAgentCase{"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                      true},
        UserAgentCase{"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", true},
        UserAgentCase{
            "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
            true},
        UserAgentCase{"Baiduspider+(+http://www.baidu.com/search/spider.htm)", true},
        UserAgentCase{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "HeadlessChrome/120.0.0.0 Safari/537.36",
                      true},
        UserAgentCase{"Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) "
                      "PhantomJS/2.1.1 Safari/538.1",
                      true},
        UserAgentCase{"Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
                      "(KHTML, like Gecko) Chrome/109.0 Mobile Safari/537.36 Chrome-Lighthouse",
                      true},
        UserAgentCase{"python-requests/2.31.0", true},
        UserAgentCase{"Python/3.11 aiohttp/3.9.1", true},
        UserAgentCase{"curl/8.4.0", true},
        UserAgentCase{"Wget/1.21.3", true},
        UserAgentCase{"Go-http-client/1.1", true},
        UserAgentCase{"okhttp/4.12.0", true},
        UserAgentCase{"Apache-HttpClient/4.5.14 (Java/17.0.8)", true},
        UserAgentCase{"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
                      true},
        UserAgentCase{"Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", true},
        UserAgentCase{"Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
                      true},
        UserAgentCase{"Scrapy/2.11.0 (+https://scrapy.org)", true},
        UserAgentCase{"CUBOT_X30 bot", true}));

INSTANTIATE_TEST_SUITE_P(
    Browsers,
    BotUserAgents,
    testing::Values(
        UserAgentCase{"", false},
        UserAgentCase{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                      "Gecko) Chrome/120.0.0.0 Safari/537.36",
                      false},
        UserAgentCase{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
                      "(KHTML, like Gecko) Version/17.1 Safari/605.1.15",
                      false},
        UserAgentCase{"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
                      false},
        UserAgentCase{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                      "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                      false},
        UserAgentCase{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                      "Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
                      false},
        UserAgentCase{"Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like "
                      "Gecko) Chrome/119.0 Mobile Safari/537.36",
                      false}));

const Timestamp kT0 = FromEpochMillis(1'767'225'600'000);

struct FormCase {
    std::string name;
    std::string honeypot;
    std::optional<Timestamp> rendered_at;
    std::optional<Timestamp> submitted_at;
    std::string_view expected;
};

class FormSpam : public testing::TestWithParam<FormCase> {};

TEST_P(FormSpam, IsNamedByItsSignal) {
    const FormCase& tc = GetParam();
    EXPECT_EQ(DetectFormSpam({tc.honeypot, tc.rendered_at, tc.submitted_at}), tc.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    FormSpam,
    testing::Values(
        FormCase{"CleanAndSlow", "", kT0, kT0 + milliseconds(8000), ""},
        FormCase{"ExactlyOneSecondIsHuman", "", kT0, kT0 + milliseconds(1000), ""},
        FormCase{"UnderOneSecondIsTooFast", "", kT0, kT0 + milliseconds(999), kSpamTooFast},
        FormCase{
            "SubmittedBeforeRenderedIsTooFast", "", kT0, kT0 - milliseconds(5000), kSpamTooFast},
        FormCase{
            "HoneypotFilled", "http://spam.example", kT0, kT0 + milliseconds(9000), kSpamHoneypot},
        FormCase{"HoneypotWinsOverSpeed", "x", kT0, kT0, kSpamHoneypot},
        FormCase{"SpacesInTheHoneypotAreNothing", "  ", std::nullopt, std::nullopt, ""},
        FormCase{"UnknownRenderTimeSkipsTheSpeedCheck", "", std::nullopt, kT0, ""},
        FormCase{"UnknownSubmitTimeSkipsTheSpeedCheck", "", kT0, std::nullopt, ""}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(ParseFormTimestamp, ReadsEpochMillisAndIso8601) {
    EXPECT_EQ(ParseFormTimestamp(" 1767225600000 "), kT0);
    EXPECT_EQ(ParseFormTimestamp("2026-01-01T00:00:00Z"), kT0);
    for (const char* bad :
         {"", "  ", "-5", "12abc", "99999999999999999999", "253402300800000", "yesterday"}) {
        EXPECT_EQ(ParseFormTimestamp(bad), std::nullopt) << bad;
    }
}

TEST(RateDetector, FlagsEventsBeyondTheLimitWithinOneSecond) {
    RateDetector detector({.max_events_per_second = 3, .max_tracked_ids = 100});
    for (int event_idx = 0; event_idx < 3; ++event_idx) {
        EXPECT_EQ(detector.Record("a1", kT0 + milliseconds(event_idx * 100)), "") << event_idx;
    }
    EXPECT_EQ(detector.Record("a1", kT0 + milliseconds(400)), kBotRate);
    EXPECT_EQ(detector.Record("a1", kT0 + milliseconds(999)), kBotRate);
    EXPECT_EQ(detector.Record("other", kT0 + milliseconds(500)), "");
}

TEST(RateDetector, ANewSecondStartsAFreshWindow) {
    RateDetector detector({.max_events_per_second = 2, .max_tracked_ids = 100});
    EXPECT_EQ(detector.Record("a1", kT0), "");
    EXPECT_EQ(detector.Record("a1", kT0), "");
    EXPECT_EQ(detector.Record("a1", kT0), kBotRate);
    EXPECT_EQ(detector.Record("a1", kT0 + milliseconds(1000)), "");
    EXPECT_EQ(detector.Record("a1", kT0 - milliseconds(3000)), "");  // an old event of a batch
}

TEST(RateDetector, IgnoresEventsWithoutAnAnonymousId) {
    RateDetector detector({.max_events_per_second = 1, .max_tracked_ids = 100});
    for (int event_idx = 0; event_idx < 5; ++event_idx) EXPECT_EQ(detector.Record("", kT0), "");
    EXPECT_EQ(detector.TrackedIds(), 0U);
}

TEST(RateDetector, MemoryStaysBoundedUnderAnIdFlood) {
    RateDetector detector({.max_events_per_second = 1, .max_tracked_ids = 10});
    for (int id_idx = 0; id_idx < 1000; ++id_idx) {
        EXPECT_EQ(detector.Record("id" + std::to_string(id_idx), kT0), "");
        EXPECT_LE(detector.TrackedIds(), 10U);
    }
    // Old windows go first: a burst of a recent id still counts after the clean-up.
    RateDetector aging({.max_events_per_second = 1, .max_tracked_ids = 2});
    EXPECT_EQ(aging.Record("old", kT0), "");
    EXPECT_EQ(aging.Record("busy", kT0 + milliseconds(1500)), "");
    EXPECT_EQ(aging.Record("new", kT0 + milliseconds(1600)), "");
    EXPECT_EQ(aging.TrackedIds(), 2U);
    EXPECT_EQ(aging.Record("busy", kT0 + milliseconds(1700)), kBotRate);
}

TEST(RateDetector, AnActiveIdKeepsItsWindowThroughAFloodOfNewIds) {
    // 100 events of one visitor within a second, two new visitors after each: the table holds 10
    // ids, so it turns over many times, but the active id's window is never the one dropped.
    RateDetector detector({.max_events_per_second = 50, .max_tracked_ids = 10});
    int flagged = 0;
    for (int event_idx = 0; event_idx < 100; ++event_idx) {
        if (detector.Record("busy", kT0 + milliseconds(event_idx)) == kBotRate) ++flagged;
        for (int new_idx = 0; new_idx < 2; ++new_idx) {
            const std::string id = "new" + std::to_string(event_idx * 2 + new_idx);
            EXPECT_EQ(detector.Record(id, kT0 + milliseconds(event_idx)), "");
        }
        EXPECT_LE(detector.TrackedIds(), 10U);
    }
    EXPECT_EQ(flagged, 50);
}

}  // namespace
}  // namespace lb::tracking
