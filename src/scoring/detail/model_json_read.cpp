// Reading a model document strictly: every object declares its keys up front, so an unknown key is
// reported before anything it might have been meant to replace ("opp" before "op is required").
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string_view>

#include "domain/validation.hpp"
#include "scoring/detail/model_json.hpp"
#include "scoring/detail/model_names.hpp"
#include "scoring/detail/model_path.hpp"

namespace lb::scoring::detail {

namespace {

Error WrongType(const std::string& path, std::string_view expected) {
    return PathError(path, "must be " + std::string(expected));
}

// The members of one JSON object, all of whose keys are known. Holds a reference to the object.
class Fields final {
public:
    [[nodiscard]] static Result<Fields> Open(const Json& value,
                                             std::string path,
                                             std::initializer_list<std::string_view> keys) {
        if (!value.is_object())
            return Fail(path.empty() ? InvalidArgument("a model must be an object")
                                     : WrongType(path, "an object"));
        for (const auto& [key, member] : value.items()) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                return Fail(PathError(JoinPath(path, key), "unknown key"));
        }
        return Fields(value, std::move(path));
    }

    // The member, or nullptr when absent or null.
    [[nodiscard]] const Json* Find(std::string_view key) const {
        const auto it = object_->find(key);
        return it == object_->end() || it->is_null() ? nullptr : &*it;
    }

    [[nodiscard]] bool Has(std::string_view key) const { return Find(key) != nullptr; }

    [[nodiscard]] std::string PathOf(std::string_view key) const { return JoinPath(path_, key); }

