#include "tracking/channel_rules_json.hpp"

#include <string>

#include <gtest/gtest.h>

namespace lb::tracking {
namespace {

TEST(ChannelRulesJson, ReadsRulesInOrderAndWritesThemBack) {
    const std::string json =
        R"({"rules":[{"channel":"partner","match":{"utm_source":"acme-*","referrer_domain":"acme.dk"}},)"
        R"({"channel":"event","match":{"utm_medium":"fair|expo","click_id":"evid"}}]})";
    auto rules = ParseChannelRulesJson(json);
    ASSERT_TRUE(rules.has_value()) << rules.error().message;
    ASSERT_EQ(rules->rules.size(), 2u);
    EXPECT_EQ(rules->rules[0].channel, "partner");
    EXPECT_EQ(rules->rules[0].utm_source, "acme-*");
    EXPECT_EQ(rules->rules[0].referrer_host, "acme.dk");
    EXPECT_EQ(rules->rules[1].click_id, "evid");
    auto again = ParseChannelRulesJson(ChannelRulesToJson(*rules));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(ChannelRulesToJson(*again), ChannelRulesToJson(*rules));
}

TEST(ChannelRulesJson, OwnRulesAreTriedBeforeTheDefaults) {
    auto own = ParseChannelRulesJson(
        R"({"rules":[{"channel":"partner","match":{"utm_source":"google"}}]})");
    ASSERT_TRUE(own.has_value());
    auto classifier = ChannelClassifier::Create(WithDefaultRules(*own));
    ASSERT_TRUE(classifier.has_value());
    TouchSource google;
    google.page_url = "https://acme.dk/?utm_source=google&utm_medium=cpc";
    const ChannelMatch partner = classifier->Classify(google);
    EXPECT_EQ(partner.channel, "partner");
    TouchSource bing;
    bing.page_url = "https://acme.dk/?utm_source=bing&utm_medium=cpc";
    const ChannelMatch default_rule = classifier->Classify(bing);
    EXPECT_EQ(default_rule.channel, "paid-search");
}

struct BadRules {
    std::string json;
    std::string field;
};

class ChannelRulesJsonRejects : public ::testing::TestWithParam<BadRules> {};

TEST_P(ChannelRulesJsonRejects, NamingThePlace) {
    auto rules = ParseChannelRulesJson(GetParam().json);
    ASSERT_FALSE(rules.has_value()) << GetParam().json;
    EXPECT_EQ(rules.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(rules.error().field, GetParam().field) << rules.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    ChannelRulesJsonRejects,
    ::testing::Values(
        BadRules{R"({"rules": )", ""},
        BadRules{R"([])", "rules"},
        BadRules{R"({"rules": {}})", "rules"},
        BadRules{R"({"rules": [], "extra": 1})", "extra"},
        BadRules{R"({"rules": [{"match": {"utm_source": "x"}}]})", "rules[0].channel"},
        BadRules{R"({"rules": [{"channel": "Paid Search", "match": {"utm_source": "x"}}]})",
                 "rules[0].channel"},
        BadRules{R"({"rules": [{"channel": "partner", "match": {}}]})", "rules[0].match"},
        BadRules{R"({"rules": [{"channel": "partner", "match": {"utm_term": "x"}}]})",
                 "rules[0].match.utm_term"},
        BadRules{R"({"rules": [{"channel": "partner", "match": {"utm_source": 3}}]})",
                 "rules[0].match.utm_source"},
        BadRules{
            R"({"rules": [{"channel": "a", "match": {"utm_source": "x"}}, {"channel": "b", "match": {"utm_medium": "a||b"}}]})",
            "rules[1].match.utm_medium"},
        BadRules{R"({"rules": [{"channel": "a", "match": {"utm_source": "x"}, "when": 1}]})",
                 "rules[0].when"}));

}  // namespace
}  // namespace lb::tracking
