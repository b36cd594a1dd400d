// Tracking on known leads over HTTP: offline/sales touchpoints (validation, timeline, latest and
// first touch, idempotency, roles) and merging two leads (fields, history, timeline, 404 after).
#include <string>
#include <utility>
#include <vector>

#include "api_fixture.hpp"

namespace lb::testing {
namespace {

using nlohmann::json;

class LeadTrackingApi : public ApiTest {
protected:
    static std::string Id(const json& lead) { return std::to_string(lead["id"].get<int>()); }
    HttpReply LogTouch(const json& lead, const json& body, const std::string& key = {}) {
        return Call("POST", "/api/v1/leads/" + Id(lead) + "/touchpoints", body.dump(), key);
    }
    HttpReply Merge(const json& survivor, const json& body, const std::string& key = {}) {
        return Call("POST", "/api/v1/leads/" + Id(survivor) + "/merge", body.dump(), key);
    }
    json Get(const json& lead) {
        const HttpReply reply = Call("GET", "/api/v1/leads/" + Id(lead));
        EXPECT_EQ(reply.status, 200u) << reply.body;
        return reply.Json();
    }
    json Timeline(const json& lead) {
        return Call("GET", "/api/v1/leads/" + Id(lead) + "/timeline").Json()["items"];
    }
};

TEST_P(LeadTrackingApi, LoggedCallShowsInTheTimelineAndBecomesTheTouch) {
    const json lead = CreateLead({{"email", "ann@acme.dk"}});
    const HttpReply reply = LogTouch(lead,
                                     {{"type", "call"},
                                      {"name", "Intro call"},
                                      {"occurred_at", "2026-03-01T09:30:00Z"},
                                      {"channel", "cold-canvassing"},
                                      {"properties", {{"duration_min", 12}}}});
    ASSERT_EQ(reply.status, 201u) << reply.body;
    EXPECT_EQ(reply.Json()["type"], "call");
    EXPECT_EQ(reply.Json()["properties"]["duration_min"], 12);
    EXPECT_GT(reply.Json()["id"].get<int>(), 0);
    const json timeline = Timeline(lead);
    ASSERT_EQ(timeline.size(), 1u);
    EXPECT_EQ(timeline[0]["name"], "Intro call");
    EXPECT_EQ(timeline[0]["occurred_at"], "2026-03-01T09:30:00.000Z");
    const json stored = Get(lead);
    EXPECT_EQ(stored["first_touch"]["channel"], "cold-canvassing");
    EXPECT_EQ(stored["latest_touch"]["channel"], "cold-canvassing");
    ASSERT_EQ(
        LogTouch(
            lead,
            {{"type", "meeting"}, {"occurred_at", "2026-03-05T09:30:00Z"}, {"channel", "event"}})
            .status,
        201u);
    const json later = Get(lead);
    EXPECT_EQ(later["first_touch"]["channel"], "cold-canvassing");
    EXPECT_EQ(later["latest_touch"]["channel"], "event");
}

TEST_P(LeadTrackingApi, RepeatedMessageIdReturnsTheFirstTouchpoint) {
    const json lead = CreateLead({{"email", "bo@acme.dk"}});
    const json body = {{"type", "email_sent"}, {"message_id", "crm-42"}};
    const HttpReply first = LogTouch(lead, body);
    ASSERT_EQ(first.status, 201u) << first.body;
    const HttpReply again = LogTouch(lead, body);
    ASSERT_EQ(again.status, 200u) << again.body;
    EXPECT_EQ(again.Json()["id"], first.Json()["id"]);
    EXPECT_EQ(Timeline(lead).size(), 1u);
    const json other = CreateLead({{"email", "cy@acme.dk"}});
    ExpectError(LogTouch(other, body), 409, "conflict", "");
}

// An e-mail open or click logged by a person is stored as the same type an e-mail tool sends to
// /collect, so the default model's e-mail click rule counts it (regression: the API stored
// email_clicked, which no rule named).
TEST_P(LeadTrackingApi, LoggedEmailOpensAndClicksAreStoredAsTrackedOnesAndScore) {
    const json lead = CreateLead({{"email", "ed@acme.dk"}});
    const HttpReply clicked = LogTouch(lead, {{"type", "email_clicked"}});
    ASSERT_EQ(clicked.status, 201u) << clicked.body;
    EXPECT_EQ(clicked.Json()["type"], "email_click");
    const HttpReply opened = LogTouch(lead, {{"type", "email_opened"}});
    ASSERT_EQ(opened.status, 201u) << opened.body;
    EXPECT_EQ(opened.Json()["type"], "email_open");
    const HttpReply tracked_name = LogTouch(lead, {{"type", "email_click"}});
    ASSERT_EQ(tracked_name.status, 201u) << tracked_name.body;
    EXPECT_EQ(tracked_name.Json()["type"], "email_click");
    const json stored = Get(lead);
    int click_items = 0;
    for (const json& item : stored["score"]["breakdown"])
        if (item["rule"] == "email-click") ++click_items;
    EXPECT_GE(click_items, 1) << stored["score"].dump();
}

// A demo booking, trial, download or event attendance logged by sales counts in the default
// model like the same action tracked on the site (regression: those rules matched only tracked
// event names, so a logged demo booking gave no points).
TEST_P(LeadTrackingApi, LoggedSalesActivitiesScoreLikeTrackedOnes) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"demo_booked", "demo-booked"},
        {"trial_started", "demo-booked"},
        {"content_downloaded", "download"},
        {"event_attendance", "webinar"}};
    for (const auto& [type, rule] : cases) {
        const json lead = CreateLead({{"email", type + "@acme.dk"}});
        const HttpReply logged = LogTouch(lead, {{"type", type}, {"name", "Logged by sales"}});
        ASSERT_EQ(logged.status, 201u) << logged.body;
        const json stored = Get(lead);
        int items = 0;
        for (const json& item : stored["score"]["breakdown"])
            if (item["rule"] == rule) ++items;
        EXPECT_EQ(items, 1) << type << ": " << stored["score"].dump();
    }
}

