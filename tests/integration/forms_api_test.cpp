// POST /forms/{form_key} end to end: urlencoded and JSON posts create or update one lead per
// e-mail, the visitor's anonymous history is stitched, redirects and the thank-you page, spam
// kept as filtered touchpoints without a lead, precise 4xx for bad posts, CORS.
#include <chrono>
#include <string>

#include "api_fixture.hpp"

namespace lb::testing {
namespace {

using nlohmann::json;

const Headers kUrlencoded = {{"Content-Type", "application/x-www-form-urlencoded"}};

class FormsApi : public ApiTest {
protected:
    HttpReply PostForm(const std::string& body,
                       Headers headers = kUrlencoded,
                       const std::string& key = "") {
        const std::string form_key = key.empty() ? workspace_.tracking_key : key;
        return Fetch(Port(), "POST", "/forms/" + form_key, body, headers);
    }
    json LeadByEmail(const std::string& email) {
        const HttpReply reply = Call("GET", "/api/v1/leads?q=" + email);
        EXPECT_EQ(reply.status, 200u) << reply.body;
        const json items = reply.Json()["items"];
        return items.size() == 1 ? items[0] : json();
    }
    json Timeline(const json& lead_id) {
        const HttpReply reply =
            Call("GET", "/api/v1/leads/" + std::to_string(lead_id.get<int>()) + "/timeline");
        EXPECT_EQ(reply.status, 200u) << reply.body;
        return reply.Json()["items"];
    }
    std::string SlowStart() const {
        return std::to_string(ToEpochMillis(clock_.Now() - std::chrono::seconds(20)));
    }
};

TEST_P(FormsApi, UrlencodedPostCreatesTheLeadAndAFormTouchpoint) {
    const HttpReply reply = PostForm(
        "email=Ann%40Acme.dk&name=Ann+Berg&company=Acme&title=CMO&phone=%2B4512345678"
        "&message=Call+me&budget=50000&form=contact&_lb_page=https%3A%2F%2Facme.dk%2Fcontact"
        "%3Futm_source%3Dgoogle%26utm_medium%3Dcpc%26utm_campaign%3Dwinter&_lb_started_at=" +
        SlowStart());
    ASSERT_EQ(reply.status, 200u) << reply.body;
    EXPECT_EQ(reply.Json()["status"], "created");
    const json lead = LeadByEmail("ann@acme.dk");
    ASSERT_TRUE(lead.is_object());
    EXPECT_EQ(reply.Json()["lead_id"], lead["id"]);
    EXPECT_EQ(lead["first_name"], "Ann");
    EXPECT_EQ(lead["last_name"], "Berg");
    EXPECT_EQ(lead["title"], "CMO");
    EXPECT_EQ(lead["company"]["name"], "Acme");
    EXPECT_EQ(lead["custom_fields"]["budget"], "50000");
    EXPECT_EQ(lead["channel"], "paid-search");
    EXPECT_EQ(lead["first_touch"]["campaign"], "winter");
    const json timeline = Timeline(lead["id"]);
    ASSERT_EQ(timeline.size(), 1u);
    EXPECT_EQ(timeline[0]["type"], "form");
    EXPECT_EQ(timeline[0]["name"], "contact");
    EXPECT_EQ(timeline[0]["channel"], "paid-search");
    EXPECT_EQ(timeline[0]["properties"]["message"], "Call me");
}

TEST_P(FormsApi, SecondPostWithTheSameEmailUpdatesTheOneLead) {
    ASSERT_EQ(PostForm(json{{"email", "bo@acme.dk"}}.dump(), {}).status, 200u);
    const HttpReply again =
        PostForm(json{{"email", " BO@acme.dk "}, {"first_name", "Bo"}, {"form", "webinar"}}.dump(),
                 {{"Content-Type", "application/json"}});
    ASSERT_EQ(again.status, 200u) << again.body;
    EXPECT_EQ(again.Json()["status"], "updated");
    const json lead = LeadByEmail("bo@acme.dk");
    ASSERT_TRUE(lead.is_object()) << "expected exactly one lead";
    EXPECT_EQ(lead["first_name"], "Bo");
    EXPECT_EQ(Timeline(lead["id"]).size(), 2u);
}

TEST_P(FormsApi, AnonymousHistoryIsStitchedToTheFormsLead) {
    const json page = {
        {"writeKey", workspace_.tracking_key},
        {"type", "page"},
        {"anonymousId", "visitor-9"},
        {"timestamp", FormatIso8601(clock_.Now() - std::chrono::minutes(10))},
        {"context",
         {{"page",
           {{"url", "https://acme.dk/pricing"}, {"referrer", "https://www.linkedin.com/feed"}}}}}};
    ASSERT_EQ(Fetch(Port(), "POST", "/collect", page.dump()).status, 200u);
    const HttpReply reply =
        PostForm("email=cy%40acme.dk&_lb_anonymous_id=visitor-9&_lb_page=https%3A%2F%2Facme.dk%2F");
    ASSERT_EQ(reply.status, 200u) << reply.body;
    const json lead = LeadByEmail("cy@acme.dk");
    ASSERT_TRUE(lead.is_object());
    EXPECT_EQ(lead["first_touch"]["channel"], "organic-social");
    const json timeline = Timeline(lead["id"]);
    ASSERT_EQ(timeline.size(), 2u);
    EXPECT_EQ(timeline[0]["type"], "page");
    EXPECT_EQ(timeline[1]["type"], "form");
}

TEST_P(FormsApi, RedirectAnswers303ToTheGivenUrl) {
    const HttpReply reply =
        PostForm("email=di%40acme.dk&_lb_redirect=https%3A%2F%2Facme.dk%2Fthanks%3Fx%3D1");
    ASSERT_EQ(reply.status, 303u) << reply.body;
    EXPECT_EQ(reply.Header("location"), "https://acme.dk/thanks?x=1");
    // No body, so no Content-Type (an empty one is not a valid media type).
    EXPECT_EQ(reply.headers.count("content-type"), 0u) << reply.Header("content-type");
    EXPECT_TRUE(LeadByEmail("di@acme.dk").is_object());
}

TEST_P(FormsApi, HtmlFormPostWithoutRedirectGetsAThankYouPage) {
    Headers headers = kUrlencoded;
    headers["Accept"] = "text/html,application/xhtml+xml";
    const HttpReply reply = PostForm("email=el%40acme.dk", headers);
    ASSERT_EQ(reply.status, 200u);
    EXPECT_NE(reply.Header("content-type").find("text/html"), std::string::npos);
    EXPECT_NE(reply.body.find("Thank you"), std::string::npos);
}

TEST_P(FormsApi, HoneypotPostIsStoredFilteredWithoutLeadAndStillSucceeds) {
    const HttpReply reply = PostForm(
        "email=spam%40bot.example&_lb_hp=http%3A%2F%2Fcheap.example&_lb_anonymous_id=bot-1"
        "&_lb_redirect=https%3A%2F%2Facme.dk%2Fthanks");
    ASSERT_EQ(reply.status, 303u) << reply.body;
    EXPECT_EQ(reply.Header("location"), "https://acme.dk/thanks");
    EXPECT_TRUE(LeadByEmail("spam@bot.example").is_null());
    const HttpReply visitor = Call("GET", "/api/v1/visitors/bot-1");
    ASSERT_EQ(visitor.status, 200u) << visitor.body;
    const json touchpoints = visitor.Json()["touchpoints"];
    ASSERT_EQ(touchpoints.size(), 1u);
    EXPECT_EQ(touchpoints[0]["type"], "form");
    EXPECT_EQ(touchpoints[0]["filtered_reason"], "spam:honeypot");
}

TEST_P(FormsApi, SubSecondSubmissionIsFilteredAsTooFast) {
    const std::string started = std::to_string(ToEpochMillis(clock_.Now()) - 200);
    const HttpReply reply =
        PostForm("email=fast%40acme.dk&_lb_anonymous_id=fast-1&_lb_started_at=" + started);
    ASSERT_EQ(reply.status, 200u) << reply.body;
    EXPECT_EQ(reply.Json()["status"], "received");
    EXPECT_TRUE(reply.Json()["lead_id"].is_null());
    EXPECT_TRUE(LeadByEmail("fast@acme.dk").is_null());
    const HttpReply visitor = Call("GET", "/api/v1/visitors/fast-1");
    ASSERT_EQ(visitor.status, 200u);
    EXPECT_EQ(visitor.Json()["touchpoints"][0]["filtered_reason"], "spam:too-fast");
}

TEST_P(FormsApi, BadPostsAreRejectedNamingTheField) {
    ExpectError(PostForm("name=Ann"), 400, "invalid_argument", "email");
    ExpectError(PostForm("email=not-an-email"), 400, "invalid_argument", "email");
    ExpectError(PostForm("email=a%40b.dk&title=" + std::string(600, 't')),
                400,
                "invalid_argument",
                "title");
    ExpectError(
        PostForm("email=a%40b.dk&_lb_redirect=%2Fthanks"), 400, "invalid_argument", "_lb_redirect");
    ExpectError(
        PostForm("email=a%40b.dk", kUrlencoded, "no-such-key"), 404, "not_found", "form_key");
    ExpectError(PostForm("email=a%40b.dk", {{"Content-Type", "text/plain"}}),
                400,
                "invalid_argument",
                "content-type");
    const HttpReply huge = PostForm("email=a%40b.dk&note=" + std::string(70 * 1024, 'x'));
    EXPECT_EQ(huge.status, 413u) << huge.body;
    EXPECT_TRUE(LeadByEmail("a@b.dk").is_null());
}

TEST_P(FormsApi, CorsHeadersAnswerAnyOrigin) {
    Headers headers = kUrlencoded;
    headers["Origin"] = "https://customer.example";
    const HttpReply reply = PostForm("email=fo%40acme.dk", headers);
    ASSERT_EQ(reply.status, 200u);
    EXPECT_EQ(reply.Header("access-control-allow-origin"), "https://customer.example");
    const HttpReply preflight = Fetch(Port(),
                                      "OPTIONS",
                                      "/forms/" + workspace_.tracking_key,
                                      "",
                                      {{"Origin", "https://customer.example"}});
    EXPECT_EQ(preflight.status, 204u);
    EXPECT_EQ(preflight.Header("access-control-allow-origin"), "https://customer.example");
}

LB_INSTANTIATE_ON_ALL_BACKENDS(FormsApi);

}  // namespace
}  // namespace lb::testing
