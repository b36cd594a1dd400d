#include "http/auth.hpp"

#include <gtest/gtest.h>

namespace lb::http {
namespace {

Request WithHeader(std::string name, std::string value) {
    Request request;
    request.headers[std::move(name)] = std::move(value);
    return request;
}

TEST(SessionToken, FindsTheSessionCookieAmongOthers) {
    EXPECT_EQ(SessionToken(WithHeader("cookie", "theme=dark; lb_session=abc123; x=1")), "abc123");
    EXPECT_EQ(SessionToken(WithHeader("cookie", "lb_session=tok")), "tok");
    EXPECT_EQ(SessionToken(WithHeader("cookie", "not_lb_session=tok")), "");
    EXPECT_EQ(SessionToken(Request{}), "");
}

TEST(HasJsonContentType, IgnoresParametersAndCase) {
    EXPECT_TRUE(HasJsonContentType(WithHeader("content-type", "application/json")));
    EXPECT_TRUE(HasJsonContentType(WithHeader("content-type", "Application/JSON; charset=utf-8")));
    EXPECT_FALSE(HasJsonContentType(WithHeader("content-type", "text/plain")));
    EXPECT_FALSE(
        HasJsonContentType(WithHeader("content-type", "application/x-www-form-urlencoded")));
    EXPECT_FALSE(HasJsonContentType(Request{}));
}

TEST(SessionCookieHeader, IsHttpOnlyStrictAndRootScoped) {
    const std::string cookie = SessionCookieHeader("tok", std::chrono::seconds(3600));
    EXPECT_EQ(cookie, "lb_session=tok; HttpOnly; SameSite=Strict; Path=/; Max-Age=3600");
    EXPECT_NE(ClearedSessionCookieHeader().find("Max-Age=0"), std::string::npos);
}

}  // namespace
}  // namespace lb::http