TEST_P(LeadTrackingApi, BadTouchpointsAreRejectedNamingTheField) {
    const json lead = CreateLead({{"email", "di@acme.dk"}});
    ExpectError(LogTouch(lead, {{"name", "x"}}), 400, "invalid_argument", "type");
    ExpectError(LogTouch(lead, {{"type", "fax"}}), 400, "invalid_argument", "type");
    ExpectError(LogTouch(lead, {{"type", "call"}, {"occurred_at", "yesterday"}}),
                400,
                "invalid_argument",
                "occurred_at");
    ExpectError(LogTouch(lead, {{"type", "call"}, {"channel", "carrier-pigeon"}}),
                400,
                "invalid_argument",
                "channel");
    ExpectError(LogTouch(lead, {{"type", "call"}, {"properties", "x"}}),
                400,
                "invalid_argument",
                "properties");
    ExpectError(
        LogTouch(lead, {{"type", "call"}, {"colour", "red"}}), 400, "invalid_argument", "colour");
    EXPECT_TRUE(Timeline(lead).empty());
    const HttpReply missing =
        Call("POST", "/api/v1/leads/99999/touchpoints", json{{"type", "call"}}.dump());
    EXPECT_EQ(missing.status, 404u);
}

TEST_P(LeadTrackingApi, SalesLogsOnlyOnTheirOwnLeads) {
    const json own = CreateLead({{"email", "own@acme.dk"}, {"owner", kSalesEmail}});
    const json other = CreateLead({{"email", "other@acme.dk"}, {"owner", kOtherSalesEmail}});
    EXPECT_EQ(LogTouch(own, {{"type", "call"}}, sales_key_).status, 201u);
    EXPECT_EQ(LogTouch(other, {{"type", "call"}}, sales_key_).status, 404u);
    EXPECT_EQ(LogTouch(own, {{"type", "call"}}, tracking_key_).status, 403u);
}

TEST_P(LeadTrackingApi, MergeFillsFieldsMovesEverythingAndDeletesTheAbsorbedLead) {
    const json survivor = CreateLead(
        {{"email", "ann@acme.dk"}, {"first_name", "Ann"}, {"custom_fields", {{"size", "S"}}}});
    const json absorbed = CreateLead({{"email", "ann.berg@gmail.com"},
                                      {"first_name", "Anne"},
                                      {"last_name", "Berg"},
                                      {"title", "CMO"},
                                      {"custom_fields", {{"size", "L"}, {"budget", "9"}}}});
    ASSERT_EQ(
        LogTouch(
            absorbed,
            {{"type", "meeting"}, {"occurred_at", "2026-01-01T10:00:00Z"}, {"channel", "event"}})
            .status,
        201u);
    ASSERT_EQ(LogTouch(survivor,
                       {{"type", "call"},
                        {"occurred_at", "2026-02-01T10:00:00Z"},
                        {"channel", "cold-canvassing"}})
                  .status,
              201u);
    const HttpReply reply = Merge(survivor, {{"from", absorbed["id"]}, {"reason", "same person"}});
    ASSERT_EQ(reply.status, 200u) << reply.body;
    const json lead = reply.Json()["lead"];
    EXPECT_EQ(reply.Json()["moved"]["touchpoints"], 1);
    EXPECT_EQ(lead["email"], "ann@acme.dk");
    EXPECT_EQ(lead["first_name"], "Ann");
    EXPECT_EQ(lead["last_name"], "Berg");
    EXPECT_EQ(lead["title"], "CMO");
    EXPECT_EQ(lead["custom_fields"]["size"], "S");
    EXPECT_EQ(lead["custom_fields"]["budget"], "9");
    EXPECT_EQ(lead["first_touch"]["channel"], "event");
    EXPECT_EQ(lead["latest_touch"]["channel"], "cold-canvassing");
    EXPECT_EQ(Timeline(survivor).size(), 2u);
    const json history = Call("GET", "/api/v1/leads/" + Id(survivor) + "/history").Json()["items"];
    ASSERT_EQ(history.size(), 3u) << history.dump();  // two "created" entries and "merged"
    const json merged = history[2];
    EXPECT_EQ(merged["kind"], "merged");
    EXPECT_NE(merged["from"].dump().find("ann.berg@gmail.com"), std::string::npos) << merged.dump();
    EXPECT_EQ(merged["reason"], "same person");
    EXPECT_EQ(Call("GET", "/api/v1/leads/" + Id(absorbed)).status, 404u);
}

TEST_P(LeadTrackingApi, MergeRejectsItselfMissingLeadsAndSales) {
    const json lead = CreateLead({{"email", "eve@acme.dk"}, {"owner", kSalesEmail}});
    const json other = CreateLead({{"email", "eva@acme.dk"}, {"owner", kSalesEmail}});
    ExpectError(Merge(lead, {{"from", lead["id"]}}), 400, "invalid_argument", "from");
    ExpectError(Merge(lead, {{"from", 99999}}), 404, "not_found", "from");
    ExpectError(Merge(lead, {{"reason", "x"}}), 400, "invalid_argument", "from");
    EXPECT_EQ(Merge(lead, {{"from", other["id"]}}, sales_key_).status, 403u);
    EXPECT_EQ(Get(other)["email"], "eva@acme.dk");
}

LB_INSTANTIATE_ON_ALL_BACKENDS(LeadTrackingApi);

}  // namespace
}  // namespace lb::testing
