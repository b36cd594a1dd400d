#include "scoring/predictive/cross_validation.hpp"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "scoring/predictive/synthetic_leads_test_util.hpp"

namespace lb::scoring::predictive {
namespace {

using testing::Signal;
using testing::SyntheticLeads;

struct CvRun {
    Outcomes outcomes;
    CvReport report;
};

CvRun CrossValidateLeads(const Table& csv, ModelKind kind, std::vector<std::string> excluded) {
    auto outcomes = ReadOutcomes(csv, "converted", DefaultPositiveValues(), {"", "Select"}, 50);
    EXPECT_TRUE(outcomes) << outcomes.error().message;
    const Table table = csv.SelectRows(outcomes->rows);
    const std::vector<int> folds = StratifiedFolds(outcomes->labels, 5, 42);
    ModelOptions options;
    options.kind = kind;
    options.features.excluded_columns = std::move(excluded);
    options.boosted.rounds = 40;
    options.boosted.threads = 1;
    auto report = CrossValidate(table, outcomes->labels, folds, "converted", options);
    EXPECT_TRUE(report) << report.error().message;
    return {*outcomes, *report};
}

TEST(StratifiedFolds, KeepTheClassRatioInEveryFold) {
    std::vector<std::uint8_t> labels(1000, 0);
    std::fill(labels.begin(), labels.begin() + 300, 1);
    const std::vector<int> folds = StratifiedFolds(labels, 5, 42);
    for (int fold = 0; fold < 5; ++fold) {
        int size = 0;
        int positives = 0;
        for (std::size_t row = 0; row < labels.size(); ++row) {
            if (folds[row] != fold) continue;
            ++size;
            positives += labels[row];
        }
        EXPECT_EQ(size, 200) << "fold " << fold;
        EXPECT_EQ(positives, 60) << "fold " << fold;
    }
}

TEST(StratifiedFolds, AreTheSameForTheSameSeed) {
    std::vector<std::uint8_t> labels(50, 0);
    std::fill(labels.begin(), labels.begin() + 20, 1);
    EXPECT_EQ(StratifiedFolds(labels, 3, 9), StratifiedFolds(labels, 3, 9));
    EXPECT_NE(StratifiedFolds(labels, 3, 9), StratifiedFolds(labels, 3, 10));
}

TEST(CrossValidate, SeparableDataGivesAucOfOne) {
    for (const ModelKind kind : {ModelKind::kLogistic, ModelKind::kBoosted}) {
        const CvRun run =
            CrossValidateLeads(SyntheticLeads(600, Signal::kSeparable), kind, {"Lead Id", "leak"});
        EXPECT_GT(run.report.auc, 0.999) << ModelKindName(kind);
        EXPECT_EQ(run.report.folds.size(), 5U);
    }
}

TEST(CrossValidate, NoiseGivesAucNearOneHalf) {
    for (const ModelKind kind : {ModelKind::kLogistic, ModelKind::kBoosted}) {
        const CvRun run =
            CrossValidateLeads(SyntheticLeads(2000, Signal::kNoise), kind, {"Lead Id", "leak"});
        EXPECT_NEAR(run.report.auc, 0.5, 0.05) << ModelKindName(kind);
    }
}

TEST(CrossValidate, ExcludingALeakageColumnGivesTheHonestAuc) {
    const Table csv = SyntheticLeads(1500, Signal::kVisits);
    const CvRun leaky = CrossValidateLeads(csv, ModelKind::kLogistic, {"Lead Id"});
    const CvRun honest = CrossValidateLeads(csv, ModelKind::kLogistic, {"Lead Id", "leak"});
    EXPECT_GT(leaky.report.auc, 0.99);
    EXPECT_GT(honest.report.auc, 0.7);
    EXPECT_LT(honest.report.auc, 0.9);
}

TEST(CrossValidate, ReportsCalibrationAndDecilesOfOutOfFoldPredictions) {
    const CvRun run = CrossValidateLeads(
        SyntheticLeads(1000, Signal::kVisits), ModelKind::kLogistic, {"Lead Id", "leak"});
    std::int64_t binned = 0;
    for (const ReliabilityBin& bin : run.report.reliability) binned += bin.count;
    EXPECT_EQ(binned, 1000);
    ASSERT_EQ(run.report.deciles.size(), 10U);
    EXPECT_GT(run.report.deciles[0].lift, run.report.deciles[9].lift);
}

TEST(ReadOutcomes, RefusesThinData) {
    const Table csv = SyntheticLeads(100, Signal::kNoise);
    const auto outcomes = ReadOutcomes(csv, "converted", DefaultPositiveValues(), {""}, 50);
    ASSERT_FALSE(outcomes);
    EXPECT_EQ(outcomes.error().field, "--min-outcomes");
    EXPECT_NE(outcomes.error().message.find("no model was made"), std::string::npos);
}

TEST(ReadOutcomes, RefusesASingleClass) {
    const Table csv = SyntheticLeads(100, Signal::kNoise);
    const auto outcomes = ReadOutcomes(csv, "converted", {"maybe"}, {""}, 1);
    ASSERT_FALSE(outcomes);
    EXPECT_EQ(outcomes.error().field, "--target");
    EXPECT_NE(outcomes.error().message.find("single class"), std::string::npos);
}

TEST(ReadOutcomes, NamesAMissingTargetColumnAndListsTheColumns) {
    const Table csv = SyntheticLeads(10, Signal::kNoise);
    const auto outcomes = ReadOutcomes(csv, "Converted", DefaultPositiveValues(), {""}, 1);
    ASSERT_FALSE(outcomes);
    EXPECT_NE(outcomes.error().message.find("no column 'Converted'"), std::string::npos);
    EXPECT_NE(outcomes.error().message.find("'converted'"), std::string::npos);
}

TEST(ReadOutcomes, DropsRowsWithoutATarget) {
    Table csv({"x", "won"});
    for (const auto& row : std::vector<std::vector<std::string>>{
             {"a", "Yes"}, {"b", ""}, {"c", "no"}, {"d", "Select"}}) {
        ASSERT_TRUE(csv.AppendRow(row));
    }
    const auto outcomes = ReadOutcomes(csv, "won", DefaultPositiveValues(), {"Select"}, 1);
    ASSERT_TRUE(outcomes) << outcomes.error().message;
    EXPECT_EQ(outcomes->dropped, 2);
    EXPECT_EQ(outcomes->rows, (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(outcomes->labels, (std::vector<std::uint8_t>{1, 0}));
}

}  // namespace
}  // namespace lb::scoring::predictive
