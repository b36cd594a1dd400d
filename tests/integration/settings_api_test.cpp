// Companies, business areas, channels, the workspace, users and API keys over HTTP.
#include "api_fixture.hpp"

namespace lb::testing {
namespace {

using nlohmann::json;

class SettingsApi : public ApiTest {};

TEST_P(SettingsApi, CompaniesCanBeCreatedReadPatchedAndListed) {
    const HttpReply created =
        Call("POST",
             "/api/v1/companies",
             R"({"name": "Acme", "domain": "acme.dk", "annual_revenue": 2500000.25,
                                       "country": "DK", "customer_status": "customer"})");
    ASSERT_EQ(created.status, 201u) << created.body;
    const json company = created.Json();
    const std::string path = "/api/v1/companies/" + std::to_string(company["id"].get<int>());
    EXPECT_EQ(created.Header("location"), path);
    EXPECT_DOUBLE_EQ(company["annual_revenue"].get<double>(), 2500000.25);
    EXPECT_EQ(company["customer_status"], "customer");
    EXPECT_EQ(Call("GET", path).Json(), company);

    const HttpReply patched = Call("PATCH", path, R"({"employees": 12, "country": null})");
    ASSERT_EQ(patched.status, 200u) << patched.body;
    EXPECT_EQ(patched.Json()["employees"], 12);
    EXPECT_TRUE(patched.Json()["country"].is_null());

