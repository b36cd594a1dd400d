#include "tracking/form_submission.hpp"

#include <string>

#include <gtest/gtest.h>

#include "tracking/noise_filter.hpp"

namespace lb::tracking {
namespace {

const Timestamp kNow = FromEpochMillis(1'767'225'600'000);  // 2026-01-01

TEST(ParseFormBody, DecodesUrlencodedPairsWithPlusAndPercentEscapes) {
    auto fields = ParseFormBody("application/x-www-form-urlencoded; charset=UTF-8",
                                "email=ann%40acme.dk&name=Ann+Berg&message=a%26b%3Dc&empty=");
    ASSERT_TRUE(fields.has_value()) << fields.error().message;
    EXPECT_EQ(fields->at("email"), "ann@acme.dk");
    EXPECT_EQ(fields->at("name"), "Ann Berg");
    EXPECT_EQ(fields->at("message"), "a&b=c");
    EXPECT_EQ(fields->at("empty"), "");
}

TEST(ParseFormBody, ReadsJsonScalarsAsTextAndSkipsNull) {
    auto fields = ParseFormBody("application/json",
                                R"({"email":"a@b.dk","employees":42,"consent":true,"x":null})");
    ASSERT_TRUE(fields.has_value()) << fields.error().message;
    EXPECT_EQ(fields->at("employees"), "42");
    EXPECT_EQ(fields->at("consent"), "true");
    EXPECT_FALSE(fields->contains("x"));
}

TEST(ParseFormBody, SniffsJsonWithoutContentType) {
    auto fields = ParseFormBody("", R"( {"email":"a@b.dk"})");
    ASSERT_TRUE(fields.has_value());
    EXPECT_EQ(fields->at("email"), "a@b.dk");
}

struct BadBody {
    std::string content_type;
    std::string body;
    std::string field;
};

class ParseFormBodyRejects : public ::testing::TestWithParam<BadBody> {};

TEST_P(ParseFormBodyRejects, NamingTheField) {
    const BadBody& bad = GetParam();
    auto fields = ParseFormBody(bad.content_type, bad.body);
    ASSERT_FALSE(fields.has_value()) << bad.body;
    EXPECT_EQ(fields.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(fields.error().field, bad.field) << fields.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    ParseFormBodyRejects,
    ::testing::Values(
        BadBody{"application/x-www-form-urlencoded", "email=a%4", "email"},
        BadBody{"application/x-www-form-urlencoded", "note=%zz", "note"},
        BadBody{"application/x-www-form-urlencoded", "note=%ff%fe", "note"},
        BadBody{"application/x-www-form-urlencoded", "note=" + std::string(5000, 'x'), "note"},
        BadBody{"application/json", R"({"email": "a@b.dk",)", "body"},
        BadBody{"application/json", R"(["email"])", "body"},
        BadBody{"application/json", R"({"company": {"name": "Acme"}})", "company"},
        BadBody{"multipart/form-data; boundary=x", "--x", "content-type"},
        BadBody{"text/plain", "email=a@b.dk", "content-type"}));

TEST(ReadFormSubmission, MapsLeadFieldsCustomFieldsAndReservedFields) {
    const FormFields fields = {{"email", " Ann@Acme.DK "},
                               {"name", "Ann Marie Berg"},
                               {"company", "Acme"},
                               {"title", "CMO"},
                               {"message", "Call me"},
                               {"consent", "yes"},
                               {"budget", "50000"},
                               {"form", "contact"},
                               {"utm_source", "google"},
                               {"_lb_anonymous_id", "anon-1"},
                               {"_lb_page", "https://acme.dk/contact"},
                               {"_lb_redirect", "https://acme.dk/thanks"}};
    auto submission = ReadFormSubmission(fields, kNow);
    ASSERT_TRUE(submission.has_value()) << submission.error().message;
    EXPECT_EQ(submission->email, "ann@acme.dk");
    EXPECT_EQ(submission->form_name, "contact");
    EXPECT_EQ(submission->anonymous_id, "anon-1");
    EXPECT_EQ(submission->page_url, "https://acme.dk/contact");
    EXPECT_EQ(submission->redirect, "https://acme.dk/thanks");
    EXPECT_EQ(submission->utm_source, "google");
    EXPECT_TRUE(submission->filtered_reason.empty());
    ASSERT_TRUE(submission->lead.has_value());
    const domain::LeadInput& lead = *submission->lead;
    EXPECT_EQ(lead.first_name.Value(), "Ann");
    EXPECT_EQ(lead.last_name.Value(), "Marie Berg");
    EXPECT_EQ(lead.title.Value(), "CMO");
    ASSERT_TRUE(lead.company.has_value());
    EXPECT_EQ(lead.company->name.Value(), "Acme");
    EXPECT_EQ(lead.custom_fields.at("budget"), "50000");
    EXPECT_EQ(lead.custom_fields.at("consent"), "yes");
    EXPECT_FALSE(lead.custom_fields.contains("message"));
    EXPECT_FALSE(lead.custom_fields.contains("utm_source"));
    EXPECT_NE(submission->properties_json.find("Call me"), std::string::npos);
}

TEST(ReadFormSubmission, ExplicitFirstAndLastNameWinOverName) {
    auto submission =
        ReadFormSubmission({{"email", "a@b.dk"}, {"name", "X Y"}, {"first_name", "Ann"}}, kNow);
    ASSERT_TRUE(submission.has_value());
    EXPECT_EQ(submission->lead->first_name.Value(), "Ann");
    EXPECT_FALSE(submission->lead->last_name.IsPresent());
}

struct BadFields {
    FormFields fields;
    std::string field;
};

class ReadFormSubmissionRejects : public ::testing::TestWithParam<BadFields> {};

TEST_P(ReadFormSubmissionRejects, NamingTheField) {
    auto submission = ReadFormSubmission(GetParam().fields, kNow);
    ASSERT_FALSE(submission.has_value());
    EXPECT_EQ(submission.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(submission.error().field, GetParam().field) << submission.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    ReadFormSubmissionRejects,
    ::testing::Values(BadFields{{{"name", "Ann"}}, "email"},
                      BadFields{{{"email", "  "}}, "email"},
                      BadFields{{{"email", "not-an-email"}}, "email"},
                      BadFields{{{"email", "a@b.dk"}, {"_lb_redirect", "/thanks"}}, "_lb_redirect"},
                      BadFields{{{"email", "a@b.dk"}, {"_lb_redirect", "javascript:alert(1)"}},
                                "_lb_redirect"},
                      BadFields{{{"email", "a@b.dk"}, {"_lb_bogus", "1"}}, "_lb_bogus"}));

TEST(ReadFormSubmission, FilledHoneypotIsSpamWithoutLeadEvenWithoutEmail) {
    auto submission = ReadFormSubmission({{"_lb_hp", "http://spam"}, {"comment", "buy"}}, kNow);
    ASSERT_TRUE(submission.has_value()) << submission.error().message;
    EXPECT_EQ(submission->filtered_reason, kSpamHoneypot);
    EXPECT_FALSE(submission->lead.has_value());
    EXPECT_NE(submission->properties_json.find("buy"), std::string::npos);
}

TEST(ReadFormSubmission, SubSecondSubmissionAgainstReceiveTimeIsTooFast) {
    const std::string started = std::to_string(ToEpochMillis(kNow) - 300);
    auto submission = ReadFormSubmission({{"email", "a@b.dk"}, {"_lb_started_at", started}}, kNow);
    ASSERT_TRUE(submission.has_value());
    EXPECT_EQ(submission->filtered_reason, kSpamTooFast);
    EXPECT_FALSE(submission->lead.has_value());
}

TEST(ReadFormSubmission, SlowSubmissionIsReal) {
    const std::string started = std::to_string(ToEpochMillis(kNow) - 15'000);
    auto submission = ReadFormSubmission({{"email", "a@b.dk"}, {"_lb_started_at", started}}, kNow);
    ASSERT_TRUE(submission.has_value());
    EXPECT_TRUE(submission->filtered_reason.empty());
    EXPECT_TRUE(submission->lead.has_value());
}

TEST(ReadFormSubmission, StartTimeAfterReceiveTimeIsClockSkewNotSpam) {
    const std::string started = std::to_string(ToEpochMillis(kNow) + 4'000);
    auto submission = ReadFormSubmission({{"email", "a@b.dk"}, {"_lb_started_at", started}}, kNow);
    ASSERT_TRUE(submission.has_value());
    EXPECT_TRUE(submission->filtered_reason.empty());
}

TEST(ReadFormSubmission, ClientSubmitTimeIsUsedWhenGiven) {
    const std::int64_t started = ToEpochMillis(kNow) - 60'000;
    auto submission = ReadFormSubmission({{"email", "a@b.dk"},
                                          {"_lb_started_at", std::to_string(started)},
                                          {"_lb_submitted_at", std::to_string(started + 200)}},
                                         kNow);
    ASSERT_TRUE(submission.has_value());
    EXPECT_EQ(submission->filtered_reason, kSpamTooFast);
}

}  // namespace
}  // namespace lb::tracking