    [[nodiscard]] const std::string& Path() const { return path_; }

private:
    Fields(const Json& object, std::string path) : object_(&object), path_(std::move(path)) {}
    const Json* object_;
    std::string path_;
};

Result<std::optional<std::string>> ReadText(const Fields& fields,
                                            std::string_view key,
                                            bool is_required) {
    const Json* value = fields.Find(key);
    if (value == nullptr) {
        if (is_required) return Fail(PathError(fields.PathOf(key), "is required"));
        return std::optional<std::string>();
    }
    if (!value->is_string()) return Fail(WrongType(fields.PathOf(key), "a string"));
    return std::optional<std::string>(value->get<std::string>());
}

Result<std::optional<double>> ReadNumber(const Fields& fields, std::string_view key) {
    const Json* value = fields.Find(key);
    if (value == nullptr) return std::optional<double>();
    if (!value->is_number()) return Fail(WrongType(fields.PathOf(key), "a number"));
    return std::optional<double>(value->get<double>());
}

Result<std::optional<int>> ReadInteger(const Fields& fields, std::string_view key) {
    const Json* value = fields.Find(key);
    if (value == nullptr) return std::optional<int>();
    constexpr auto kMax = static_cast<std::int64_t>(std::numeric_limits<int>::max());
    const bool fits = (value->is_number_unsigned() && value->get<std::uint64_t>() <= kMax) ||
                      (value->is_number_integer() && !value->is_number_unsigned() &&
                       value->get<std::int64_t>() >= -kMax && value->get<std::int64_t>() <= kMax);
    if (!fits) return Fail(WrongType(fields.PathOf(key), "an integer"));
    return std::optional<int>(value->get<int>());
}

// A list of strings; `numbers_as_text` also takes numbers, kept as their JSON text ("50").
Result<std::vector<std::string>> ReadTextList(const Fields& fields,
                                              std::string_view key,
                                              bool numbers_as_text) {
    std::vector<std::string> out;
    const Json* list = fields.Find(key);
    if (list == nullptr) return out;
    const std::string expected = numbers_as_text ? "a string or a number" : "a string";
    if (!list->is_array()) return Fail(WrongType(fields.PathOf(key), "a list"));
    for (std::size_t item_idx = 0; item_idx < list->size(); ++item_idx) {
        const Json& item = (*list)[item_idx];
        if (item.is_string()) {
            out.push_back(item.get<std::string>());
        } else if (numbers_as_text && item.is_number()) {
            out.push_back(item.dump());
        } else {
            return Fail(WrongType(IndexPath(fields.PathOf(key), item_idx), expected));
        }
    }
    return out;
}

Status ReadValues(const Fields& fields, FitCondition& condition) {
    const Json* single = fields.Find("value");
    if (single != nullptr && fields.Has("values"))
        return Fail(PathError(fields.PathOf("value"), "give either value or values, not both"));
    if (single == nullptr) {
        LB_ASSIGN_OR_RETURN(condition.values, ReadTextList(fields, "values", true));
        return Ok();
    }
    if (single->is_string()) {
        condition.values = {single->get<std::string>()};
    } else if (single->is_number()) {
        condition.values = {single->dump()};
    } else {
        return Fail(WrongType(fields.PathOf("value"), "a string or a number"));
    }
    return Ok();
}

Result<FitCondition> ReadFitCondition(const Json& value, const std::string& path) {
    LB_ASSIGN_OR_RETURN(
        const Fields fields,
        Fields::Open(value, path, {"field", "op", "value", "values", "min", "max"}));
    FitCondition condition;
    LB_ASSIGN_OR_RETURN(const auto field, ReadText(fields, "field", true));
    condition.field = *field;
    LB_ASSIGN_OR_RETURN(const auto op_name, ReadText(fields, "op", true));
    const std::optional<FitOp> op = FitOpFromName(*op_name);
    if (!op)
        return Fail(PathError(
            fields.PathOf("op"),
            "unknown operator '" + *op_name + "' (one of " + std::string(FitOpNames()) + ")"));
    condition.op = *op;
    LB_TRY(ReadValues(fields, condition));
    LB_ASSIGN_OR_RETURN(condition.min, ReadNumber(fields, "min"));
    LB_ASSIGN_OR_RETURN(condition.max, ReadNumber(fields, "max"));
    return condition;
}

Result<TouchMatch> ReadTouchMatch(const Json& value, const std::string& path) {
    TouchMatch match;
    LB_ASSIGN_OR_RETURN(const Fields fields,
                        Fields::Open(value, path, {"types", "names", "urls", "filtered"}));
    LB_ASSIGN_OR_RETURN(match.types, ReadTextList(fields, "types", false));
    for (std::string& type : match.types) type = std::string(domain::CanonicalTouchpointType(type));
    LB_ASSIGN_OR_RETURN(match.names, ReadTextList(fields, "names", false));
    LB_ASSIGN_OR_RETURN(match.url_patterns, ReadTextList(fields, "urls", false));
    LB_ASSIGN_OR_RETURN(const auto filtered, ReadText(fields, "filtered", false));
    match.filtered = filtered.value_or("");
    return match;
}

// `touchpoint`: one match object, or a list of them (any of which selects a touchpoint).
Result<std::vector<TouchMatch>> ReadTouchMatches(const Json* value, const std::string& path) {
    if (value == nullptr) return std::vector<TouchMatch>{TouchMatch{}};
    if (!value->is_array()) {
        LB_ASSIGN_OR_RETURN(TouchMatch match, ReadTouchMatch(*value, path));
        return std::vector<TouchMatch>{std::move(match)};
    }
    if (value->empty())
        return Fail(PathError(path, "must name at least one match (an object, or a list of them)"));
    std::vector<TouchMatch> matches;
    for (std::size_t match_idx = 0; match_idx < value->size(); ++match_idx) {
        LB_ASSIGN_OR_RETURN(TouchMatch match,
                            ReadTouchMatch((*value)[match_idx], IndexPath(path, match_idx)));
        matches.push_back(std::move(match));
    }
    return matches;
}

Result<BehaviourCondition> ReadBehaviourCondition(const Json& value, const std::string& path) {
    LB_ASSIGN_OR_RETURN(
        const Fields fields,
        Fields::Open(value, path, {"touchpoint", "aggregation", "at_least", "within_days"}));
    BehaviourCondition condition;
    LB_ASSIGN_OR_RETURN(condition.matches,
                        ReadTouchMatches(fields.Find("touchpoint"), fields.PathOf("touchpoint")));
    LB_ASSIGN_OR_RETURN(const auto aggregation_name, ReadText(fields, "aggregation", false));
    if (aggregation_name) {
        const std::optional<Aggregation> aggregation = AggregationFromName(*aggregation_name);
        if (!aggregation)
            return Fail(PathError(fields.PathOf("aggregation"),
                                  "unknown aggregation '" + *aggregation_name + "' (one of " +
                                      std::string(AggregationNames()) + ")"));
        condition.aggregation = *aggregation;
    }
    LB_ASSIGN_OR_RETURN(const auto at_least, ReadInteger(fields, "at_least"));
    condition.at_least = at_least.value_or(1);
    LB_ASSIGN_OR_RETURN(const auto within_days, ReadInteger(fields, "within_days"));
    condition.within_days = within_days.value_or(0);
    return condition;
}

// A condition that names a field reads a field; one that names a touchpoint (or any behaviour
// key) looks at touchpoints; one that names neither follows the rule's category.
Result<std::variant<FitCondition, BehaviourCondition>> ReadCondition(const Json& value,
                                                                     const std::string& path,
                                                                     Category category) {
    if (!value.is_object()) return Fail(WrongType(path, "an object"));
    const bool names_field = value.contains("field");
    const bool names_touchpoint = value.contains("touchpoint") || value.contains("aggregation");
    if (names_field && names_touchpoint)
        return Fail(PathError(path, "names both a field and a touchpoint; a rule reads one"));
    const bool is_fit = names_field || (!names_touchpoint && category == Category::kFit);
    if (is_fit) return ReadFitCondition(value, path);
    return ReadBehaviourCondition(value, path);
}

Status ReadRuleHead(const Fields& fields, Rule& rule) {
    LB_ASSIGN_OR_RETURN(const auto id, ReadText(fields, "id", true));
    rule.id = *id;
    LB_ASSIGN_OR_RETURN(const auto name, ReadText(fields, "name", false));
    rule.name = name.value_or(rule.id);
    LB_ASSIGN_OR_RETURN(const auto category_name, ReadText(fields, "category", true));
    const std::optional<Category> category = CategoryFromName(*category_name);
    if (!category) return Fail(PathError(fields.PathOf("category"), "must be fit or engagement"));
    rule.category = *category;
    LB_ASSIGN_OR_RETURN(const auto points, ReadNumber(fields, "points"));
    if (!points) return Fail(PathError(fields.PathOf("points"), "is required"));
    rule.points = *points;
    LB_ASSIGN_OR_RETURN(rule.cap, ReadNumber(fields, "cap"));
    LB_ASSIGN_OR_RETURN(rule.half_life_days, ReadNumber(fields, "half_life_days"));
    return Ok();
}

Result<Rule> ReadRule(const Json& value, const std::string& path) {
    LB_ASSIGN_OR_RETURN(
        const Fields fields,
        Fields::Open(
            value, path, {"id", "name", "category", "points", "cap", "half_life_days", "when"}));
    Rule rule;
    LB_TRY(ReadRuleHead(fields, rule));
    const Json* when = fields.Find("when");
    if (when == nullptr) return Fail(PathError(fields.PathOf("when"), "is required"));
    LB_ASSIGN_OR_RETURN(rule.when, ReadCondition(*when, fields.PathOf("when"), rule.category));
    return rule;
}

Result<std::vector<Rule>> ReadRules(const Fields& fields) {
    const Json* list = fields.Find("rules");
    if (list == nullptr) return Fail(PathError(fields.PathOf("rules"), "is required"));
    if (!list->is_array()) return Fail(WrongType(fields.PathOf("rules"), "a list"));
    std::vector<Rule> rules;
    for (std::size_t rule_idx = 0; rule_idx < list->size(); ++rule_idx) {
        LB_ASSIGN_OR_RETURN(
            Rule rule, ReadRule((*list)[rule_idx], IndexPath(fields.PathOf("rules"), rule_idx)));
        rules.push_back(std::move(rule));
    }
    return rules;
}

}  // namespace

Result<Model> ModelFromJson(const Json& document, const std::string& path) {
    LB_ASSIGN_OR_RETURN(
        const Fields fields,
        Fields::Open(
            document,
            path,
            {"key", "name", "business_areas", "fit_weight", "fit_max", "engagement_max", "rules"}));
    Model model;
    LB_ASSIGN_OR_RETURN(const auto key, ReadText(fields, "key", true));
    model.key = *key;
    LB_ASSIGN_OR_RETURN(const auto name, ReadText(fields, "name", false));
    model.name = name.value_or(model.key);
    LB_ASSIGN_OR_RETURN(model.business_areas, ReadTextList(fields, "business_areas", false));
    LB_ASSIGN_OR_RETURN(const auto fit_weight, ReadNumber(fields, "fit_weight"));
    model.fit_weight = fit_weight.value_or(0.5);
    LB_ASSIGN_OR_RETURN(model.fit_max, ReadNumber(fields, "fit_max"));
    LB_ASSIGN_OR_RETURN(model.engagement_max, ReadNumber(fields, "engagement_max"));
    LB_ASSIGN_OR_RETURN(model.rules, ReadRules(fields));
    return model;
}

}  // namespace lb::scoring::detail
