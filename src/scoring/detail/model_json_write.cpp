// Writing a model document. Whole numbers are written as JSON integers (15, not 15.0), which read
// back as the same double, so Parse(Write(m)) == m.
#include <cmath>

#include "scoring/detail/model_json.hpp"
#include "scoring/detail/model_names.hpp"

namespace lb::scoring::detail {

namespace {

Json NumberJson(double number) {
    constexpr double kExactIntegerLimit = 9007199254740992.0;  // 2^53
    if (std::isfinite(number) && std::trunc(number) == number &&
        std::fabs(number) < kExactIntegerLimit && !(number == 0 && std::signbit(number)))
        return static_cast<std::int64_t>(number);
    return number;
}

void PutList(Json& object, const char* key, const std::vector<std::string>& list) {
    if (!list.empty()) object[key] = list;
}

Json FitConditionJson(const FitCondition& condition) {
    Json when = Json::object();
    when["field"] = condition.field;
    when["op"] = FitOpName(condition.op);
    PutList(when, "values", condition.values);
    if (condition.min) when["min"] = NumberJson(*condition.min);
    if (condition.max) when["max"] = NumberJson(*condition.max);
    return when;
}

Json TouchMatchJson(const TouchMatch& match) {
    Json touchpoint = Json::object();
    PutList(touchpoint, "types", match.types);
    PutList(touchpoint, "names", match.names);
    PutList(touchpoint, "urls", match.url_patterns);
    if (!match.filtered.empty()) touchpoint["filtered"] = match.filtered;
    return touchpoint;
}

Json BehaviourConditionJson(const BehaviourCondition& condition) {
    Json when = Json::object();
    if (condition.matches.size() == 1) {
        if (condition.matches.front() != TouchMatch{})
            when["touchpoint"] = TouchMatchJson(condition.matches.front());
    } else {
        Json matches = Json::array();
        for (const TouchMatch& match : condition.matches) matches.push_back(TouchMatchJson(match));
        when["touchpoint"] = std::move(matches);
    }
    if (condition.aggregation != Aggregation::kEach)
        when["aggregation"] = AggregationName(condition.aggregation);
    const bool counts = condition.aggregation == Aggregation::kCount ||
                        condition.aggregation == Aggregation::kDistinctDays;
    if (counts || condition.at_least != 1) when["at_least"] = condition.at_least;
    if (condition.within_days != 0) when["within_days"] = condition.within_days;
    return when;
}

Json RuleJson(const Rule& rule) {
    Json out = Json::object();
    out["id"] = rule.id;
    if (rule.name != rule.id) out["name"] = rule.name;
    out["category"] = CategoryName(rule.category);
    out["points"] = NumberJson(rule.points);
    if (rule.cap) out["cap"] = NumberJson(*rule.cap);
    if (rule.half_life_days) out["half_life_days"] = NumberJson(*rule.half_life_days);
    if (const auto* fit = std::get_if<FitCondition>(&rule.when)) {
        out["when"] = FitConditionJson(*fit);
    } else {
        out["when"] = BehaviourConditionJson(std::get<BehaviourCondition>(rule.when));
    }
    return out;
}

}  // namespace

Json ModelToJson(const Model& model) {
    Json out = Json::object();
    out["key"] = model.key;
    if (model.name != model.key) out["name"] = model.name;
    out["business_areas"] = model.business_areas;
    out["fit_weight"] = NumberJson(model.fit_weight);
    if (model.fit_max) out["fit_max"] = NumberJson(*model.fit_max);
    if (model.engagement_max) out["engagement_max"] = NumberJson(*model.engagement_max);
    Json rules = Json::array();
    for (const Rule& rule : model.rules) rules.push_back(RuleJson(rule));
    out["rules"] = std::move(rules);
    return out;
}

}  // namespace lb::scoring::detail
