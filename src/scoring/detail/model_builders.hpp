// Short ways to build rules in code: the default model and the tests use them.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "scoring/model.hpp"

namespace lb::scoring::detail {

// A condition on `field`: `op` with `values` (no min or max).
inline FitCondition Fit(std::string field, FitOp op, std::vector<std::string> values = {}) {
    FitCondition condition;
    condition.field = std::move(field);
    condition.op = op;
    condition.values = std::move(values);
    return condition;
}

// A touchpoint condition; `matches` selects touchpoints any of them selects.
inline BehaviourCondition Behaviour(std::vector<TouchMatch> matches,
                                    Aggregation aggregation = Aggregation::kEach,
                                    int at_least = 1,
                                    int within_days = 0) {
    BehaviourCondition condition;
    condition.matches = std::move(matches);
    condition.aggregation = aggregation;
    condition.at_least = at_least;
    condition.within_days = within_days;
    return condition;
}

inline BehaviourCondition Behaviour(TouchMatch match,
                                    Aggregation aggregation = Aggregation::kEach,
                                    int at_least = 1,
                                    int within_days = 0) {
    return Behaviour(std::vector<TouchMatch>{std::move(match)}, aggregation, at_least, within_days);
}

// Which touchpoints: types, event names, URL globs, filter reason ("" for clean ones).
inline TouchMatch Touch(std::vector<std::string> types,
                        std::vector<std::string> names,
                        std::vector<std::string> url_patterns,
                        std::string filtered = "") {
    TouchMatch match;
    match.types = std::move(types);
    match.names = std::move(names);
    match.url_patterns = std::move(url_patterns);
    match.filtered = std::move(filtered);
    return match;
}

// A rule named after its id, without cap or decay.
inline Rule MakeRule(std::string id,
                     Category category,
                     double points,
                     std::variant<FitCondition, BehaviourCondition> when) {
    Rule rule;
    rule.name = id;
    rule.id = std::move(id);
    rule.category = category;
    rule.points = points;
    rule.when = std::move(when);
    return rule;
}

}  // namespace lb::scoring::detail
