// GET/PUT /api/v1/channel-rules over HTTP: validation with the place named, roles, and the saved
// rules deciding the channel of the next /collect event and form post.
#include <string>

#include "api_fixture.hpp"

namespace lb::testing {
namespace {

using nlohmann::json;

class ChannelRulesApi : public ApiTest {
protected:
    HttpReply Put(const json& body, const std::string& key = {}) {
        return Call("PUT", "/api/v1/channel-rules", body.dump(), key);
    }
    // The channel /collect stores for a page view of `url` by a new visitor.
    std::string CollectedChannel(const std::string& anonymous_id, const std::string& url) {
        const json page = {{"writeKey", workspace_.tracking_key},
                           {"type", "page"},
                           {"anonymousId", anonymous_id},
                           {"context", {{"page", {{"url", url}}}}}};
        EXPECT_EQ(Fetch(Port(), "POST", "/collect", page.dump()).status, 200u);
        const json visitor = Call("GET", "/api/v1/visitors/" + anonymous_id).Json();
        return visitor["touchpoints"][0]["channel"].get<std::string>();
    }
};

const json kPartnerRule = {
    {"rules", {{{"channel", "partner"}, {"match", {{"utm_source", "acme-*|google"}}}}}}};

TEST_P(ChannelRulesApi, EmptyUntilSavedThenReadBack) {
    const HttpReply empty = Call("GET", "/api/v1/channel-rules");
    ASSERT_EQ(empty.status, 200u) << empty.body;
    EXPECT_EQ(empty.Json(), json::parse(R"({"rules": []})"));
    const HttpReply saved = Put(kPartnerRule);
    ASSERT_EQ(saved.status, 200u) << saved.body;
    EXPECT_EQ(saved.Json(), kPartnerRule);
    EXPECT_EQ(Call("GET", "/api/v1/channel-rules", "", sales_key_).Json(), kPartnerRule);
}

TEST_P(ChannelRulesApi, SavedRulesDecideBeforeTheDefaultsFromTheNextEventOn) {
    const std::string url = "https://acme.dk/?utm_source=google&utm_medium=cpc";
    EXPECT_EQ(CollectedChannel("before", url), "paid-search");
    ASSERT_EQ(Put(kPartnerRule).status, 200u);
    EXPECT_EQ(CollectedChannel("after", url), "partner");
    EXPECT_EQ(CollectedChannel("other", "https://acme.dk/?utm_source=bing&utm_medium=cpc"),
              "paid-search");
    const HttpReply form = Fetch(
        Port(),
        "POST",
        "/forms/" + workspace_.tracking_key,
        json{{"email", "p@acme.dk"}, {"_lb_page", "https://acme.dk/?utm_source=acme-news"}}.dump());
    ASSERT_EQ(form.status, 200u) << form.body;
    const json leads = Call("GET", "/api/v1/leads?q=p@acme.dk").Json()["items"];
    ASSERT_EQ(leads.size(), 1u);
    EXPECT_EQ(leads[0]["channel"], "partner");
}

TEST_P(ChannelRulesApi, InvalidRulesAreRejectedNamingThePlaceAndChangeNothing) {
    ASSERT_EQ(Put(kPartnerRule).status, 200u);
    ExpectError(Put({{"rules",
                      {{{"channel", "partner"}, {"match", {{"utm_source", "x"}}}},
                       {{"channel", "partner"}, {"match", {{"utm_medium", "y"}}}},
                       {{"channel", "carrier-pigeon"}, {"match", {{"utm_source", "z"}}}}}}}),
                400,
                "invalid_argument",
                "rules[2].channel");
    ExpectError(Put({{"rules", {{{"channel", "partner"}, {"match", json::object()}}}}}),
                400,
                "invalid_argument",
                "rules[0].match");
    ExpectError(Put({{"rules", {{{"channel", "partner"}, {"match", {{"utm_medium", "a||b"}}}}}}}),
                400,
                "invalid_argument",
                "rules[0].match.utm_medium");
    EXPECT_EQ(Call("GET", "/api/v1/channel-rules").Json(), kPartnerRule);
}

TEST_P(ChannelRulesApi, OnlyAdminAndMarketingMayChangeThem) {
    EXPECT_EQ(Put(kPartnerRule, marketing_key_).status, 200u);
    EXPECT_EQ(Put(kPartnerRule, sales_key_).status, 403u);
    EXPECT_EQ(Put(kPartnerRule, tracking_key_).status, 403u);
}

LB_INSTANTIATE_ON_ALL_BACKENDS(ChannelRulesApi);

}  // namespace
}  // namespace lb::testing
