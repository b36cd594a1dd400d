#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/url.hpp"

namespace lb::http {
namespace {

Handler Echo(std::string name) {
    return [name](const Request& request) {
        Response response;
        response.body = name;
        for (const auto& [key, value] : request.path_params)
            response.body += " " + key + "=" + value;
        return response;
    };
}

Router MakeRouter() {
    Router router;
    router.Add("GET", "/api/v1/leads", Echo("list"));
    router.Add("POST", "/api/v1/leads", Echo("create"));
    router.Add("GET", "/api/v1/leads/{id}", Echo("get"));
    router.Add("PATCH", "/api/v1/leads/{id}", Echo("patch"));
    router.Add("GET", "/api/v1/leads/{id}/history", Echo("history"));
    return router;
}

Request Make(std::string method, std::string path) {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    return request;
}

TEST(Router, MatchesLiteralAndParameterSegments) {
    const Router router = MakeRouter();
    EXPECT_EQ(router.Dispatch(Make("GET", "/api/v1/leads")).body, "list");
    EXPECT_EQ(router.Dispatch(Make("POST", "/api/v1/leads")).body, "create");
    EXPECT_EQ(router.Dispatch(Make("GET", "/api/v1/leads/42")).body, "get id=42");
    EXPECT_EQ(router.Dispatch(Make("GET", "/api/v1/leads/7/history")).body, "history id=7");
}

TEST(Router, DecodesPathParameters) {
    EXPECT_EQ(MakeRouter().Dispatch(Make("GET", "/api/v1/leads/a%20b")).body, "get id=a b");
}

TEST(Router, UnknownPathIsJson404) {
    const Router router = MakeRouter();
    for (const char* path : {"/api/v1/nothing", "/api/v1/leads/1/x", "/api/v1/leads/", "/"}) {
        const Response response = router.Dispatch(Make("GET", path));
        EXPECT_EQ(response.status, 404u) << path;
        EXPECT_EQ(response.content_type, "application/json");
        EXPECT_NE(response.body.find("\"not_found\""), std::string::npos);
    }
}

TEST(Router, WrongMethodIs405WithAllowListingEveryMethodOfThePath) {
    const Router router = MakeRouter();
    const Response on_item = router.Dispatch(Make("DELETE", "/api/v1/leads/3"));
    EXPECT_EQ(on_item.status, 405u);
    EXPECT_EQ(on_item.Header("Allow"), "GET, PATCH");
    EXPECT_NE(on_item.body.find("method_not_allowed"), std::string::npos);
    EXPECT_EQ(router.Dispatch(Make("PUT", "/api/v1/leads")).Header("Allow"), "GET, POST");
}

TEST(Router, BadEscapeInParameterIs400NamingIt) {
    const Response response = MakeRouter().Dispatch(Make("GET", "/api/v1/leads/%zz"));
    EXPECT_EQ(response.status, 400u);
    EXPECT_NE(response.body.find("\"field\":\"id\""), std::string::npos);
}

TEST(ParseQuery, DecodesNamesAndValuesAndKeepsTheLastRepeat) {
    auto params = ParseQuery("q=ann+lee&stage=mql&stage=sql&empty=&flag&x%3Dy=%C3%A6");
    ASSERT_TRUE(params) << params.error().message;
    EXPECT_EQ((*params)["q"], "ann lee");
    EXPECT_EQ((*params)["stage"], "sql");
    EXPECT_EQ((*params)["empty"], "");
    EXPECT_TRUE(params->contains("flag"));
    EXPECT_EQ((*params)["x=y"], "\xC3\xA6");
}

TEST(ParseQuery, RejectsBadEscapesAndNulNamingTheParameter) {
    for (const char* query : {"limit=%4", "limit=%g1", "limit=%00"}) {
        auto params = ParseQuery(query);
        ASSERT_FALSE(params) << query;
        EXPECT_EQ(params.error().field, "limit") << query;
    }
}

TEST(ParseQuery, RejectsNamesOutsideTheAllowedList) {
    auto params = ParseQuery("q=a&stge=mql", {"q", "stage"});
    ASSERT_FALSE(params);
    EXPECT_EQ(params.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(params.error().field, "stge");
}

}  // namespace
}  // namespace lb::http
