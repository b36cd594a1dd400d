// ValidateModel (declared in scoring/model_parser.hpp): every semantic check of a model, in
// document order so that the first problem reported is the first one a reader meets.
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "scoring/detail/model_names.hpp"
#include "scoring/detail/model_path.hpp"
#include "scoring/model_parser.hpp"

namespace lb::scoring {

namespace {

using detail::JoinPath;
using detail::PathError;

bool IsSlug(std::string_view text) {
    if (text.empty() || text.front() == '-' || text.front() == '_') return false;
    for (const char c : text) {
        const bool is_lower = c >= 'a' && c <= 'z';
        const bool is_digit = c >= '0' && c <= '9';
        if (!is_lower && !is_digit && c != '-' && c != '_') return false;
    }
    return true;
}

Status CheckSlug(const std::string& path, std::string_view text) {
    if (text.empty()) return Fail(PathError(path, "is required"));
    if (!IsSlug(text))
        return Fail(PathError(path,
                              "must be a slug: lowercase letters, digits, '-' and '_', starting "
                              "with a letter or digit"));
    return Ok();
}

Status CheckPositive(const std::string& path, const std::optional<double>& value) {
    if (value && !(std::isfinite(*value) && *value > 0))
        return Fail(PathError(path, "must be > 0"));
    return Ok();
}

// How many values an operator takes: [min_values, max_values].
struct ValueCount {
    std::size_t min_values = 0;
    std::size_t max_values = 0;
};

ValueCount ValueCountOf(FitOp op) {
    constexpr std::size_t kMany = ~std::size_t{0};
    switch (op) {
        case FitOp::kEquals:
        case FitOp::kNotEquals:
        case FitOp::kRegex:
            return {1, 1};
        case FitOp::kBetween:
        case FitOp::kExists:
        case FitOp::kMissing:
        case FitOp::kFreeMail:
            return {0, 0};
        default:
            return {1, kMany};
    }
}

Status CheckValueCount(const FitCondition& condition, const std::string& path) {
    const std::string op(detail::FitOpName(condition.op));
    const ValueCount count = ValueCountOf(condition.op);
    const std::size_t given = condition.values.size();
    const std::string values_path = JoinPath(path, "values");
    if (count.max_values == 0 && given > 0) {
        const std::string hint = condition.op == FitOp::kBetween ? " (use min and max)" : "";
        return Fail(PathError(values_path, op + " takes no values" + hint));
    }
    if (count.min_values == 1 && count.max_values == 1 && given != 1)
        return Fail(PathError(values_path, op + " needs exactly one value"));
    if (count.min_values == 1 && given == 0)
        return Fail(PathError(values_path, op + " needs at least one value"));
    return Ok();
}

Status CheckValues(const FitCondition& condition, const std::string& path) {
    LB_TRY(CheckValueCount(condition, path));
    for (std::size_t value_idx = 0; value_idx < condition.values.size(); ++value_idx) {
        const std::string value_path = detail::IndexPath(JoinPath(path, "values"), value_idx);
        if (condition.values[value_idx].empty())
            return Fail(PathError(value_path, "must not be empty"));
        if (condition.op != FitOp::kRegex) continue;
        try {
            const std::regex compiled(condition.values[value_idx],
                                      std::regex::ECMAScript | std::regex::icase);
        } catch (const std::regex_error& e) {
            return Fail(
                PathError(value_path, std::string("invalid regular expression: ") + e.what()));
        }
    }
    return Ok();
}

Status CheckBounds(const FitCondition& condition, const std::string& path) {
    const bool is_between = condition.op == FitOp::kBetween;
    for (const auto& [key, bound] : {std::pair{"min", condition.min}, {"max", condition.max}}) {
        if (!bound) continue;
        if (!is_between)
            return Fail(PathError(JoinPath(path, key), "only between takes min and max"));
        if (!std::isfinite(*bound)) return Fail(PathError(JoinPath(path, key), "must be a number"));
    }
    if (!is_between) return Ok();
    if (!condition.min && !condition.max)
        return Fail(PathError(path, "between needs min, max or both"));
    if (condition.min && condition.max && *condition.min > *condition.max)
        return Fail(PathError(JoinPath(path, "max"), "must be >= min"));
    return Ok();
}

Status CheckField(const FitCondition& condition, const std::string& path) {
    const std::string field_path = JoinPath(path, "field");
    if (condition.field.empty()) return Fail(PathError(field_path, "is required"));
    if (!detail::IsKnownField(condition.field))
        return Fail(PathError(
            field_path,
            "unknown field '" + condition.field + "' (docs/scoring.md lists the fields)"));
    const std::string op(detail::FitOpName(condition.op));
    if (condition.op == FitOp::kBetween && !detail::IsNumberField(condition.field))
        return Fail(PathError(field_path,
                              "between needs a number field (probability, company.employees, "
                              "company.annual_revenue or custom.<name>)"));
    const bool reads_email = condition.op == FitOp::kFreeMail || condition.op == FitOp::kDomainIn;
    if (reads_email && condition.field != "email")
        return Fail(PathError(field_path, op + " reads the e-mail domain: field must be email"));
    return Ok();
}

Status CheckFitCondition(const FitCondition& condition, const std::string& path) {
    LB_TRY(CheckField(condition, path));
    LB_TRY(CheckValues(condition, path));
    return CheckBounds(condition, path);
}

Status CheckTextList(const std::vector<std::string>& list, const std::string& path, bool is_glob) {
    for (std::size_t item_idx = 0; item_idx < list.size(); ++item_idx) {
        const std::string item_path = detail::IndexPath(path, item_idx);
        if (list[item_idx].empty()) return Fail(PathError(item_path, "must not be empty"));
        if (is_glob && list[item_idx].front() != '/' && list[item_idx].front() != '*')
            return Fail(PathError(item_path,
                                  "must start with / or * (a pattern over the URL's path, e.g. "
                                  "/pricing*)"));
    }
    return Ok();
}

Status CheckTouchMatch(const TouchMatch& match, Aggregation aggregation, const std::string& path) {
    LB_TRY(CheckTextList(match.types, JoinPath(path, "types"), false));
    LB_TRY(CheckTextList(match.names, JoinPath(path, "names"), false));
    LB_TRY(CheckTextList(match.url_patterns, JoinPath(path, "urls"), true));
    const std::set<std::string, std::less<>> filters{"", "bot", "spam", "any"};
    if (!filters.contains(match.filtered))
        return Fail(PathError(JoinPath(path, "filtered"), "must be bot, spam or any"));
    const bool is_empty = match == TouchMatch{};
    if (is_empty && aggregation != Aggregation::kInactivity)
        return Fail(PathError(path,
                              "is required: name types, names, urls or filtered (only inactivity "
                              "may look at every touchpoint)"));
    return Ok();
}

Status CheckWindow(const BehaviourCondition& condition, const std::string& path) {
    const std::string aggregation(detail::AggregationName(condition.aggregation));
    const bool counts = condition.aggregation == Aggregation::kCount ||
                        condition.aggregation == Aggregation::kDistinctDays;
    if (condition.at_least < 1) return Fail(PathError(JoinPath(path, "at_least"), "must be >= 1"));
    if (condition.at_least != 1 && !counts)
        return Fail(PathError(JoinPath(path, "at_least"),
                              "only count and distinct_days take at_least, not " + aggregation));
    const std::string window_path = JoinPath(path, "within_days");
    if (condition.within_days < 0)
        return Fail(PathError(window_path, "must be >= 0 (0: all time)"));
    const bool needs_window = condition.aggregation == Aggregation::kRecency ||
                              condition.aggregation == Aggregation::kInactivity;
    if (needs_window && condition.within_days == 0)
        return Fail(PathError(window_path, "must be > 0 for " + aggregation));
    return Ok();
}

Status CheckBehaviour(const BehaviourCondition& condition, const std::string& path) {
    const std::string match_path = JoinPath(path, "touchpoint");
    if (condition.matches.empty())
        return Fail(PathError(match_path, "must name at least one match"));
    for (std::size_t match_idx = 0; match_idx < condition.matches.size(); ++match_idx) {
        // A single match reads as an object ("touchpoint.types"), several as a list.
        const std::string item_path =
            condition.matches.size() == 1 ? match_path : detail::IndexPath(match_path, match_idx);
        LB_TRY(CheckTouchMatch(condition.matches[match_idx], condition.aggregation, item_path));
    }
    return CheckWindow(condition, path);
}

Status CheckRuleHead(const Rule& rule, const std::string& path) {
    LB_TRY(CheckSlug(JoinPath(path, "id"), rule.id));
    if (!std::isfinite(rule.points))
        return Fail(PathError(JoinPath(path, "points"), "must be a number"));
    LB_TRY(CheckPositive(JoinPath(path, "cap"), rule.cap));
    LB_TRY(CheckPositive(JoinPath(path, "half_life_days"), rule.half_life_days));
    const bool is_fit_condition = std::holds_alternative<FitCondition>(rule.when);
    if (rule.category == Category::kFit && !is_fit_condition)
        return Fail(PathError(JoinPath(path, "category"),
                              "is fit, but the condition looks at touchpoints; a fit rule reads a "
                              "field (when.field)"));
    if (rule.category == Category::kEngagement && is_fit_condition)
        return Fail(PathError(JoinPath(path, "category"),
                              "is engagement, but the condition reads a field; an engagement rule "
                              "looks at touchpoints (when.touchpoint)"));
    if (rule.half_life_days && rule.category == Category::kFit)
        return Fail(PathError(JoinPath(path, "half_life_days"), "only engagement rules decay"));
    return Ok();
}

Status CheckRule(const Rule& rule, const std::string& path) {
    LB_TRY(CheckRuleHead(rule, path));
    const std::string when_path = JoinPath(path, "when");
    if (const auto* fit = std::get_if<FitCondition>(&rule.when))
        return CheckFitCondition(*fit, when_path);
    const auto& behaviour = std::get<BehaviourCondition>(rule.when);
    if (rule.half_life_days && behaviour.aggregation == Aggregation::kInactivity)
        return Fail(PathError(JoinPath(path, "half_life_days"),
                              "inactivity rules do not decay (there is no touchpoint to decay "
                              "from)"));
    return CheckBehaviour(behaviour, when_path);
}

Status CheckModelHead(const Model& model) {
    LB_TRY(CheckSlug("key", model.key));
    std::set<std::string, std::less<>> areas;
    for (std::size_t area_idx = 0; area_idx < model.business_areas.size(); ++area_idx) {
        const std::string path = detail::IndexPath("business_areas", area_idx);
        if (model.business_areas[area_idx].empty())
            return Fail(PathError(path, "must not be empty"));
        if (!areas.insert(model.business_areas[area_idx]).second)
            return Fail(PathError(
                path, "duplicate business area '" + model.business_areas[area_idx] + "'"));
    }
    if (!(std::isfinite(model.fit_weight) && model.fit_weight >= 0 && model.fit_weight <= 1))
        return Fail(PathError("fit_weight", "must be between 0 and 1"));
    LB_TRY(CheckPositive("fit_max", model.fit_max));
    LB_TRY(CheckPositive("engagement_max", model.engagement_max));
    if (model.rules.empty()) return Fail(PathError("rules", "needs at least one rule"));
    return Ok();
}

}  // namespace

Status ValidateModel(const Model& model) {
    LB_TRY(CheckModelHead(model));
    std::map<std::string, std::size_t, std::less<>> rule_index_by_id;
    for (std::size_t rule_idx = 0; rule_idx < model.rules.size(); ++rule_idx) {
        const Rule& rule = model.rules[rule_idx];
        const std::string path = detail::IndexPath("rules", rule_idx);
        LB_TRY(CheckRule(rule, path));
        const auto [it, is_new] = rule_index_by_id.emplace(rule.id, rule_idx);
        if (!is_new)
            return Fail(PathError(JoinPath(path, "id"),
                                  "duplicate rule id '" + rule.id + "' (also rules[" +
                                      std::to_string(it->second) + "])"));
    }
    return Ok();
}

}  // namespace lb::scoring
