#include "http/error_mapping.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace lb::http {
namespace {

TEST(ErrorMapping, EveryCodeHasItsStatus) {
    const std::pair<ErrorCode, unsigned> table[] = {
        {ErrorCode::kInvalidArgument, 400},
        {ErrorCode::kNotFound, 404},
        {ErrorCode::kAlreadyExists, 409},
        {ErrorCode::kConflict, 409},
        {ErrorCode::kUnauthenticated, 401},
        {ErrorCode::kPermissionDenied, 403},
        {ErrorCode::kTooLarge, 413},
        {ErrorCode::kUnavailable, 503},
        {ErrorCode::kInternal, 500},
    };
    for (const auto& [code, status] : table)
        EXPECT_EQ(StatusFor(code), status) << ErrorCodeName(code);
}

TEST(ErrorMapping, BodyHasCodeMessageAndField) {
    const Response response =
        ErrorResponse(InvalidArgument("must be an integer", "company.employees"));
    EXPECT_EQ(response.status, 400u);
    EXPECT_EQ(response.content_type, "application/json");
    const auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["error"]["code"], "invalid_argument");
    EXPECT_EQ(body["error"]["message"], "must be an integer");
    EXPECT_EQ(body["error"]["field"], "company.employees");
}

TEST(ErrorMapping, InternalMessagesAreHiddenFromTheCaller) {
    const Response response = ErrorResponse(Internal("sqlite: no such table leads at /var/db"));
    EXPECT_EQ(response.status, 500u);
    EXPECT_EQ(response.body.find("sqlite"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "internal");
}

TEST(ErrorMapping, UnauthenticatedAsksForBearer) {
    const Response response = ErrorResponse(Unauthenticated("no key"));
    EXPECT_EQ(response.status, 401u);
    EXPECT_EQ(response.Header("WWW-Authenticate"), "Bearer");
}

TEST(ErrorMapping, InvalidUtf8InMessagesStillGivesValidJson) {
    const Response response = ErrorResponse(InvalidArgument("bad \xff value", "x"));
    EXPECT_TRUE(nlohmann::json::accept(response.body));
}

}  // namespace
}  // namespace lb::http
