// Suggested rules from the store's outcomes on both stores: the trait won leads share is the top
// fit rule, their demo bookings become an engagement rule the engine can match, the preview ranks
// won above lost, thin data is refused and sales may not ask.
#include "service/suggested_model.hpp"

#include <algorithm>
#include <string>

#include "outcome_seed.hpp"
#include "scoring/model_parser.hpp"
#include "service/scoring_service.hpp"

namespace lb::service::testing {
namespace {

class SuggestedModelTest : public OutcomeSeedTest {};

bool IsEngineField(const std::string& field) {
    const auto fields = scoring::LeadFieldNames();
    return field.starts_with("custom.")
               ? !field.starts_with("custom.touches.") && !field.starts_with("custom.custom.")
               : std::ranges::find(fields, field) != fields.end();
}

TEST_P(SuggestedModelTest, TheSharedIndustryIsTheTopFitRuleAndDemoBookingsAnEngagementRule) {
    Seed(TraitLeads(100));
    const auto suggested = SuggestRulesFromOutcomes(Store(), workspace_.id, {}, clock_.Now());
    ASSERT_TRUE(suggested.has_value()) << suggested.error().message;
    const scoring::Model& model = suggested->model;
    EXPECT_TRUE(scoring::ValidateModel(model).has_value());
    EXPECT_EQ(model.key, "suggested");
    EXPECT_NE(model.name.find("100 won / 100 lost"), std::string::npos) << model.name;
    EXPECT_GT(suggested->auc_in_sample, 0.9);
    const scoring::Rule* top_fit = nullptr;
    bool has_meeting_rule = false;
    for (const scoring::Rule& rule : model.rules) {
        if (const auto* fit = std::get_if<scoring::FitCondition>(&rule.when)) {
            EXPECT_TRUE(IsEngineField(fit->field)) << fit->field;
            EXPECT_EQ(fit->field.find("days_first_touch"), std::string::npos);
            if (top_fit == nullptr || rule.points > top_fit->points) top_fit = &rule;
            continue;
        }
        const auto& behaviour = std::get<scoring::BehaviourCondition>(rule.when);
        EXPECT_EQ(rule.category, scoring::Category::kEngagement);
        EXPECT_GE(behaviour.at_least, 1);
        has_meeting_rule |=
            behaviour.matches.front().types == std::vector<std::string>{"meeting"} &&
            behaviour.aggregation == scoring::Aggregation::kCount;
    }
    ASSERT_NE(top_fit, nullptr);
    const auto& top = std::get<scoring::FitCondition>(top_fit->when);
    EXPECT_EQ(top.field, "company.industry");
    EXPECT_EQ(top.values, std::vector<std::string>{"Media"});
    EXPECT_TRUE(has_meeting_rule);
}

TEST_P(SuggestedModelTest, ThePreviewOfTheSuggestionRanksWonLeadsAboveLostOnes) {
    Seed(TraitLeads(100));
    const auto suggested = SuggestModel(*services_, admin_);
    ASSERT_TRUE(suggested.has_value()) << suggested.error().message;
    ScoringService scoring(*services_);
    const auto preview = scoring.Preview(admin_, suggested->model);
    ASSERT_TRUE(preview.has_value()) << preview.error().message;
    EXPECT_EQ(preview->won, 100);
    EXPECT_EQ(preview->lost, 100);
    ASSERT_TRUE(preview->auc.has_value());
    EXPECT_GT(*preview->auc, 0.85);
}

TEST_P(SuggestedModelTest, TooFewOutcomesAreRefusedNamingFoundAndNeeded) {
    std::vector<SeedLead> leads = TraitLeads(30);
    leads.resize(40);  // 20 won, 20 lost
    Seed(leads);
    const auto suggested = SuggestModel(*services_, admin_);
    ASSERT_FALSE(suggested.has_value());
    EXPECT_EQ(suggested.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(suggested.error().message.find("found 20 won and 20 lost"), std::string::npos)
        << suggested.error().message;
    EXPECT_NE(suggested.error().message.find("at least 50 of each"), std::string::npos);
}

TEST_P(SuggestedModelTest, SalesMayNotAskForASuggestion) {
    Seed(TraitLeads(60));
    const auto suggested =
        SuggestModel(*services_, UserPrincipal(domain::Role::kSales, "sales@example.com"));
    ASSERT_FALSE(suggested.has_value());
    EXPECT_EQ(suggested.error().code, ErrorCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         SuggestedModelTest,
                         ::testing::ValuesIn(lb::testing::AllTestBackends()),
                         lb::testing::TestBackendName);

}  // namespace
}  // namespace lb::service::testing
