#include "scoring/predictive/suggested_rules.hpp"

#include <algorithm>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scoring/predictive/cross_validation.hpp"
#include "scoring/predictive/synthetic_leads_test_util.hpp"

namespace lb::scoring::predictive {
namespace {

using testing::Signal;
using testing::SyntheticLeads;

scoring::Model SuggestFor(const Table& table, ModelKind kind = ModelKind::kLogistic) {
    const auto outcomes = ReadOutcomes(table, "converted", DefaultPositiveValues(), {""}, 1);
    EXPECT_TRUE(outcomes);
    ModelOptions options;
    options.kind = kind;
    options.features.excluded_columns = {"Lead Id", "leak"};
    const auto model = TrainedModel::Train(table, outcomes->labels, "converted", options);
    EXPECT_TRUE(model) << model.error().message;
    auto rules = SuggestRules(*model, table);
    EXPECT_TRUE(rules) << rules.error().message;
    return rules.value_or(scoring::Model{});
}

double PointsWhen(const scoring::Model& model, const std::string& field, const std::string& value) {
    for (const Rule& rule : model.rules) {
        const auto& condition = std::get<FitCondition>(rule.when);
        if (condition.field == field && condition.op == FitOp::kEquals &&
            condition.values.front() == value) {
            return rule.points;
        }
    }
    return 0;
}

TEST(SuggestRules, GiveTheInformativeLevelTheMostPoints) {
    const scoring::Model model = SuggestFor(SyntheticLeads(600, Signal::kSeparable));
    const double event = PointsWhen(model, "custom.source", "event");
    EXPECT_GT(event, 50);
    EXPECT_GT(event, PointsWhen(model, "custom.source", "web"));
    EXPECT_GT(event, PointsWhen(model, "custom.colour", "red"));
}

TEST(SuggestRules, ACustomColumnKeepsItsFieldAndRulesAreNamedByTheirColumn) {
    Table table({"Lead Id", "leak", "custom.segment", "converted"});
    for (int row = 0; row < 200; ++row) {
        const bool is_a = row % 2 == 0;
        const bool converted = is_a == (row % 10 != 0);
        ASSERT_TRUE(table.AppendRow(std::vector<std::string>{
            std::to_string(row), "x", is_a ? "a" : "b", converted ? "1" : "0"}));
    }
    const scoring::Model model = SuggestFor(table);
    EXPECT_GT(PointsWhen(model, "custom.segment", "a"), 50);
    for (const Rule& rule : model.rules) {
        EXPECT_EQ(std::get<FitCondition>(rule.when).field, "custom.segment");
        EXPECT_EQ(rule.name.rfind("custom.segment: ", 0), 0U) << rule.name;
    }
}

TEST(SuggestRules, ScaleTheBestLeadToAboutOneHundred) {
    const scoring::Model model = SuggestFor(SyntheticLeads(800, Signal::kVisits));
    ASSERT_TRUE(model.fit_max.has_value());
    EXPECT_NEAR(*model.fit_max, 100, 3);
    EXPECT_DOUBLE_EQ(model.fit_weight, 1.0);
    EXPECT_TRUE(std::ranges::all_of(model.rules, [](const Rule& r) { return r.points >= 1; }));
}

TEST(SuggestRules, BinNumbersIntoRangesWithMorePointsForMoreVisits) {
    const scoring::Model model = SuggestFor(SyntheticLeads(800, Signal::kVisits));
    std::vector<std::pair<double, double>> bins;  // (min or -1, points)
    for (const Rule& rule : model.rules) {
        const auto& condition = std::get<FitCondition>(rule.when);
        if (condition.field == "custom.visits" && condition.op == FitOp::kBetween) {
            bins.emplace_back(condition.min.value_or(-1), rule.points);
        }
    }
    ASSERT_GE(bins.size(), 2U);
    std::ranges::sort(bins);
    EXPECT_GT(bins.back().second, bins.front().second);
}

TEST(SuggestRules, NeedALogisticModel) {
    const Table table = SyntheticLeads(200, Signal::kVisits);
    const auto outcomes = ReadOutcomes(table, "converted", DefaultPositiveValues(), {""}, 1);
    ModelOptions options;
    options.boosted.rounds = 5;
    const auto model = TrainedModel::Train(table, outcomes->labels, "converted", options);
    ASSERT_TRUE(model);
    EXPECT_FALSE(SuggestRules(*model, table));
}

TEST(SuggestedRulesJson, FollowsTheDocumentedModelShape) {
    const scoring::Model model = SuggestFor(SyntheticLeads(600, Signal::kVisits));
    const auto document = nlohmann::json::parse(SuggestedRulesJson(model));
    EXPECT_EQ(document.at("key"), "learned-converted");
    EXPECT_EQ(document.at("fit_weight"), 1.0);
    ASSERT_FALSE(document.at("rules").empty());
    for (const auto& rule : document.at("rules")) {
        EXPECT_EQ(rule.at("category"), "fit");
        EXPECT_TRUE(rule.at("points").is_number_integer());
        const auto& when = rule.at("when");
        const std::string op = when.at("op");
        if (op == "between") {
            EXPECT_TRUE(when.contains("min") || when.contains("max"));
        } else if (op != "missing") {
            EXPECT_TRUE(when.at("values").is_array());
        }
    }
}

}  // namespace
}  // namespace lb::scoring::predictive
