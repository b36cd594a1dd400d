// Models for the parser tests: one that uses every operator, aggregation and optional field.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "scoring/detail/model_builders.hpp"
#include "scoring/model.hpp"

namespace lb::scoring::testing_models {

using detail::Behaviour;
using detail::Fit;
using detail::MakeRule;
using detail::Touch;

// A model using every operator, aggregation and optional field.
inline Model EveryFeature() {
    Model model;
    model.key = "every-feature";
    model.name = "Every feature";
    model.business_areas = {"radio", "tv"};
    model.fit_weight = 0.25;
    model.fit_max = 42.5;
    model.engagement_max = 120;
    FitCondition revenue = Fit("company.annual_revenue", FitOp::kBetween);
    revenue.min = 1e6;
    revenue.max = 2.5e7;
    const std::vector<FitCondition> conditions{
        Fit("company.country", FitOp::kEquals, {"DE"}),
        Fit("custom.segment", FitOp::kNotEquals, {"smb"}),
        Fit("channel", FitOp::kIn, {"referral", "events"}),
        Fit("rating", FitOp::kNotIn, {"cold"}),
        Fit("company.name", FitOp::kContains, {"gmbh", "ag"}),
        Fit("company.industry", FitOp::kPrefix, {"58", "62.01"}),
        Fit("email_domain", FitOp::kSuffix, {".edu"}),
        Fit("title", FitOp::kRegex, {R"(\b(vp|svp)\b)"}),
        revenue,
        Fit("phone", FitOp::kExists),
        Fit("company.domain", FitOp::kMissing),
        Fit("email", FitOp::kFreeMail),
        Fit("email", FitOp::kDomainIn, {"rival.example"}),
        Fit("title", FitOp::kKeywords, {"ceo", "head of"}),
    };
    for (const FitCondition& condition : conditions) {
        const std::size_t rule_idx = model.rules.size();
        Rule rule = MakeRule("fit-" + std::to_string(rule_idx),
                             Category::kFit,
                             rule_idx % 2 == 0 ? 7.5 : -3,
                             condition);
        rule.name = "Fit rule \"" + std::to_string(rule_idx) + "\": ünïcode";
        model.rules.push_back(std::move(rule));
    }
    model.rules.back().cap = 20;
    const std::vector<BehaviourCondition> behaviours{
        Behaviour(Touch({"page"}, {}, {"/pricing*", "*/cases/?"})),
        Behaviour(Touch({}, {"whitepaper_download"}, {}), Aggregation::kCount, 2, 30),
        Behaviour(Touch({"page"}, {}, {}), Aggregation::kDistinctDays, 3),
        Behaviour(Touch({}, {}, {}, "spam"), Aggregation::kRecency, 1, 90),
        Behaviour(TouchMatch{}, Aggregation::kInactivity, 1, 120),
    };
    for (const BehaviourCondition& behaviour : behaviours) {
        const std::size_t rule_idx = model.rules.size();
        Rule rule = MakeRule("engagement_" + std::to_string(rule_idx),
                             Category::kEngagement,
                             -0.1 * static_cast<double>(rule_idx),
                             behaviour);
        rule.cap = 15;
        rule.half_life_days = 45.5;
        model.rules.push_back(std::move(rule));
    }
    model.rules.back().half_life_days.reset();
    return model;
}

}  // namespace lb::scoring::testing_models
