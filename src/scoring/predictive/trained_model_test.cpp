#include "scoring/predictive/trained_model.hpp"

#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scoring/predictive/cross_validation.hpp"
#include "scoring/predictive/synthetic_leads_test_util.hpp"

namespace lb::scoring::predictive {
namespace {

using testing::Signal;
using testing::SyntheticLeads;

Result<TrainedModel> TrainOn(const Table& table, ModelKind kind) {
    const auto outcomes = ReadOutcomes(table, "converted", DefaultPositiveValues(), {""}, 1);
    EXPECT_TRUE(outcomes);
    ModelOptions options;
    options.kind = kind;
    options.features.excluded_columns = {"Lead Id", "leak"};
    options.boosted.rounds = 40;
    options.boosted.threads = 1;
    return TrainedModel::Train(table, outcomes->labels, "converted", options);
}

class TrainedModelKinds : public ::testing::TestWithParam<ModelKind> {};

TEST_P(TrainedModelKinds, SaveAndLoadGiveIdenticalPredictions) {
    const Table table = SyntheticLeads(400, Signal::kVisits);
    const auto model = TrainOn(table, GetParam());
    ASSERT_TRUE(model) << model.error().message;
    const auto json = model->ToJson();
    ASSERT_TRUE(json) << json.error().message;
    const auto loaded = TrainedModel::FromJson(*json);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->Kind(), GetParam());
    const auto before = model->Predict(table);
    const auto after = loaded->Predict(table);
    ASSERT_TRUE(before && after);
    EXPECT_EQ(*before, *after);
}

TEST_P(TrainedModelKinds, ExplanationsPutTheInformativeFeatureFirst) {
    const Table table = SyntheticLeads(600, Signal::kSeparable);
    const auto model = TrainOn(table, GetParam());
    ASSERT_TRUE(model) << model.error().message;
    const auto explanations =
        model->Explain(table.SelectRows(std::vector<std::size_t>{0, 1, 2}), 3);
    ASSERT_TRUE(explanations) << explanations.error().message;
    ASSERT_EQ(explanations->size(), 3U);
    for (const std::vector<Contribution>& top : *explanations) {
        ASSERT_FALSE(top.empty());
        EXPECT_EQ(top.front().feature.rfind("source=", 0), 0U) << top.front().feature;
        EXPECT_LE(top.size(), 3U);
    }
}

TEST_P(TrainedModelKinds, ScoresATableOfManyChunksLikeItsRowsOneByOne) {
    const Table table = SyntheticLeads(400, Signal::kVisits);
    const auto model = TrainOn(table, GetParam());
    ASSERT_TRUE(model) << model.error().message;
    // 50,000 rows: several chunks, shared among threads; the row order must survive.
    std::vector<std::size_t> rows(50000);
    for (std::size_t idx = 0; idx < rows.size(); ++idx) rows[idx] = (idx * 7) % 400;
    const auto many = model->Predict(table.SelectRows(rows));
    const auto once = model->Predict(table);
    ASSERT_TRUE(many && once);
    ASSERT_EQ(many->size(), rows.size());
    for (std::size_t idx = 0; idx < rows.size(); ++idx) {
        ASSERT_EQ((*many)[idx], (*once)[rows[idx]]) << "row " << idx;
    }
}

INSTANTIATE_TEST_SUITE_P(Models,
                         TrainedModelKinds,
                         ::testing::Values(ModelKind::kLogistic, ModelKind::kBoosted),
                         [](const auto& param_info) {
                             return std::string(ModelKindName(param_info.param));
                         });

TEST(TrainedModel, RefusesAnotherFormatVersion) {
    const auto loaded = TrainedModel::FromJson(
        R"({"format": "leadbase-predictive", "version": 99, "kind": "logistic"})");
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().message.find("version 99"), std::string::npos);
}

TEST(TrainedModel, StoresHowAbsentLevelsAreEncodedAndReadsOldModelsAsZero) {
    const Table table = SyntheticLeads(300, Signal::kVisits);
    const auto boosted = TrainOn(table, ModelKind::kBoosted);
    const auto logistic = TrainOn(table, ModelKind::kLogistic);
    ASSERT_TRUE(boosted && logistic);
    auto boosted_json = nlohmann::json::parse(*boosted->ToJson());
    EXPECT_EQ(boosted_json.at("absent_level"), "missing");
    auto logistic_json = nlohmann::json::parse(*logistic->ToJson());
    EXPECT_EQ(logistic_json.at("absent_level"), "zero");
    logistic_json.erase("absent_level");  // as written before the field existed
    const auto old_logistic = TrainedModel::FromJson(logistic_json.dump());
    ASSERT_TRUE(old_logistic) << old_logistic.error().message;
    EXPECT_EQ(*old_logistic->Predict(table), *logistic->Predict(table));
    boosted_json["absent_level"] = "sometimes";
    const auto bad = TrainedModel::FromJson(boosted_json.dump());
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("absent_level"), std::string::npos);
}

TEST(TrainedModel, RefusesMalformedJson) {
    const auto loaded = TrainedModel::FromJson("{not json");
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidArgument);
}

TEST(TrainedModel, PredictNamesAColumnTheTableLacks) {
    const Table table = SyntheticLeads(200, Signal::kVisits);
    const auto model = TrainOn(table, ModelKind::kLogistic);
    ASSERT_TRUE(model);
    Table other({"source"});
    ASSERT_TRUE(other.AppendRow(std::vector<std::string>{"web"}));
    const auto scores = model->Predict(other);
    ASSERT_FALSE(scores);
    EXPECT_NE(scores.error().message.find("'visits'"), std::string::npos);
}

}  // namespace
}  // namespace lb::scoring::predictive
