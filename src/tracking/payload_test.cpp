#include "tracking/payload.hpp"

#include <string>

#include <gtest/gtest.h>

namespace lb::tracking {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

const Timestamp kReceived = FromEpochMillis(1'767'225'600'000);  // 2026-01-01T00:00:00Z

CollectPayload ParseOk(const std::string& body) {
    auto payload = ParseCollectBody(body, kReceived);
    EXPECT_TRUE(payload.has_value()) << body << "\n" << payload.error().message;
    return payload.value_or(CollectPayload{});
}

TrackedEvent ParseOne(const std::string& body) {
    CollectPayload payload = ParseOk(body);
    EXPECT_EQ(payload.events.size(), 1U) << body;
    for (const auto& rejection : payload.rejections)
        ADD_FAILURE() << rejection.field << ": " << rejection.reason;
    return payload.events.empty() ? TrackedEvent{} : payload.events.front();
}

TEST(ParseCollectBody, ReadsAFullSegmentPageEvent) {
    const TrackedEvent event = ParseOne(R"({
        "writeKey": "tk_1", "type": "page", "name": "Pricing", "anonymousId": "a-1",
        "userId": "u-9", "messageId": "m-1", "timestamp": "2025-12-31T23:59:00Z",
        "properties": {"plan": "pro", "seats": 5},
        "context": {"page": {"url": "https://acme.dk/pricing?utm_source=x",
                             "referrer": "https://www.google.com/", "title": "Pricing - Acme",
                             "path": "/pricing"},
                    "userAgent": "Mozilla/5.0", "ip": "203.0.113.7",
                    "campaign": {"source": "google", "medium": "cpc", "name": "spring",
                                 "term": "crm", "content": "ad-1"},
                    "library": {"name": "analytics.js"}},
        "integrations": {"All": true}})");
    EXPECT_EQ(event.type, "page");
    EXPECT_EQ(event.name, "Pricing");
    EXPECT_EQ(event.anonymous_id, "a-1");
    EXPECT_EQ(event.user_id, "u-9");
    EXPECT_EQ(event.message_id, "m-1");
    EXPECT_EQ(event.properties_json, R"({"plan":"pro","seats":5})");
    EXPECT_EQ(event.traits_json, "{}");
    EXPECT_EQ(event.page.url, "https://acme.dk/pricing?utm_source=x");
    EXPECT_EQ(event.page.referrer, "https://www.google.com/");
    EXPECT_EQ(event.page.title, "Pricing - Acme");
    EXPECT_EQ(event.page.path, "/pricing");
    EXPECT_EQ(event.user_agent, "Mozilla/5.0");
    EXPECT_EQ(event.ip, "203.0.113.7");
    EXPECT_EQ(event.campaign.source, "google");
    EXPECT_EQ(event.campaign.medium, "cpc");
    EXPECT_EQ(event.campaign.name, "spring");
    EXPECT_EQ(event.campaign.term, "crm");
    EXPECT_EQ(event.campaign.content, "ad-1");
    EXPECT_EQ(event.occurred_at, kReceived - minutes(1));
    EXPECT_FALSE(event.is_clamped);
}

TEST(ParseCollectBody, PageFieldsFallBackToProperties) {
    const TrackedEvent event = ParseOne(R"({"type":"page","anonymousId":"a",
        "properties":{"url":"https://acme.dk/a","referrer":"https://t.co/x","title":7},
        "context":{"page":{"url":"","path":"/a"}}})");
    EXPECT_EQ(event.page.url, "https://acme.dk/a");
    EXPECT_EQ(event.page.referrer, "https://t.co/x");
    EXPECT_EQ(event.page.title, "");  // a non-string property is no title
    EXPECT_EQ(event.page.path, "/a");
}

TEST(ParseCollectBody, ReadsTheWriteKeyAndABatchInOrder) {
    const CollectPayload payload = ParseOk(R"({"writeKey":"tk_9","batch":[
        {"type":"track","event":"Signed Up","userId":"u1"},
        {"type":"identify","userId":"ann@acme.dk","traits":{"email":"ann@acme.dk"}},
        {"type":"bogus","userId":"u1"},
        {"type":"page","anonymousId":"a"}]})");
    EXPECT_EQ(payload.write_key, "tk_9");
    ASSERT_EQ(payload.events.size(), 3U);
    EXPECT_EQ(payload.events[0].index, 0U);
    EXPECT_EQ(payload.events[0].name, "Signed Up");
    EXPECT_EQ(payload.events[1].traits_json, R"({"email":"ann@acme.dk"})");
    EXPECT_EQ(payload.events[2].index, 3U);
    ASSERT_EQ(payload.rejections.size(), 1U);
    EXPECT_EQ(payload.rejections[0].index, 2U);
    EXPECT_EQ(payload.rejections[0].field, "type");
}

TEST(ParseCollectBody, AcceptsAnEmptyBatchAndTheFullLimit) {
    EXPECT_TRUE(ParseOk(R"({"batch":[]})").events.empty());
    std::string body = R"({"batch":[)";
    for (std::size_t event_idx = 0; event_idx < kMaxBatchEvents; ++event_idx) {
        if (event_idx > 0) body += ',';
        body += R"({"type":"page","anonymousId":"a)" + std::to_string(event_idx) + R"("})";
    }
    body += "]}";
    EXPECT_EQ(ParseOk(body).events.size(), kMaxBatchEvents);
}

struct AcceptCase {
    std::string name;
    std::string body;
    std::string type;
    std::string user_id;
};

class ParseCollectAccepts : public testing::TestWithParam<AcceptCase> {};

