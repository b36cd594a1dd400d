#include "service/suggested_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "scoring/model_parser.hpp"
#include "scoring/predictive/metrics.hpp"
#include "scoring/predictive/suggested_rules.hpp"

namespace lb::service {

namespace {

namespace predictive = scoring::predictive;

constexpr std::string_view kTouchPrefix = "touches.";
constexpr std::string_view kTouchTotal = "touches.total";
constexpr std::string_view kActiveDays = "active_days";
constexpr std::string_view kDaysToOutcome = "days_first_touch_to_outcome";
// Refits after dropping touch columns that lower the odds; dropping one can flip another's sign.
constexpr int kMaxRefits = 4;

bool IsEngagementColumn(std::string_view column) {
    return column.starts_with(kTouchPrefix) || column == kActiveDays;
}

// SuggestRules names every rule "<column>: <value>"; the column is what the rule is about.
std::string ColumnOf(const scoring::Rule& rule) {
    return rule.name.substr(0, rule.name.find(": "));
}

Result<predictive::TrainedModel> FitLogistic(const OutcomeTable& outcomes,
                                             const std::vector<std::string>& excluded) {
    predictive::ModelOptions options;
    options.kind = predictive::ModelKind::kLogistic;
    options.features.excluded_columns = excluded;
    return predictive::TrainedModel::Train(
        outcomes.table, outcomes.labels, std::string(kOutcomeColumn), options);
}

// The engagement columns whose (numeric) coefficient is below zero.
std::vector<std::string> OddsLoweringTouchColumns(const predictive::TrainedModel& model) {
    std::vector<std::string> columns;
    for (const predictive::ColumnEncoding& encoding : model.Spec().columns) {
        if (!IsEngagementColumn(encoding.name)) continue;
        if (encoding.kind != predictive::ColumnKind::kNumeric ||
            model.Logistic().RawCoefficient(encoding.first_feature) < 0) {
            columns.push_back(encoding.name);
        }
    }
    return columns;
}

// Fits without days_first_touch_to_outcome, then again without touch columns that lower the odds
// until none is left.
Result<predictive::TrainedModel> FitWithPositiveTouches(const OutcomeTable& outcomes) {
    std::vector<std::string> excluded{std::string(kDaysToOutcome)};
    LB_ASSIGN_OR_RETURN(predictive::TrainedModel model, FitLogistic(outcomes, excluded));
    for (int refit = 0; refit < kMaxRefits; ++refit) {
        const std::vector<std::string> lowering = OddsLoweringTouchColumns(model);
        if (lowering.empty()) return model;
        excluded.insert(excluded.end(), lowering.begin(), lowering.end());
        LB_ASSIGN_OR_RETURN(model, FitLogistic(outcomes, excluded));
    }
    return model;
}

// The touchpoint types the table counts ("touches.<type>" columns): what touches.total and
// active_days count, since the engine needs a type list to look at every clean touchpoint.
std::vector<std::string> TouchTypes(const predictive::Table& table) {
    std::vector<std::string> types;
    for (std::size_t column = 0; column < table.ColumnCount(); ++column) {
        const std::string& name = table.Column(column).name;
        if (name.starts_with(kTouchPrefix) && name != kTouchTotal) {
            types.push_back(name.substr(kTouchPrefix.size()));
        }
    }
    return types;
}

scoring::BehaviourCondition TouchCondition(const std::string& column,
                                           int at_least,
                                           const std::vector<std::string>& all_types) {
    scoring::BehaviourCondition condition;
    condition.aggregation =
        column == kActiveDays ? scoring::Aggregation::kDistinctDays : scoring::Aggregation::kCount;
    condition.matches.front().types =
        column.starts_with(kTouchPrefix) && column != kTouchTotal
            ? std::vector<std::string>{column.substr(kTouchPrefix.size())}
            : all_types;
    condition.at_least = at_least;
    return condition;
}

std::string TouchRuleName(const std::string& column, int at_least) {
    if (column == kActiveDays) return "active on at least " + std::to_string(at_least) + " days";
    const std::string what = column == kTouchTotal ? std::string("touchpoints")
                                                   : column.substr(kTouchPrefix.size()) +
                                                         (at_least == 1 ? " touch" : " touches");
    return "at least " + std::to_string(at_least) + " " + what;
}

// One touch column's `between` bins (points relative to its fewest-touches bin, rising) as
// stacked count rules: a lead with at least `min` touches gets that bin's points in total.
// Returns the column's largest total.
double AddStackedTouchRules(const std::string& column,
                            std::vector<scoring::Rule> bins,
                            const std::vector<std::string>& all_types,
                            std::vector<scoring::Rule>& out) {
    std::erase_if(bins, [](const scoring::Rule& rule) {
        const auto& when = std::get<scoring::FitCondition>(rule.when);
        return when.op != scoring::FitOp::kBetween || !when.min;
    });
    std::ranges::sort(bins, {}, [](const scoring::Rule& rule) {
        return *std::get<scoring::FitCondition>(rule.when).min;
    });
    double reached = 0;
    for (scoring::Rule& rule : bins) {
        const double step = rule.points - reached;
        if (step < 1) continue;
        const int at_least = std::max(
            1, static_cast<int>(std::ceil(*std::get<scoring::FitCondition>(rule.when).min)));
        rule.category = scoring::Category::kEngagement;
        rule.points = step;
        rule.name = column + ": " + TouchRuleName(column, at_least);
        rule.when = TouchCondition(column, at_least, all_types);
        reached += step;
        out.push_back(std::move(rule));
    }
    return reached;
}

// Moves the touch columns' fit rules into engagement rules and splits the weight so that fit and
// engagement points add up as SuggestRules scaled them.
void ToEngagementRules(scoring::Model& model, const std::vector<std::string>& all_types) {
    std::vector<scoring::Rule> fit_rules;
    std::map<std::string, std::vector<scoring::Rule>> touch_bins;
    for (scoring::Rule& rule : model.rules) {
        const std::string column = ColumnOf(rule);
        if (IsEngagementColumn(column)) {
            touch_bins[column].push_back(std::move(rule));
        } else {
            fit_rules.push_back(std::move(rule));
        }
    }
    std::vector<scoring::Rule> engagement_rules;
    double engagement_max = 0;
    for (auto& [column, bins] : touch_bins) {
        engagement_max +=
            AddStackedTouchRules(column, std::move(bins), all_types, engagement_rules);
    }
    double fit_max = 0;
    std::map<std::string, double> column_max;
    for (const scoring::Rule& rule : fit_rules) {
        double& best = column_max[ColumnOf(rule)];
        best = std::max(best, rule.points);
    }
    for (const auto& entry : column_max) fit_max += entry.second;
    model.rules = std::move(fit_rules);
    model.rules.insert(model.rules.end(),
                       std::make_move_iterator(engagement_rules.begin()),
                       std::make_move_iterator(engagement_rules.end()));
    model.fit_max = std::max(fit_max, 1.0);
    // Two decimals, as a person would write it; the total moves by less than one point.
    model.fit_weight = std::round(100 * fit_max / std::max(fit_max + engagement_max, 1.0)) / 100;
    model.engagement_max =
        engagement_max > 0 ? std::optional<double>(engagement_max) : std::nullopt;
}

std::string SuggestedName(const OutcomeTable& outcomes, Timestamp now) {
    const bool is_won = outcomes.outcome_stage == "won";
    const std::string converted =
        is_won ? " won / " : " that reached " + outcomes.outcome_stage + " / ";
    return "Suggested: learned from " + std::to_string(outcomes.won) + converted +
           std::to_string(outcomes.lost) + (is_won ? " lost leads" : " that did not") + " on " +
           FormatIso8601(now).substr(0, 10);
}

}  // namespace

Result<SuggestedModel> SuggestRulesFromOutcomes(storage::Store& store,
                                                WorkspaceId workspace,
                                                const SuggestedModelOptions& options,
                                                Timestamp now) {
    LB_ASSIGN_OR_RETURN(const OutcomeTable outcomes,
                        BuildOutcomeTable(store, workspace, options.outcomes));
    LB_ASSIGN_OR_RETURN(const predictive::TrainedModel fitted, FitWithPositiveTouches(outcomes));
    LB_ASSIGN_OR_RETURN(scoring::Model model, predictive::SuggestRules(fitted, outcomes.table));
    ToEngagementRules(model, TouchTypes(outcomes.table));
    model.key = options.key;
    model.name = SuggestedName(outcomes, now);
    LB_TRY(scoring::ValidateModel(model));
    LB_ASSIGN_OR_RETURN(const std::vector<double> predicted, fitted.Predict(outcomes.table));
    return SuggestedModel{.model = std::move(model),
                          .won = outcomes.won,
                          .lost = outcomes.lost,
                          .auc_in_sample = predictive::Auc(predicted, outcomes.labels)};
}

Result<SuggestedModel> SuggestModel(Services& services,
                                    const Principal& principal,
                                    std::string_view outcome_stage) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    LB_TRY(ValidateOutcomeStage(outcome_stage, "outcome_stage"));
    SuggestedModelOptions options;
    options.outcomes.outcome_stage = std::string(outcome_stage);
    return SuggestRulesFromOutcomes(
        services.Store(), principal.workspace, options, services.Time().Now());
}

}  // namespace lb::service
