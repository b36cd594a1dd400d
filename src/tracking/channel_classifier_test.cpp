#include "tracking/channel_classifier.hpp"

#include <string>

#include <gtest/gtest.h>

namespace lb::tracking {
namespace {

ChannelClassifier DefaultClassifier() {
    auto classifier = ChannelClassifier::Create(DefaultChannelRules());
    EXPECT_TRUE(classifier.has_value()) << classifier.error().message;
    return std::move(*classifier);
}

struct TouchCase {
    std::string name;
    std::string page_url;
    std::string referrer;
    std::string utm_source;  // as in context.campaign
    std::string utm_medium;
    std::string expected_channel;  // empty: internal
};

class DefaultChannels : public testing::TestWithParam<TouchCase> {};

TEST_P(DefaultChannels, ClassifyTheTouch) {
    const TouchCase& tc = GetParam();
    const ChannelMatch match =
        DefaultClassifier().Classify({tc.page_url, tc.referrer, tc.utm_source, tc.utm_medium, ""});
    EXPECT_EQ(match.channel, tc.expected_channel);
    EXPECT_EQ(match.is_internal, tc.expected_channel.empty());
}

const std::string kPage = "https://www.acme.dk/pricing";

INSTANTIATE_TEST_SUITE_P(
    Table,
    DefaultChannels,
    testing::Values(
        TouchCase{"NothingIsDirect", kPage, "", "", "", "direct"},
        TouchCase{
            "GclidMeansPaidSearchEvenWithoutUtm", kPage + "?gclid=Cj0K", "", "", "", "paid-search"},
        TouchCase{"MsclkidMeansPaidSearch",
                  kPage + "?a=1&msclkid=abc",
                  "https://www.bing.com/",
                  "",
                  "",
                  "paid-search"},
        TouchCase{"GclidBeatsAGoogleReferrer",
                  kPage + "?gclid=x",
                  "https://www.google.com/",
                  "",
                  "",
                  "paid-search"},
        TouchCase{"EmptyGclidIsNoClickId", kPage + "?gclid=", "", "", "", "direct"},
        TouchCase{"CpcMediumIsPaidSearch",
                  kPage + "?utm_source=google&utm_medium=cpc",
                  "",
                  "",
                  "",
                  "paid-search"},
        TouchCase{"CpcFromASocialNetworkIsPaidSocial",
                  kPage + "?utm_source=LinkedIn&utm_medium=cpc",
                  "",
                  "",
                  "",
                  "paid-social"},
        TouchCase{"FbclidWithPaidMediumIsPaidSocial",
                  kPage + "?fbclid=IwAR&utm_medium=paid",
                  "",
                  "",
                  "",
                  "paid-social"},
        TouchCase{"FbclidAloneIsOrganicSocial",
                  kPage + "?fbclid=IwAR",
                  "https://l.facebook.com/",
                  "",
                  "",
                  "organic-social"},
        TouchCase{"PaidSocialMedium", kPage, "", "meta", "paid_social", "paid-social"},
        TouchCase{"EmailMediumIsEmailCampaign",
                  kPage + "?utm_medium=Email&utm_source=hubspot",
                  "",
                  "",
                  "",
                  "email-campaign"},
        TouchCase{
            "NewsletterMediumIsEmailCampaign", kPage, "", "nl", "newsletter", "email-campaign"},
        TouchCase{"CpmIsDisplay", kPage + "?utm_medium=cpm&gclid=x", "", "", "", "display"},
        TouchCase{"BannerIsDisplay", kPage, "", "adform", "banner", "display"},
        TouchCase{"SocialMediumIsOrganicSocial", kPage, "", "linkedin", "social", "organic-social"},
        TouchCase{"SocialSourceWithoutMediumIsOrganicSocial",
                  kPage + "?utm_source=facebook",
                  "",
                  "",
                  "",
                  "organic-social"},
        TouchCase{"EventMediumIsTheOfflineEventChannel",
                  kPage + "?utm_medium=event&utm_source=qr",
                  "",
                  "",
                  "",
                  "event"},
        TouchCase{"AffiliateMediumIsPartner", kPage, "", "bigpartner", "affiliate", "partner"},
        TouchCase{"GoogleReferrerIsOrganicSearch",
                  kPage,
                  "https://www.google.co.uk/",
                  "",
                  "",
                  "organic-search"},
        TouchCase{"DuckDuckGoReferrerIsOrganicSearch",
                  kPage,
                  "https://duckduckgo.com/?q=leads",
                  "",
                  "",
                  "organic-search"},
        TouchCase{"AndroidSearchAppIsOrganicSearch",
                  kPage,
                  "android-app://com.google.android.googlequicksearchbox/",
                  "",
                  "",
                  "organic-search"},
        TouchCase{"GmailReferrerIsEmailNotSearch",
                  kPage,
                  "https://mail.google.com/mail/u/0/",
                  "",
                  "",
                  "email-campaign"},
        TouchCase{
            "TcoReferrerIsOrganicSocial", kPage, "https://t.co/abc", "", "", "organic-social"},
        TouchCase{"LinkedinSubdomainIsOrganicSocial",
                  kPage,
                  "https://www.linkedin.com/feed/",
                  "",
                  "",
                  "organic-social"},
        TouchCase{
            "OtherSiteIsReferral", kPage, "https://news.example.org/story", "", "", "referral"},
        TouchCase{"LookalikeHostIsNoSocialNetwork",
                  kPage,
                  "https://notfacebook.com/",
                  "",
                  "",
                  "referral"},
        TouchCase{
            "UnknownUtmSourceIsReferral", kPage + "?utm_source=podcast", "", "", "", "referral"},
        TouchCase{"OwnSiteIsInternal", kPage, "https://www.acme.dk/blog/post", "", "", ""},
        TouchCase{"OwnSubdomainIsInternal", kPage, "https://blog.acme.dk/post", "", "", ""},
        TouchCase{"OwnSiteWithUtmIsANewTouch",
                  kPage + "?utm_medium=email",
                  "https://acme.dk/",
                  "",
                  "",
                  "email-campaign"},
        TouchCase{"ContextCampaignBeatsTheUrl",
                  kPage + "?utm_medium=cpc",
                  "",
                  "",
                  "email",
                  "email-campaign"},
        TouchCase{
            "PercentEncodedUtm", kPage + "?utm_medium=e%2Dmail", "", "", "", "email-campaign"},
        TouchCase{"GarbageReferrerIsDirect", kPage, "not a url", "", "", "direct"},
        TouchCase{"RelativePageUrl", "/pricing?gclid=1", "", "", "", "paid-search"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(ChannelClassifier, ReturnsTheCampaignFromUtmCampaign) {
    const ChannelMatch from_url = DefaultClassifier().Classify(
        {"https://acme.dk/?utm_source=google&utm_medium=cpc&utm_campaign=Spring%20Sale",
         "",
         "",
         "",
         ""});
    EXPECT_EQ(from_url.campaign, "Spring Sale");
    const ChannelMatch from_context =
        DefaultClassifier().Classify({"https://acme.dk/?utm_campaign=url", "", "", "", " ctx "});
    EXPECT_EQ(from_context.campaign, "ctx");
}

TEST(ChannelClassifier, NamesTheRuleThatDecided) {
    const ChannelClassifier classifier = DefaultClassifier();
    const ChannelMatch match = classifier.Classify({"https://acme.dk/?gclid=1", "", "", "", ""});
    ASSERT_GE(match.rule_index, 0);
    EXPECT_EQ(DefaultChannelRules().rules[static_cast<std::size_t>(match.rule_index)].click_id,
              "gclid|gbraid|wbraid|msclkid");
    EXPECT_EQ(classifier.Classify({"https://acme.dk/", "", "", "", ""}).rule_index, -1);
}

TEST(ChannelClassifier, WorkspaceRulesComeFirstAndOwnDomainsAreInternal) {
    ChannelRules rules = DefaultChannelRules();
    rules.rules.insert(rules.rules.begin(),
                       ChannelRule{"cold-canvassing", "", "outbound|sdr-*", "", ""});
    rules.rules.insert(rules.rules.begin(),
                       ChannelRule{"partner", "", "", "*.partner-portal.com", ""});
    rules.own_domains = {"Acme-Shop.com"};
    auto classifier = ChannelClassifier::Create(rules);
    ASSERT_TRUE(classifier.has_value()) << classifier.error().message;
    const std::string page = "https://acme.dk/";
    EXPECT_EQ(classifier->Classify({page, "", "", "sdr-anna", ""}).channel, "cold-canvassing");
    EXPECT_EQ(classifier->Classify({page, "https://eu.partner-portal.com/x", "", "", ""}).channel,
              "partner");
    EXPECT_TRUE(
        classifier->Classify({page, "https://www.acme-shop.com/cart", "", "", ""}).is_internal);
}

TEST(ChannelClassifier, AStarConditionNeedsAValue) {
    auto classifier = ChannelClassifier::Create({{ChannelRule{"display", "", "*", "", ""}}, {}});
    ASSERT_TRUE(classifier.has_value());
    EXPECT_EQ(classifier->Classify({"https://a.dk/", "", "", "", ""}).channel, "direct");
    EXPECT_EQ(classifier->Classify({"https://a.dk/", "", "", "anything", ""}).channel, "display");
}

struct BadRulesCase {
    std::string name;
    ChannelRules rules;
    std::string field;
};

class ChannelClassifierRejects : public testing::TestWithParam<BadRulesCase> {};

TEST_P(ChannelClassifierRejects, InvalidRulesWithTheField) {
    auto classifier = ChannelClassifier::Create(GetParam().rules);
    ASSERT_FALSE(classifier.has_value());
    EXPECT_EQ(classifier.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(classifier.error().field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    ChannelClassifierRejects,
    testing::Values(
        BadRulesCase{"ChannelNotAKey",
                     {{ChannelRule{"Paid Search", "", "cpc", "", ""}}, {}},
                     "rules[0].channel"},
        BadRulesCase{
            "NoCondition", {{ChannelRule{"direct", "", "", "", ""}}, {}}, "rules[0].channel"},
        BadRulesCase{"EmptyAlternative",
                     {{ChannelRule{"display", "", "cpm||banner", "", ""}}, {}},
                     "rules[0].utm_medium"},
        BadRulesCase{"EmptyClickIdAlternative",
                     {{ChannelRule{"display", "", "", "", "dclid|"}}, {}},
                     "rules[0].click_id"},
        BadRulesCase{
            "SecondRuleBad",
            {{ChannelRule{"display", "", "cpm", "", ""}, ChannelRule{"", "x", "", "", ""}}, {}},
            "rules[1].channel"},
        BadRulesCase{"EmptyOwnDomain", {{}, {"acme.dk", " "}}, "own_domains[1]"},
        BadRulesCase{"TooManyRules",
                     {std::vector<ChannelRule>(501, ChannelRule{"display", "", "cpm", "", ""}), {}},
                     "rules"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(ChannelClassifier, DefaultRulesUseOnlyTheDefaultWorkspaceChannels) {
    // The keys a new workspace starts with (service/settings.cpp).
    const std::vector<std::string> known = {"direct",
                                            "organic-search",
                                            "paid-search",
                                            "organic-social",
                                            "paid-social",
                                            "email-campaign",
                                            "referral",
                                            "display",
                                            "cold-canvassing",
                                            "event",
                                            "morning-meeting",
                                            "personal-relation",
                                            "partner",
                                            "website-form"};
    for (const ChannelRule& rule : DefaultChannelRules().rules) {
        EXPECT_NE(std::find(known.begin(), known.end(), rule.channel), known.end()) << rule.channel;
    }
}

TEST(ChannelClassifier, HostileInputNeverThrows) {
    const ChannelClassifier classifier = DefaultClassifier();
    const std::string huge(100'000, '*');
    const std::string url = "https://" + std::string(5000, 'a') + "?utm_medium=" + huge + "&%%%=%";
    const ChannelMatch match = classifier.Classify({url, "//" + huge, huge, "", huge});
    EXPECT_EQ(match.channel, "referral");
}

}  // namespace
}  // namespace lb::tracking
