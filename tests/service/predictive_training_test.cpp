// Training from the store's own history on both stores: a shared trait of won leads is learned,
// noise is not, nothing written at or after the outcome becomes a feature, thin data is refused
// and saved models are numbered per workspace.
#include "service/predictive_training.hpp"

#include <algorithm>
#include <chrono>
#include <random>

#include "outcome_seed.hpp"
#include "service/lead_prediction.hpp"

namespace lb::service::testing {
namespace {

namespace predictive = scoring::predictive;
using std::chrono::days;
using std::chrono::hours;

class PredictiveTrainingTest : public OutcomeSeedTest {};

TEST_P(PredictiveTrainingTest, WonLeadsSharingIndustryAndDemoBookingsGiveAucAbove09) {
    Seed(TraitLeads(100));
    const auto outcomes = BuildOutcomeTable(Store(), workspace_.id, {});
    ASSERT_TRUE(outcomes.has_value()) << outcomes.error().message;
    EXPECT_EQ(outcomes->won, 100);
    EXPECT_EQ(outcomes->lost, 100);
    const auto report = CrossValidated(*outcomes);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_GT(report->auc, 0.9);
}

TEST_P(PredictiveTrainingTest, PureNoiseGivesAucWithinOneTenthOfOneHalf) {
    Seed(NoiseLeads(150));
    const auto outcomes = BuildOutcomeTable(Store(), workspace_.id, {});
    ASSERT_TRUE(outcomes.has_value()) << outcomes.error().message;
    const auto report = CrossValidated(*outcomes);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_NEAR(report->auc, 0.5, 0.1);
}

TEST_P(PredictiveTrainingTest, StageIdsAndTouchesAfterTheOutcomeAreNeverFeatures) {
    Seed(TraitLeads(60));
    const auto outcomes = BuildOutcomeTable(Store(), workspace_.id, {});
    ASSERT_TRUE(outcomes.has_value()) << outcomes.error().message;
    for (const char* leak : {"stage", "email", "id", "score", "owner", "touches.call"}) {
        EXPECT_FALSE(outcomes->table.FindColumn(leak).has_value()) << leak;
    }
    EXPECT_FALSE(outcomes->table.FindColumn("touches.bot_visit").has_value());
    EXPECT_TRUE(outcomes->table.FindColumn("touches.meeting").has_value());
    EXPECT_TRUE(outcomes->table.FindColumn("custom.segment").has_value());
    const auto report = CrossValidated(*outcomes);
    ASSERT_TRUE(report.has_value());
    const auto saved = SavePredictiveModel(
        Store(), workspace_.id, *outcomes, *report, predictive::ModelOptions{}, clock_.Now());
    ASSERT_TRUE(saved.has_value()) << saved.error().message;
    const auto model = predictive::TrainedModel::FromJson(saved->model);
    ASSERT_TRUE(model.has_value()) << model.error().message;
    for (const std::string& feature : model->Spec().FeatureNames()) {
        EXPECT_EQ(feature.find("stage"), std::string::npos) << feature;
        EXPECT_NE(feature.rfind(std::string(kOutcomeColumn), 0), 0U) << feature;
        EXPECT_EQ(feature.find("email"), std::string::npos) << feature;
        EXPECT_EQ(feature.find("touches.call"), std::string::npos) << feature;
    }
}

TEST_P(PredictiveTrainingTest, TooFewOutcomesAreRefusedNamingFoundAndNeeded) {
    std::vector<SeedLead> leads = TraitLeads(30);
    leads.resize(50);  // 25 won, 25 lost
    Seed(leads);
    const auto outcomes = BuildOutcomeTable(Store(), workspace_.id, {});
    ASSERT_FALSE(outcomes.has_value());
    EXPECT_EQ(outcomes.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(outcomes.error().field, "--min-outcomes");
    EXPECT_NE(outcomes.error().message.find("found 25 won and 25 lost"), std::string::npos)
        << outcomes.error().message;
    EXPECT_NE(outcomes.error().message.find("at least 50 of each"), std::string::npos);
    EXPECT_TRUE(BuildOutcomeTable(Store(), workspace_.id, {.min_outcomes = 20}).has_value());
}

TEST_P(PredictiveTrainingTest, OutcomeByKeepsOnlyLeadsDecidedByThen) {
    Seed(TraitLeads(60));  // outcomes 30 days after creation, one lead an hour apart
    const Timestamp by = clock_.Now() - days(370) + hours(59);  // the first 60 outcomes
    const auto outcomes =
        BuildOutcomeTable(Store(), workspace_.id, {.outcome_by = by, .min_outcomes = 10});
    ASSERT_TRUE(outcomes.has_value()) << outcomes.error().message;
    EXPECT_EQ(outcomes->won + outcomes->lost, 60);
}

TEST_P(PredictiveTrainingTest, AnOutcomeStageCountsLeadsThatReachedItEvenWhenLostLater) {
    Seed(TraitLeads(60));  // 60 won, 60 lost, each with a stage move into won or lost
    ASSERT_TRUE(Store()
                    .Write([&](storage::Transaction& tx) -> Status {
                        LB_ASSIGN_OR_RETURN(const auto leads,
                                            tx.ListLeadsAfter(workspace_.id, LeadId{}, 500));
                        int reached = 0;
                        int disqualified = 0;
                        for (domain::Lead lead : leads) {
                            if (lead.stage == "lost" && reached == 10 && disqualified < 5) {
                                ++disqualified;  // left the funnel without reaching sql
                                lead.stage = "disqualified";
                                LB_TRY(tx.UpdateLead(lead));
                            }
                            if (lead.stage != "lost" || reached == 10) continue;
                            ++reached;  // reached sql 10 days in, lost at day 30
                            LB_TRY(tx.AppendLeadHistory({.id = 0,
                                                         .workspace_id = workspace_.id,
                                                         .lead_id = lead.id,
                                                         .kind = "stage",
                                                         .from_value = "mql",
                                                         .to_value = "sql",
                                                         .reason = "",
                                                         .actor = "test",
                                                         .at = lead.created_at + days(10)}));
                        }
                        return Ok();
                    })
                    .has_value());
    const auto by_sql = BuildOutcomeTable(Store(), workspace_.id, {.outcome_stage = "sql"});
    ASSERT_TRUE(by_sql.has_value()) << by_sql.error().message;
    EXPECT_EQ(by_sql->won, 70);   // the won leads passed sql too
    EXPECT_EQ(by_sql->lost, 50);  // 45 lost and 5 disqualified
    EXPECT_EQ(by_sql->outcome_stage, "sql");
    const auto by_won = BuildOutcomeTable(Store(), workspace_.id, {});
    ASSERT_TRUE(by_won.has_value()) << by_won.error().message;
    EXPECT_EQ(by_won->won, 60);
    EXPECT_EQ(by_won->lost, 55);  // won against lost only
    const auto refused = BuildOutcomeTable(
        Store(), workspace_.id, {.min_outcomes = 61, .outcome_stage = "opportunity"});
    ASSERT_FALSE(refused.has_value());  // only the 60 won leads reached opportunity or later
    EXPECT_NE(refused.error().message.find(
                  "found 60 leads that reached opportunity and 60 that left the funnel"),
              std::string::npos)
        << refused.error().message;
}

TEST_P(PredictiveTrainingTest, AnOutcomeStageOutsideTheFunnelIsRefusedNamingTheFlag) {
    Seed(TraitLeads(60));
    for (const char* stage : {"lost", "nurture", "prospect", "SQL", ""}) {
        const auto outcomes = BuildOutcomeTable(Store(), workspace_.id, {.outcome_stage = stage});
        ASSERT_FALSE(outcomes.has_value()) << stage;
        EXPECT_EQ(outcomes.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(outcomes.error().field, "--outcome-stage");
    }
}

TEST_P(PredictiveTrainingTest, SavingTwiceStoresVersionsOneAndTwo) {
    Seed(TraitLeads(60));
    const auto outcomes = BuildOutcomeTable(Store(), workspace_.id, {});
    ASSERT_TRUE(outcomes.has_value()) << outcomes.error().message;
    const auto report = CrossValidated(*outcomes);
    ASSERT_TRUE(report.has_value());
    std::vector<int> versions;
    for (int round = 0; round < 2; ++round) {
        const auto saved = SavePredictiveModel(
            Store(), workspace_.id, *outcomes, *report, predictive::ModelOptions{}, clock_.Now());
        ASSERT_TRUE(saved.has_value()) << saved.error().message;
        versions.push_back(saved->version);
        EXPECT_NE(saved->trained_on.find("\"won\":60"), std::string::npos) << saved->trained_on;
    }
    EXPECT_EQ(versions, (std::vector<int>{1, 2}));
}

TEST_P(PredictiveTrainingTest, ASavedModelGivesEveryLeadAProbabilityAndAtMostThreeTopFeatures) {
    Seed(TraitLeads(60));
    const auto outcomes = BuildOutcomeTable(Store(), workspace_.id, {});
    ASSERT_TRUE(outcomes.has_value()) << outcomes.error().message;
    const auto report = CrossValidated(*outcomes);
    ASSERT_TRUE(report.has_value());
    LeadPredictor predictor;
    const auto before = predictor.RefreshWorkspace(Store(), workspace_.id, clock_.Now());
    ASSERT_TRUE(before.has_value()) << before.error().message;
    EXPECT_EQ(*before, 0);
    ASSERT_TRUE(SavePredictiveModel(Store(), workspace_.id, *outcomes, *report, {}, clock_.Now())
                    .has_value());
    const auto predicted = predictor.RefreshWorkspace(Store(), workspace_.id, clock_.Now());
    ASSERT_TRUE(predicted.has_value()) << predicted.error().message;
    EXPECT_EQ(*predicted, 120);
    // Nothing changed since: every stored prediction is current, and none is written again.
    const auto again = predictor.RefreshWorkspace(Store(), workspace_.id, clock_.Now());
    ASSERT_TRUE(again.has_value()) << again.error().message;
    EXPECT_EQ(*again, 0);
    ASSERT_TRUE(Store()
                    .Read([&](storage::Transaction& tx) -> Status {
                        LB_ASSIGN_OR_RETURN(const auto leads,
                                            tx.ListLeadsAfter(workspace_.id, LeadId(), 500));
                        EXPECT_EQ(leads.size(), 120U);
                        for (const domain::Lead& lead : leads) {
                            EXPECT_TRUE(lead.predicted.has_value());
                            if (!lead.predicted) continue;
                            EXPECT_GT(lead.predicted->probability, 0.0);
                            EXPECT_LT(lead.predicted->probability, 1.0);
                            EXPECT_EQ(lead.predicted->model_version, 1);
                            EXPECT_LE(lead.predicted->top.size(), kPredictedTopFeatures);
                            EXPECT_FALSE(lead.predicted->top.empty());
                        }
                        return Ok();
                    })
                    .has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         PredictiveTrainingTest,
                         ::testing::ValuesIn(lb::testing::AllTestBackends()),
                         lb::testing::TestBackendName);

}  // namespace
}  // namespace lb::service::testing
