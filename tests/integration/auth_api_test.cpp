// Credentials and roles over HTTP: API keys, the session cookie and its CSRF rule, and which role
// may use which route.
#include "api_fixture.hpp"

namespace lb::testing {
namespace {

using domain::Role;
using nlohmann::json;

class AuthApi : public ApiTest {
protected:
    // Signs in as the admin user; returns the "lb_session=..." cookie pair.
    std::string SignIn() {
        const HttpReply reply =
            Fetch(Port(),
                  "POST",
                  "/api/v1/session",
                  json{{"email", kAdminEmail}, {"password", kAdminPassword}}.dump());
        EXPECT_EQ(reply.status, 200u) << reply.body;
        const std::string set_cookie = reply.Header("set-cookie");
        return set_cookie.substr(0, set_cookie.find(';'));
    }
};

TEST_P(AuthApi, HealthzNeedsNoCredential) {
    const HttpReply reply = Fetch(Port(), "GET", "/healthz");
    EXPECT_EQ(reply.status, 200u);
    EXPECT_EQ(reply.Json(), json({{"status", "ok"}}));
}

TEST_P(AuthApi, MissingOrBadCredentialsAre401AskingForBearer) {
    for (const Headers& headers : {Headers{},
                                   Headers{{"Authorization", "Bearer nope"}},
                                   Headers{{"Authorization", "Basic YTpi"}},
                                   Headers{{"Cookie", "lb_session=forged"}}}) {
        const HttpReply reply = Fetch(Port(), "GET", "/api/v1/leads", "", headers);
        ExpectError(reply, 401, "unauthenticated", "");
        EXPECT_EQ(reply.Header("www-authenticate"), "Bearer");
    }
}

TEST_P(AuthApi, SignInSetsAStrictHttpOnlyCookieThatAuthenticates) {
    const HttpReply reply =
        Fetch(Port(),
              "POST",
              "/api/v1/session",
              json{{"email", kAdminEmail}, {"password", kAdminPassword}}.dump());
    ASSERT_EQ(reply.status, 200u) << reply.body;
    EXPECT_EQ(reply.Json()["email"], kAdminEmail);
    const std::string set_cookie = reply.Header("set-cookie");
    EXPECT_EQ(set_cookie.rfind("lb_session=", 0), 0u) << set_cookie;
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(set_cookie.find("Path=/"), std::string::npos);
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    const HttpReply me = Fetch(Port(), "GET", "/api/v1/me", "", {{"Cookie", cookie}});
    ASSERT_EQ(me.status, 200u) << me.body;
    EXPECT_EQ(me.Json()["user"]["email"], kAdminEmail);
    EXPECT_EQ(me.Json()["role"], "admin");
}

TEST_P(AuthApi, WrongPasswordIs401) {
    ExpectError(Fetch(Port(),
                      "POST",
                      "/api/v1/session",
                      json{{"email", kAdminEmail}, {"password", "wrong password"}}.dump()),
                401,
                "unauthenticated",
                "");
    ExpectError(Fetch(Port(), "POST", "/api/v1/session", R"({"email": "a@b.dk"})"),
                400,
                "invalid_argument",
                "password");
}

TEST_P(AuthApi, CookieMutationsNeedJsonContentType) {
    const std::string cookie = SignIn();
    const std::string body = R"({"email": "csrf@x.dk"})";
    ExpectError(Fetch(Port(),
                      "POST",
                      "/api/v1/leads",
                      body,
                      {{"Cookie", cookie}, {"Content-Type", "text/plain"}}),
                403,
                "permission_denied",
                "");
    ExpectError(Fetch(Port(),
                      "POST",
                      "/api/v1/leads",
                      body,
                      {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}}),
                403,
                "permission_denied",
                "");
    EXPECT_EQ(Fetch(Port(), "POST", "/api/v1/leads", body, {{"Cookie", cookie}}).status, 201u);
    // A Bearer key is not sent by browsers on their own, so the rule does not apply to it.
    EXPECT_EQ(Fetch(Port(),
                    "POST",
                    "/api/v1/leads",
                    R"({"email": "key@x.dk"})",
                    {{"Authorization", "Bearer " + admin_key_}, {"Content-Type", "text/plain"}})
                  .status,
              201u);
}

TEST_P(AuthApi, SignOutEndsTheSession) {
    const std::string cookie = SignIn();
    const HttpReply out = Fetch(Port(),
                                "DELETE",
                                "/api/v1/session",
                                "",
                                {{"Cookie", cookie}, {"Content-Type", "application/json"}});
    EXPECT_EQ(out.status, 204u) << out.body;
    EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
    ExpectError(
        Fetch(Port(), "GET", "/api/v1/me", "", {{"Cookie", cookie}}), 401, "unauthenticated", "");
}

TEST_P(AuthApi, SalesSeesOnlyItsOwnLeads) {
    const json own = CreateLead({{"email", "own@x.dk"}, {"owner", kSalesEmail}});
    const json other = CreateLead({{"email", "other@x.dk"}, {"owner", kOtherSalesEmail}});
    const std::string own_path = "/api/v1/leads/" + std::to_string(own["id"].get<int>());
    const std::string other_path = "/api/v1/leads/" + std::to_string(other["id"].get<int>());
    EXPECT_EQ(Call("GET", own_path, "", sales_key_).status, 200u);
    ExpectError(Call("GET", other_path, "", sales_key_), 404, "not_found", "");
    ExpectError(Call("PATCH", other_path, R"({"stage": "sql"})", sales_key_), 404, "not_found", "");
    ExpectError(Call("GET", other_path + "/history", "", sales_key_), 404, "not_found", "");
    const HttpReply list = Call("GET", "/api/v1/leads", "", sales_key_);
    ASSERT_EQ(list.status, 200u);
    ASSERT_EQ(list.Json()["items"].size(), 1u) << list.body;
    EXPECT_EQ(list.Json()["items"][0]["email"], "own@x.dk");
}

TEST_P(AuthApi, SalesOwnerFilterAllowsItselfAndDeniesOthers) {
    CreateLead({{"email", "own@x.dk"}, {"owner", kSalesEmail}});
    CreateLead({{"email", "other@x.dk"}, {"owner", kOtherSalesEmail}});
    const HttpReply mine =
        Call("GET", std::string("/api/v1/leads?owner=") + kSalesEmail, "", sales_key_);
    ASSERT_EQ(mine.status, 200u) << mine.body;
    EXPECT_EQ(mine.Json()["items"].size(), 1u);
    EXPECT_EQ(Call("GET", "/api/v1/leads?owner=me", "", sales_key_).Json()["items"].size(), 1u);
    ExpectError(Call("GET", std::string("/api/v1/leads?owner=") + kOtherSalesEmail, "", sales_key_),
                403,
                "permission_denied",
                "");
    const HttpReply admin_view =
        Call("GET", std::string("/api/v1/leads?owner=") + kOtherSalesEmail);
    ASSERT_EQ(admin_view.status, 200u);
    EXPECT_EQ(admin_view.Json()["items"][0]["owner"], kOtherSalesEmail);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         AuthApi,
                         ::testing::ValuesIn(AllTestBackends()),
                         TestBackendName);

}  // namespace
}  // namespace lb::testing