    const HttpReply list = Call("GET", "/api/v1/companies?q=acm&limit=10");
    ASSERT_EQ(list.status, 200u) << list.body;
    ASSERT_EQ(list.Json()["items"].size(), 1u);
    EXPECT_EQ(list.Json()["items"][0]["name"], "Acme");
    EXPECT_TRUE(list.Json()["next_cursor"].is_null());
}

TEST_P(SettingsApi, CompanyErrorsNameTheField) {
    ExpectError(Call("POST", "/api/v1/companies", R"({"name": "A", "employees": 1.5})"),
                400,
                "invalid_argument",
                "employees");
    ExpectError(Call("POST", "/api/v1/companies", R"({"name": "A", "customer_status": "vip"})"),
                400,
                "invalid_argument",
                "customer_status");
    ExpectError(Call("GET", "/api/v1/companies/zero"), 400, "invalid_argument", "id");
    ExpectError(Call("GET", "/api/v1/companies/424242"), 404, "not_found", "");
}

TEST_P(SettingsApi, BusinessAreasCanBeCreatedListedAndPatched) {
    const HttpReply created =
        Call("POST",
             "/api/v1/business-areas",
             R"({"key": "radio", "name": "Radio", "average_deal_value": 40000})");
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(created.Header("location"), "/api/v1/business-areas/radio");
    EXPECT_DOUBLE_EQ(created.Json()["average_deal_value"].get<double>(), 40000.0);
    const HttpReply patched =
        Call("PATCH", "/api/v1/business-areas/radio", R"({"name": "Radio ads"})");
    ASSERT_EQ(patched.status, 200u) << patched.body;
    EXPECT_EQ(patched.Json()["name"], "Radio ads");
    const HttpReply list = Call("GET", "/api/v1/business-areas");
    ASSERT_EQ(list.status, 200u);
    bool is_listed = false;
    const json areas = list.Json()["items"];
    for (const json& area : areas) is_listed |= area["key"] == "radio";
    EXPECT_TRUE(is_listed) << list.body;
    ExpectError(Call("POST", "/api/v1/business-areas", R"({"key": "radio", "name": "Again"})"),
                409,
                "already_exists",
                "key");
}

TEST_P(SettingsApi, ChannelsCanBeCreatedListedAndPatched) {
    const HttpReply created =
        Call("POST",
             "/api/v1/channels",
             R"({"key": "trade-fair", "name": "Trade fair", "kind": "offline"})");
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(created.Json()["kind"], "offline");
    const HttpReply patched = Call("PATCH", "/api/v1/channels/trade-fair", R"({"kind": "online"})");
    ASSERT_EQ(patched.status, 200u) << patched.body;
    EXPECT_EQ(patched.Json()["kind"], "online");
    EXPECT_EQ(Call("GET", "/api/v1/channels").status, 200u);
    ExpectError(Call("POST", "/api/v1/channels", R"({"key": "x", "name": "X", "kind": "psychic"})"),
                400,
                "invalid_argument",
                "kind");
    ExpectError(Call("PATCH", "/api/v1/channels/nope", R"({"name": "N"})"), 404, "not_found", "");
}

TEST_P(SettingsApi, WorkspaceShowsTheTrackingKeyAndCanBePatched) {
    const HttpReply got = Call("GET", "/api/v1/workspace");
    ASSERT_EQ(got.status, 200u) << got.body;
    EXPECT_EQ(got.Json()["tracking_key"], workspace_.tracking_key);
    const HttpReply patched =
        Call("PATCH", "/api/v1/workspace", R"({"name": "Nordic Media", "mql_threshold": 70})");
    ASSERT_EQ(patched.status, 200u) << patched.body;
    EXPECT_EQ(patched.Json()["name"], "Nordic Media");
    EXPECT_EQ(patched.Json()["mql_threshold"], 70);
    ExpectError(Call("PATCH", "/api/v1/workspace", R"({"tracking_key": "mine"})"),
                400,
                "invalid_argument",
                "tracking_key");
    ExpectError(Call("PATCH", "/api/v1/workspace", R"({"mql_threshold": "high"})"),
                400,
                "invalid_argument",
                "mql_threshold");
}

TEST_P(SettingsApi, UsersCanBeCreatedAndListedWithoutPasswordHashes) {
    const HttpReply created = Call("POST",
                                   "/api/v1/users",
                                   R"({"email": "New@Team.dk", "name": "New", "role": "marketing",
                                       "password": "long enough password"})");
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(created.Json()["email"], "new@team.dk");
    EXPECT_EQ(created.Json()["role"], "marketing");
    const HttpReply list = Call("GET", "/api/v1/users");
    ASSERT_EQ(list.status, 200u);
    EXPECT_EQ(list.body.find("argon2"), std::string::npos);
    EXPECT_EQ(list.body.find("password"), std::string::npos);
    ExpectError(Call("POST", "/api/v1/users", R"({"email": "new@team.dk", "role": "sales"})"),
                409,
                "already_exists",
                "email");
    ExpectError(Call("POST", "/api/v1/users", R"({"email": "z@team.dk", "role": "boss"})"),
                400,
                "invalid_argument",
                "role");
}

TEST_P(SettingsApi, ApiKeySecretIsShownOnceAndRevokingStopsIt) {
    const HttpReply created =
        Call("POST", "/api/v1/api-keys", R"({"role": "marketing", "name": "ci"})");
    ASSERT_EQ(created.status, 201u) << created.body;
    const std::string secret = created.Json()["secret"];
    const int id = created.Json()["id"];
    EXPECT_EQ(Call("GET", "/api/v1/leads", "", secret).status, 200u);
    const HttpReply list = Call("GET", "/api/v1/api-keys");
    ASSERT_EQ(list.status, 200u);
    EXPECT_EQ(list.body.find(secret), std::string::npos);
    EXPECT_EQ(Call("DELETE", "/api/v1/api-keys/" + std::to_string(id)).status, 204u);
    ExpectError(Call("GET", "/api/v1/leads", "", secret), 401, "unauthenticated", "");
    ExpectError(Call("POST", "/api/v1/api-keys", R"({"role": "sales", "user": "who@x.dk"})"),
                400,
                "invalid_argument",
                "user");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         SettingsApi,
                         ::testing::ValuesIn(AllTestBackends()),
                         TestBackendName);

}  // namespace
}  // namespace lb::testing
