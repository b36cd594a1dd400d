#include <string>

#include <gtest/gtest.h>

#include "common/rng.hpp"
#include "tracking/payload.hpp"

namespace lb::tracking {
namespace {

const Timestamp kReceived = FromEpochMillis(1'767'225'600'000);  // 2026-01-01T00:00:00Z

CollectPayload ParseOk(const std::string& body) {
    auto payload = ParseCollectBody(body, kReceived);
    EXPECT_TRUE(payload.has_value()) << body << "\n" << payload.error().message;
    return payload.value_or(CollectPayload{});
}

struct RejectCase {
    std::string name;
    std::string event;  // one event, sent in a batch of one
    std::string field;
    std::string reason;  // substring
};

class ParseCollectRejects : public testing::TestWithParam<RejectCase> {};

TEST_P(ParseCollectRejects, TheEventNamingTheField) {
    const CollectPayload payload = ParseOk(R"({"batch":[)" + GetParam().event + "]}");
    EXPECT_TRUE(payload.events.empty());
    ASSERT_EQ(payload.rejections.size(), 1U);
    EXPECT_EQ(payload.rejections[0].index, 0U);
    EXPECT_EQ(payload.rejections[0].field, GetParam().field);
    EXPECT_NE(payload.rejections[0].reason.find(GetParam().reason), std::string::npos)
        << payload.rejections[0].reason;
}

const std::string kLong2k(2049, 'u');
const std::string kLong16k(16 * 1024, 'p');

INSTANTIATE_TEST_SUITE_P(
    Table,
    ParseCollectRejects,
    testing::Values(
        RejectCase{"NotAnObject", R"("page")", "", "must be a JSON object"},
        RejectCase{
            "MissingType", R"({"userId":"u"})", "type", "is required; use one of page, track"},
        RejectCase{
            "UnknownType", R"({"type":"alias","userId":"u"})", "type", "is not a known type"},
        RejectCase{
            "TypeNotAString", R"({"type":["page"],"userId":"u"})", "type", "must be a string"},
        RejectCase{
            "NoIds", R"({"type":"page"})", "anonymousId", "needs an anonymousId or a userId"},
        RejectCase{"BlankIds",
                   R"({"type":"page","anonymousId":"  ","userId":""})",
                   "anonymousId",
                   "needs an anonymousId"},
        RejectCase{
            "FractionalUserId", R"({"type":"page","userId":1.5})", "userId", "must be a string"},
        RejectCase{
            "TrackWithoutEvent", R"({"type":"track","userId":"u"})", "event", "needs its name"},
        RejectCase{"PropertiesNotAnObject",
                   R"({"type":"page","userId":"u","properties":[1]})",
                   "properties",
                   "must be an object"},
        RejectCase{"PropertiesTooBig",
                   R"({"type":"page","userId":"u","properties":{"p":")" + kLong16k + R"("}})",
                   "properties",
                   "the limit is 16384"},
        RejectCase{"TraitsTooBig",
                   R"({"type":"identify","userId":"u","traits":{"t":")" + kLong16k + R"("}})",
                   "traits",
                   "the limit is 16384"},
        RejectCase{
            "UrlTooLong",
            R"({"type":"page","userId":"u","context":{"page":{"url":")" + kLong2k + R"("}}})",
            "context.page.url",
            "longer than 2048"},
        RejectCase{"PropertiesUrlTooLong",
                   R"({"type":"page","userId":"u","properties":{"url":")" + kLong2k + R"("}})",
                   "properties.url",
                   "longer than 2048"},
        RejectCase{"ContextNotAnObject",
                   R"({"type":"page","userId":"u","context":"x"})",
                   "context",
                   "must be an object"},
        RejectCase{"PageNotAnObject",
                   R"({"type":"page","userId":"u","context":{"page":1}})",
                   "context.page",
                   "must be an object"},
        RejectCase{"UserAgentNotAString",
                   R"({"type":"page","userId":"u","context":{"userAgent":5}})",
                   "context.userAgent",
                   "must be a string"},
        RejectCase{"CampaignFieldTooLong",
                   R"({"type":"page","userId":"u","context":{"campaign":{"source":")" +
                       std::string(257, 's') + R"("}}})",
                   "context.campaign.source",
                   "longer than 256"},
        RejectCase{"IdTooLong",
                   R"({"type":"page","anonymousId":")" + std::string(257, 'a') + R"("})",
                   "anonymousId",
                   "longer than 256"},
        RejectCase{"BadTimestamp",
                   R"({"type":"page","userId":"u","timestamp":"yesterday"})",
                   "timestamp",
                   "ISO 8601"},
        RejectCase{"NumericTimestamp",
                   R"({"type":"page","userId":"u","timestamp":1767225600000})",
                   "timestamp",
                   "must be a string"},
        RejectCase{"TimestampBefore2000",
                   R"({"type":"page","userId":"u","timestamp":"1970-01-01T00:00:00Z"})",
                   "timestamp",
                   "before 2000"},
        RejectCase{
            "BadSentAt", R"({"type":"page","userId":"u","sentAt":"soon"})", "sentAt", "ISO 8601"},
        RejectCase{
            "HugeTimestampText",
            R"({"type":"page","userId":"u","timestamp":")" + std::string(5000, '2') + R"("})",
            "timestamp",
            "longer than 64"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(ParseCollectBody, RejectsARepeatedMessageIdWithinOneBody) {
    const CollectPayload payload = ParseOk(R"({"batch":[
        {"type":"page","anonymousId":"a","messageId":"m1"},
        {"type":"page","anonymousId":"a","messageId":"m2"},
        {"type":"page","anonymousId":"a","messageId":"m1"}]})");
    ASSERT_EQ(payload.events.size(), 2U);
    ASSERT_EQ(payload.rejections.size(), 1U);
    EXPECT_EQ(payload.rejections[0].index, 2U);
    EXPECT_EQ(payload.rejections[0].field, "messageId");
    EXPECT_EQ(payload.rejections[0].reason, "repeats the messageId of event 0");
}

