// Leads over HTTP: create, read, patch, list with filters and pages, history, timeline, and the
// error shapes of bad input.
#include <set>

#include "api_fixture.hpp"

namespace lb::testing {
namespace {

using nlohmann::json;

class LeadsApi : public ApiTest {};

TEST_P(LeadsApi, CreateReturns201WithLocationAndTheLead) {
    const HttpReply reply = Call("POST",
                                 "/api/v1/leads",
                                 R"({"email": "Ann@Acme.dk", "first_name": "Ann", "rating": "hot",
                                     "horizon": "now", "potential": "A", "probability": 1,
                                     "deal_value": 12500.5, "custom_fields": {"size": "L"},
                                     "company": {"name": "Acme", "employees": 40}})");
    ASSERT_EQ(reply.status, 201u) << reply.body;
    const json lead = reply.Json();
    EXPECT_EQ(reply.Header("location"), "/api/v1/leads/" + std::to_string(lead["id"].get<int>()));
    EXPECT_EQ(lead["email"], "ann@acme.dk");
    EXPECT_EQ(lead["rating"], "hot");
    EXPECT_EQ(lead["potential"], "A");
    EXPECT_EQ(lead["probability"], 1);
    EXPECT_DOUBLE_EQ(lead["deal_value"].get<double>(), 12500.5);
    EXPECT_EQ(lead["company"]["name"], "Acme");
    EXPECT_EQ(lead["company"]["employees"], 40);
    EXPECT_EQ(lead["custom_fields"]["size"], "L");
    EXPECT_TRUE(lead["title"].is_null());
    EXPECT_TRUE(lead["owner"].is_null());
    EXPECT_TRUE(lead["score"]["breakdown"].is_array());
    EXPECT_EQ(lead["created_at"], FormatIso8601(clock_.Now()));
}

TEST_P(LeadsApi, GetReturnsTheCreatedLead) {
    const json created = CreateLead({{"email", "bo@x.dk"}, {"stage", "mql"}});
    const HttpReply reply =
        Call("GET", "/api/v1/leads/" + std::to_string(created["id"].get<int>()));
    ASSERT_EQ(reply.status, 200u) << reply.body;
    EXPECT_EQ(reply.Json(), created);
}

TEST_P(LeadsApi, PatchStageAppendsHistoryWithReason) {
    const json created = CreateLead({{"email", "cy@x.dk"}});
    const std::string path = "/api/v1/leads/" + std::to_string(created["id"].get<int>());
    clock_.Advance(std::chrono::hours(1));
    const HttpReply patched =
        Call("PATCH", path, R"({"stage": "sql", "reason": "budget approved"})");
    ASSERT_EQ(patched.status, 200u) << patched.body;
    EXPECT_EQ(patched.Json()["stage"], "sql");
    EXPECT_EQ(patched.Json()["updated_at"], FormatIso8601(clock_.Now()));
    const HttpReply history = Call("GET", path + "/history");
    ASSERT_EQ(history.status, 200u) << history.body;
    const json items = history.Json()["items"];
    ASSERT_FALSE(items.empty());
    const json& last = items.back();
    EXPECT_EQ(last["kind"], "stage");
    EXPECT_EQ(last["to"], "sql");
    EXPECT_EQ(last["reason"], "budget approved");
    EXPECT_EQ(last["at"], FormatIso8601(clock_.Now()));
}

TEST_P(LeadsApi, PatchNullClearsAFieldAndAbsentKeepsIt) {
    const json created =
        CreateLead({{"email", "di@x.dk"}, {"title", "CEO"}, {"phone", "+45 1234"}});
    const std::string path = "/api/v1/leads/" + std::to_string(created["id"].get<int>());
    const HttpReply patched = Call("PATCH", path, R"({"title": null})");
    ASSERT_EQ(patched.status, 200u) << patched.body;
    EXPECT_TRUE(patched.Json()["title"].is_null());
    EXPECT_EQ(patched.Json()["phone"], "+45 1234");
}

TEST_P(LeadsApi, TimelineOfANewLeadIsAnEmptyList) {
    const json created = CreateLead({{"email", "ed@x.dk"}});
    const HttpReply reply =
        Call("GET", "/api/v1/leads/" + std::to_string(created["id"].get<int>()) + "/timeline");
    ASSERT_EQ(reply.status, 200u) << reply.body;
    EXPECT_EQ(reply.Json(), json({{"items", json::array()}}));
}

TEST_P(LeadsApi, ListFiltersByStageAndQuery) {
    CreateLead({{"email", "a1@x.dk"}, {"stage", "mql"}, {"last_name", "Jensen"}});
    CreateLead({{"email", "a2@x.dk"}, {"stage", "sql"}, {"last_name", "Jensen"}});
    CreateLead({{"email", "a3@x.dk"}, {"stage", "mql"}, {"last_name", "Hansen"}});
    const HttpReply reply = Call("GET", "/api/v1/leads?stage=mql&q=jensen");
    ASSERT_EQ(reply.status, 200u) << reply.body;
    const json body = reply.Json();
    ASSERT_EQ(body["items"].size(), 1u) << reply.body;
    EXPECT_EQ(body["items"][0]["email"], "a1@x.dk");
    EXPECT_TRUE(body["next_cursor"].is_null());
}

TEST_P(LeadsApi, PaginationVisitsEveryLeadExactlyOnce) {
    std::set<int> created;
    for (int lead_idx = 0; lead_idx < 7; ++lead_idx) {
        created.insert(
            CreateLead({{"email", "p" + std::to_string(lead_idx) + "@x.dk"}})["id"].get<int>());
        clock_.Advance(std::chrono::seconds(1));
    }
    std::multiset<int> visited;
    std::string cursor;
    for (int page_idx = 0; page_idx < 10; ++page_idx) {
        const HttpReply reply =
            Call("GET", "/api/v1/leads?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(reply.status, 200u) << reply.body;
        const json body = reply.Json();
        EXPECT_LE(body["items"].size(), 3u);
        for (const json& lead : body["items"]) visited.insert(lead["id"].get<int>());
        if (body["next_cursor"].is_null()) break;
        cursor = body["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(visited.size(), created.size());
    EXPECT_EQ(std::set<int>(visited.begin(), visited.end()), created);
}

TEST_P(LeadsApi, DuplicateEmailIs409NamingEmail) {
    CreateLead({{"email", "dup@x.dk"}});
    ExpectError(
        Call("POST", "/api/v1/leads", R"({"email": "DUP@x.dk"})"), 409, "already_exists", "email");
}

TEST_P(LeadsApi, MalformedJsonIs400SayingWhere) {
    const HttpReply reply = Call("POST", "/api/v1/leads", R"({"email": })");
    ExpectError(reply, 400, "invalid_argument", "");
    EXPECT_EQ(
        reply.Json()["error"]["message"].get<std::string>().rfind("malformed JSON at byte 11: ", 0),
        0u)
        << reply.body;
}

TEST_P(LeadsApi, WrongTypesAndUnknownFieldsAre400NamingTheField) {
    ExpectError(Call("POST", "/api/v1/leads", R"({"company": {"name": "A", "employees": "40"}})"),
                400,
                "invalid_argument",
                "company.employees");
    ExpectError(Call("POST", "/api/v1/leads", R"({"email": "x@y.dk", "colour": "red"})"),
                400,
                "invalid_argument",
                "colour");
    ExpectError(Call("POST", "/api/v1/leads", R"({"do_not_call": 1})"),
                400,
                "invalid_argument",
                "do_not_call");
}

TEST_P(LeadsApi, BadEnumValuesAre400NamingTheField) {
    ExpectError(Call("POST", "/api/v1/leads", R"({"email": "e@x.dk", "rating": "lukewarm"})"),
                400,
                "invalid_argument",
                "rating");
    ExpectError(Call("POST", "/api/v1/leads", R"({"email": "e@x.dk", "stage": "maybe"})"),
                400,
                "invalid_argument",
                "stage");
    ExpectError(Call("POST", "/api/v1/leads", R"({"email": "e@x.dk", "potential": "Z"})"),
                400,
                "invalid_argument",
                "potential");
}

TEST_P(LeadsApi, BadIdsAre400AndMissingLeadsAre404) {
    ExpectError(Call("GET", "/api/v1/leads/abc"), 400, "invalid_argument", "id");
    ExpectError(Call("GET", "/api/v1/leads/-4"), 400, "invalid_argument", "id");
    ExpectError(Call("PATCH", "/api/v1/leads/1x", "{}"), 400, "invalid_argument", "id");
    ExpectError(Call("GET", "/api/v1/leads/999999"), 404, "not_found", "");
    ExpectError(Call("GET", "/api/v1/leads/999999/history"), 404, "not_found", "");
}

TEST_P(LeadsApi, BadQueryParametersAre400NamingTheParameter) {
    const std::pair<const char*, const char*> cases[] = {
        {"/api/v1/leads?limit=0", "limit"},
        {"/api/v1/leads?limit=501", "limit"},
        {"/api/v1/leads?limit=ten", "limit"},
        {"/api/v1/leads?min_score=101", "min_score"},
        {"/api/v1/leads?min_score=x", "min_score"},
        {"/api/v1/leads?sort=colour", "sort"},
        {"/api/v1/leads?stge=mql", "stge"},
        {"/api/v1/leads?q=%zz", "q"},
        {"/api/v1/companies?limit=-1", "limit"},
    };
    for (const auto& [target, field] : cases) {
        SCOPED_TRACE(target);
        ExpectError(Call("GET", target), 400, "invalid_argument", field);
    }
}

TEST_P(LeadsApi, UnknownPathsAre404AndWrongMethods405WithAllow) {
    ExpectError(Call("GET", "/api/v1/nothing"), 404, "not_found", "");
    const HttpReply reply = Call("DELETE", "/api/v1/leads/1");
    EXPECT_EQ(reply.status, 405u);
    EXPECT_EQ(reply.Header("allow"), "GET, PATCH");
    EXPECT_EQ(reply.Json()["error"]["code"], "method_not_allowed");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         LeadsApi,
                         ::testing::ValuesIn(AllTestBackends()),
                         TestBackendName);

}  // namespace
}  // namespace lb::testing