TEST_P(ParseCollectAccepts, TheEvent) {
    const TrackedEvent event = ParseOne(GetParam().body);
    EXPECT_EQ(event.type, GetParam().type);
    EXPECT_EQ(event.user_id, GetParam().user_id);
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    ParseCollectAccepts,
    testing::Values(
        AcceptCase{"TypeIsCaseInsensitive", R"({"type":"PAGE","userId":"u"})", "page", "u"},
        AcceptCase{"NumericUserIdBecomesText",
                   R"({"type":"identify","userId":12345})",
                   "identify",
                   "12345"},
        AcceptCase{"OfflineCallNeedsNoName",
                   R"({"type":"call","userId":"ann@acme.dk"})",
                   "call",
                   "ann@acme.dk"},
        AcceptCase{"EmailClickType",
                   R"({"type":"email_click","userId":"u","event":"newsletter"})",
                   "email_click",
                   "u"},
        AcceptCase{
            "NullsAreAbsent",
            R"({"type":"page","userId":"u","anonymousId":null,"properties":null,"context":null,"timestamp":null})",
            "page",
            "u"},
        AcceptCase{"IdsAreTrimmed", R"({"type":"page","userId":"  u  "})", "page", "u"},
        AcceptCase{
            "UnknownFieldsAreIgnored",
            R"({"type":"page","userId":"u","sentAt":null,"integrations":[1,2],"extra":{"a":[{}]}})",
            "page",
            "u"}),
    [](const auto& param_info) { return param_info.param.name; });

struct TimeCase {
    std::string name;
    std::string fields;  // JSON members added to a page event
    Timestamp expected;
    bool is_clamped;
};

class ParseCollectTimes : public testing::TestWithParam<TimeCase> {};

TEST_P(ParseCollectTimes, SetOccurredAt) {
    const TrackedEvent event =
        ParseOne(R"({"type":"page","anonymousId":"a")" + GetParam().fields + "}");
    EXPECT_EQ(FormatIso8601(event.occurred_at), FormatIso8601(GetParam().expected));
    EXPECT_EQ(event.is_clamped, GetParam().is_clamped);
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    ParseCollectTimes,
    testing::Values(
        TimeCase{"MissingIsTheReceiveTime", "", kReceived, false},
        TimeCase{"WithOffset",
                 R"(,"timestamp":"2026-01-01T01:00:00+02:00")",
                 kReceived - minutes(60),
                 false},
        TimeCase{"SlightlyAheadIsKept",
                 R"(,"timestamp":"2026-01-01T00:04:59Z")",
                 kReceived + milliseconds(299'000),
                 false},
        TimeCase{"FarAheadIsClampedToTheReceiveTime",
                 R"(,"timestamp":"2026-01-01T00:05:01Z")",
                 kReceived,
                 true},
        TimeCase{"YearsAheadIsClamped", R"(,"timestamp":"2099-01-01T00:00:00Z")", kReceived, true},
        TimeCase{"SentAtCorrectsTheClientClock",
                 R"(,"timestamp":"2026-01-01T02:00:00Z","sentAt":"2026-01-01T02:00:10Z")",
                 kReceived - milliseconds(10'000),
                 false},
        TimeCase{
            "SentAtAloneChangesNothing", R"(,"sentAt":"2020-01-01T00:00:00Z")", kReceived, false}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(ParseCollectBody, TheBatchSentAtCorrectsEventsWithoutTheirOwn) {
    const CollectPayload payload = ParseOk(R"({"sentAt":"2026-01-01T00:10:00Z","batch":[
        {"type":"page","anonymousId":"a","timestamp":"2026-01-01T00:09:00Z"},
        {"type":"page","anonymousId":"a","timestamp":"2026-01-01T00:09:00Z",
         "sentAt":"2026-01-01T00:09:30Z"}]})");
    ASSERT_EQ(payload.events.size(), 2U);
    EXPECT_EQ(payload.events[0].occurred_at, kReceived - minutes(1));
    EXPECT_EQ(payload.events[1].occurred_at, kReceived - milliseconds(30'000));
}

TEST(ParseCollectBody, StringsWithBracketsAreNoNesting) {
    const TrackedEvent event =
        ParseOne(R"({"type":"track","userId":"u","event":")" + std::string(100, '[') + R"(\"{"})");
    EXPECT_EQ(event.name, std::string(100, '[') + "\"{");
}

TEST(ToTouchpoint, CarriesTheEventFields) {
    TrackedEvent event;
    event.type = "page";
    event.anonymous_id = "a-1";
    event.page = {"https://acme.dk/", "https://t.co/", "Acme", "/"};
    event.campaign.name = "spring";
    event.properties_json = R"({"x":1})";
    event.occurred_at = kReceived;
    const domain::Touchpoint touchpoint = ToTouchpoint(event);
    EXPECT_EQ(touchpoint.type, "page");
    EXPECT_EQ(touchpoint.name, "Acme");  // a page without a name is named by its title
    EXPECT_EQ(touchpoint.anonymous_id, "a-1");
    EXPECT_EQ(touchpoint.url, "https://acme.dk/");
    EXPECT_EQ(touchpoint.campaign, "spring");
    EXPECT_EQ(touchpoint.properties_json, R"({"x":1})");
    EXPECT_EQ(touchpoint.occurred_at, kReceived);
    EXPECT_TRUE(touchpoint.filtered_reason.empty());
    event.name = "Home";
    EXPECT_EQ(ToTouchpoint(event).name, "Home");
}

}  // namespace
}  // namespace lb::tracking