struct BodyErrorCase {
    std::string name;
    std::string body;
    ErrorCode code;
    std::string message;  // substring
};

class ParseCollectBodyErrors : public testing::TestWithParam<BodyErrorCase> {};

TEST_P(ParseCollectBodyErrors, RejectTheWholeBody) {
    auto payload = ParseCollectBody(GetParam().body, kReceived);
    ASSERT_FALSE(payload.has_value());
    EXPECT_EQ(payload.error().code, GetParam().code);
    EXPECT_NE(payload.error().message.find(GetParam().message), std::string::npos)
        << payload.error().message;
}

std::string Batch(std::size_t count) {
    std::string body = R"({"batch":[)";
    for (std::size_t event_idx = 0; event_idx < count; ++event_idx)
        body += event_idx == 0 ? "{}" : ",{}";
    return body + "]}";
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    ParseCollectBodyErrors,
    testing::Values(
        BodyErrorCase{"Empty", "", ErrorCode::kInvalidArgument, "malformed JSON at byte"},
        BodyErrorCase{"Truncated",
                      R"({"type":"page",)",
                      ErrorCode::kInvalidArgument,
                      "malformed JSON at byte 15"},
        BodyErrorCase{"BadLiteral",
                      R"({"type": pag})",
                      ErrorCode::kInvalidArgument,
                      "malformed JSON at byte 9"},
        BodyErrorCase{"TrailingGarbage", R"({} {})", ErrorCode::kInvalidArgument, "malformed JSON"},
        BodyErrorCase{"InvalidUtf8",
                      "{\"type\":\"\xff\xfe\"}",
                      ErrorCode::kInvalidArgument,
                      "malformed JSON"},
        BodyErrorCase{"NumberOverflow",
                      R"({"type":"page","userId":"u","properties":{"n":1e999}})",
                      ErrorCode::kInvalidArgument,
                      "malformed JSON"},
        BodyErrorCase{"ArrayBody",
                      R"([{"type":"page"}])",
                      ErrorCode::kInvalidArgument,
                      "must be a JSON object"},
        BodyErrorCase{
            "StringBody", R"("hello")", ErrorCode::kInvalidArgument, "must be a JSON object"},
        BodyErrorCase{"BatchNotAnArray",
                      R"({"batch":{"type":"page"}})",
                      ErrorCode::kInvalidArgument,
                      "must be an array"},
        BodyErrorCase{"WriteKeyNotAString",
                      R"({"writeKey":42,"batch":[]})",
                      ErrorCode::kInvalidArgument,
                      "must be a string"},
        BodyErrorCase{"BadBatchSentAt",
                      R"({"sentAt":"x","batch":[]})",
                      ErrorCode::kInvalidArgument,
                      "ISO 8601"},
        BodyErrorCase{"TooDeep",
                      "{\"p\":" + std::string(40, '[') + std::string(40, ']') + "}",
                      ErrorCode::kInvalidArgument,
                      "nests deeper than 32 levels at byte"},
        BodyErrorCase{"EscapedQuotesDoNotHideNesting",
                      R"({"type":"page","userId":")" + std::string(100, '[') + R"(\")" +
                          R"(", "x": )" + std::string(40, '[') + std::string(40, ']') + "}",
                      ErrorCode::kInvalidArgument,
                      "nests deeper"},
        BodyErrorCase{"OneOverTheBatchLimit",
                      Batch(kMaxBatchEvents + 1),
                      ErrorCode::kTooLarge,
                      "the batch has 501 events; the limit is 500"},
        BodyErrorCase{"TenThousandEvents", Batch(10'000), ErrorCode::kTooLarge, "10000 events"}),
    [](const auto& param_info) { return param_info.param.name; });

// Hostile input: random edits of a valid batch must give a whole-body error or an answer for
// every event (accepted or rejected, each index once), and never crash (ASan/UBSan builds).
TEST(ParseCollectBody, MutatedBodiesGetAnAnswerForEveryEvent) {
    const std::string valid = R"({"writeKey":"k","sentAt":"2026-01-01T00:00:00Z","batch":[
        {"type":"page","anonymousId":"a","context":{"page":{"url":"https://a.dk/?x=[1]"},
         "campaign":{"source":"g"}},"properties":{"a":[1,{"b":null}],"c":"\u00e6"}},
        {"type":"track","userId":7,"event":"e","timestamp":"2025-12-31T10:00:00+01:00"},
        {"type":"identify","userId":"u","traits":{"email":"ann@acme.dk"},"messageId":"m"}]})";
    const std::string alphabet =
        std::string("{}[]\",:0123456789.eE+-tfnul\\ ") + '\0' + "\xff\xc3\xa6" + "abc";
    Rng rng(20260101);
    int whole_body_errors = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string body = valid;
        const auto edits = rng.Uniform(1, 6);
        for (std::int64_t edit = 0; edit < edits && !body.empty(); ++edit) {
            const auto pos = static_cast<std::size_t>(
                rng.Uniform(0, static_cast<std::int64_t>(body.size()) - 1));
            const char c = alphabet[static_cast<std::size_t>(
                rng.Uniform(0, static_cast<std::int64_t>(alphabet.size()) - 1))];
            switch (rng.Uniform(0, 2)) {
                case 0:
                    body[pos] = c;
                    break;
                case 1:
                    body.insert(pos, 1, c);
                    break;
                default:
                    body.erase(pos, 1);
                    break;
            }
        }
        auto payload = ParseCollectBody(body, kReceived);
        if (!payload) {
            ++whole_body_errors;
            EXPECT_FALSE(payload.error().message.empty());
            continue;
        }
        std::vector<int> answers(payload->events.size() + payload->rejections.size(), 0);
        for (const auto& event : payload->events) {
            ASSERT_LT(event.index, answers.size()) << body;
            ++answers[event.index];
        }
        for (const auto& rejection : payload->rejections) {
            ASSERT_LT(rejection.index, answers.size()) << body;
            ++answers[rejection.index];
        }
        for (const int count : answers) EXPECT_EQ(count, 1) << body;
    }
    EXPECT_GT(whole_body_errors, 0);
    EXPECT_LT(whole_body_errors, 3000);
}

}  // namespace
}  // namespace lb::tracking
