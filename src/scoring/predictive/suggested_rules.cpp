#include "scoring/predictive/suggested_rules.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "scoring/model_parser.hpp"

namespace lb::scoring::predictive {
namespace {

// One value (or range) of a column and its log-odds.
struct Option {
    std::string label;
    FitCondition condition;
    double log_odds = 0;
    double support = 0;  // training rows with this value
};

FitCondition Condition(const std::string& field, FitOp op, std::vector<std::string> values = {}) {
    FitCondition condition;
    condition.field = field;
    condition.op = op;
    condition.values = std::move(values);
    return condition;
}

struct ColumnOptions {
    std::string column;
    std::vector<Option> options;
};

// A lead field of the scoring model when the column is one (case-insensitive), the custom field
// itself when the column names one ("custom.<key>"), else a custom field of that name.
std::string FieldFor(const std::string& column) {
    const std::string lowered = ToLower(column);
    const auto fields = LeadFieldNames();
    if (std::ranges::find(fields, lowered) != fields.end()) return lowered;
    return column.starts_with("custom.") ? column : "custom." + column;
}

// Values seen in fewer training rows than this get no rule and do not set a column's worst value,
// so a near-constant column (one value in all but a few rows) is worth nothing.
constexpr double kMinRuleSupport = 10;

// Drops the options too few training rows had.
void KeepSupported(std::vector<Option>& options) {
    std::erase_if(options, [](const Option& option) { return option.support < kMinRuleSupport; });
}

ColumnOptions CategoricalOptions(const TrainedModel& model,
                                 const ColumnEncoding& encoding,
                                 const Eigen::VectorXd& feature_counts) {
    const LogisticModel& logistic = model.Logistic();
    const std::string field = FieldFor(encoding.name);
    ColumnOptions result{.column = encoding.name, .options = {}};
    for (std::size_t idx = 0; idx < encoding.levels.size(); ++idx) {
        const std::size_t feature = encoding.first_feature + idx;
        result.options.push_back({encoding.levels[idx],
                                  Condition(field, FitOp::kEquals, {encoding.levels[idx]}),
                                  logistic.RawCoefficient(feature),
                                  feature_counts(static_cast<Eigen::Index>(feature))});
    }
    const std::size_t other = encoding.first_feature + encoding.levels.size();
    if (!encoding.levels.empty()) {
        result.options.push_back({"any other value",
                                  Condition(field, FitOp::kNotIn, encoding.levels),
                                  logistic.RawCoefficient(other),
                                  feature_counts(static_cast<Eigen::Index>(other))});
    }
    result.options.push_back({"missing",
                              Condition(field, FitOp::kMissing),
                              logistic.RawCoefficient(other + 1),
                              feature_counts(static_cast<Eigen::Index>(other + 1))});
    KeepSupported(result.options);
    return result;
}

// Up to 4 groups of the sorted values at the quartiles, without splitting equal values.
std::vector<std::vector<double>> QuantileBins(std::vector<double> values) {
    std::ranges::sort(values);
    std::vector<std::vector<double>> bins;
    for (std::size_t idx = 0; idx < values.size(); ++idx) {
        const std::size_t bin = idx * 4 / values.size();
        const bool is_new = bins.empty() || (bins.size() <= bin && values[idx] != values[idx - 1]);
        if (is_new) bins.emplace_back();
        bins.back().push_back(values[idx]);
    }
    return bins;
}

std::string Format(double value) {
    std::string text = std::to_string(std::round(value * 1000) / 1000);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return text;
}

ColumnOptions NumericOptions(const TrainedModel& model,
                             const ColumnEncoding& encoding,
                             const Table& table,
                             const Eigen::VectorXd& feature_counts) {
    const LogisticModel& logistic = model.Logistic();
    const double coefficient = logistic.RawCoefficient(encoding.first_feature);
    const std::size_t column = *table.FindColumn(encoding.name);
    std::vector<double> values;
    for (std::size_t row = 0; row < table.RowCount(); ++row) {
        const std::string& text = table.Value(column, row);
        if (model.Spec().IsMissing(text)) continue;
        if (const auto number = ParseNumber(text)) values.push_back(*number);
    }
    const std::string field = FieldFor(encoding.name);
    const std::vector<std::vector<double>> bins = QuantileBins(std::move(values));
    ColumnOptions result{.column = encoding.name, .options = {}};
    for (std::size_t bin = 0; bin < bins.size(); ++bin) {
        FitCondition condition = Condition(field, FitOp::kBetween);
        if (bin > 0) condition.min = (bins[bin - 1].back() + bins[bin].front()) / 2;
        if (bin + 1 < bins.size()) condition.max = (bins[bin].back() + bins[bin + 1].front()) / 2;
        double mean = 0;
        for (const double value : bins[bin]) mean += value / static_cast<double>(bins[bin].size());
        result.options.push_back({Format(bins[bin].front()) + " to " + Format(bins[bin].back()),
                                  condition,
                                  coefficient * mean,
                                  static_cast<double>(bins[bin].size())});
    }
    if (encoding.has_missing_indicator) {
        const std::size_t indicator = encoding.first_feature + 1;
        result.options.push_back(
            {"missing",
             Condition(field, FitOp::kMissing),
             coefficient * encoding.median + logistic.RawCoefficient(indicator),
             feature_counts(static_cast<Eigen::Index>(indicator))});
    }
    KeepSupported(result.options);
    return result;
}

std::string UniqueId(const std::string& base, std::set<std::string>& taken) {
    std::string id = base.empty() ? "rule" : base;
    for (int suffix = 2; taken.contains(id); ++suffix) id = base + "-" + std::to_string(suffix);
    taken.insert(id);
    return id;
}

// Points per option relative to the column's worst option, scaled so the best total is 100.
Result<scoring::Model> ToPointsModel(const std::vector<ColumnOptions>& columns,
                                     const std::string& target) {
    double best_total = 0;
    for (const ColumnOptions& column : columns) {
        const auto [low, high] = std::ranges::minmax(
            column.options, {}, [](const Option& option) { return option.log_odds; });
        best_total += high.log_odds - low.log_odds;
    }
    if (best_total <= 0) return Fail(InvalidArgument("the model separates no leads"));
    scoring::Model model;
    model.key = Slugify("learned-" + target);
    model.name = "Learned from " + target + " outcomes";
    model.fit_weight = 1.0;
    std::set<std::string> ids;
    double fit_max = 0;
    for (const ColumnOptions& column : columns) {
        const double worst = std::ranges::min(column.options, {}, &Option::log_odds).log_odds;
        double column_max = 0;
        for (const Option& option : column.options) {
            const double points = std::round((option.log_odds - worst) * 100 / best_total);
            if (points < 1) continue;
            column_max = std::max(column_max, points);
            Rule rule;
            rule.id = UniqueId(Slugify(column.column + " " + option.label), ids);
            rule.name = column.column + ": " + option.label;
            rule.category = Category::kFit;
            rule.points = points;
            rule.when = option.condition;
            model.rules.push_back(std::move(rule));
        }
        fit_max += column_max;
    }
    model.fit_max = std::max(fit_max, 1.0);
    return model;
}

std::string OpName(FitOp op) {
    switch (op) {
        case FitOp::kEquals:
            return "equals";
        case FitOp::kIn:
            return "in";
        case FitOp::kNotIn:
            return "not_in";
        case FitOp::kBetween:
            return "between";
        case FitOp::kMissing:
            return "missing";
        default:
            return "equals";  // SuggestRules makes no other operator
    }
}

}  // namespace

Result<scoring::Model> SuggestRules(const TrainedModel& model, const Table& table) {
    if (model.Kind() != ModelKind::kLogistic) {
        return Fail(InvalidArgument("suggested rules come from a logistic model"));
    }
    LB_ASSIGN_OR_RETURN(const FeatureMatrix features, EncodeFeatures(model.Spec(), table));
    const Eigen::VectorXd feature_counts = features.cast<double>().colwise().sum().transpose();
    std::vector<ColumnOptions> columns;
    for (const ColumnEncoding& encoding : model.Spec().columns) {
        ColumnOptions column = encoding.kind == ColumnKind::kCategorical
                                   ? CategoricalOptions(model, encoding, feature_counts)
                                   : NumericOptions(model, encoding, table, feature_counts);
        if (!column.options.empty()) columns.push_back(std::move(column));
    }
    return ToPointsModel(columns, model.Target());
}

std::string SuggestedRulesJson(const scoring::Model& model) {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const Rule& rule : model.rules) {
        const auto& condition = std::get<FitCondition>(rule.when);
        nlohmann::ordered_json when{{"field", condition.field}, {"op", OpName(condition.op)}};
        if (condition.op == FitOp::kBetween) {
            if (condition.min) when["min"] = *condition.min;
            if (condition.max) when["max"] = *condition.max;
        } else if (condition.op != FitOp::kMissing) {
            when["values"] = condition.values;
        }
        rules.push_back({{"id", rule.id},
                         {"name", rule.name},
                         {"category", "fit"},
                         {"points", static_cast<std::int64_t>(rule.points)},
                         {"when", when}});
    }
    const nlohmann::ordered_json document{
        {"key", model.key},
        {"name", model.name},
        {"fit_weight", model.fit_weight},
        {"fit_max", static_cast<std::int64_t>(model.fit_max.value_or(100))},
        {"rules", rules}};
    return document.dump(2) + "\n";
}

}  // namespace lb::scoring::predictive
