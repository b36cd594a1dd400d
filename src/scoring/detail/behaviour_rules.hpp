// Engagement rules compiled for evaluation: which touchpoint kinds each rule looks at (a bitmask
// per kind, decided once per Population), and the per-lead tally that turns a lead's touchpoints
// into each rule's contribution.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "scoring/model.hpp"
#include "scoring/population.hpp"

namespace lb::scoring::detail {

inline constexpr double kSecondsPerDay = 86'400.0;

// An engagement rule with its match lists lowercased. Thread-safe for const use.
struct BehaviourRule {
    // The fields the per-touchpoint loop reads come first (one cache line).
    Aggregation aggregation = Aggregation::kEach;
    int at_least = 1;
    double window_limit = 0;      // window_seconds, or infinity for all time
    double decay_per_second = 0;  // 1 / half-life in seconds; 0: no decay
    double points = 0;
    double window_seconds = 0;  // 0: all time
    std::optional<double> cap;
    std::size_t rule_idx = 0;         // into Model::rules
    std::vector<TouchMatch> matches;  // lowercased; any of them selects a touchpoint

    // points * 0.5^(age / half-life) for a touchpoint `age_seconds` old (>= 0).
    [[nodiscard]] double Decay(double age_seconds) const {
        return decay_per_second == 0 ? 1.0 : std::exp2(-age_seconds * decay_per_second);
    }
};

// Requires: `rule` holds a validated BehaviourCondition.
[[nodiscard]] BehaviourRule CompileBehaviourRule(const Rule& rule, std::size_t rule_idx);

[[nodiscard]] bool MatchesKind(const BehaviourRule& rule, const TouchKind& kind);

// For every touchpoint kind of a population, the rules (bit i = behaviour rule i) it matches,
// split by what the per-touchpoint loop does for them: kEach rules sum decayed points,
// kDistinctDays rules count days, the others count matches and remember the latest.
struct KindMasks {
    std::size_t words = 0;                  // 64-bit words per kind and section
    std::vector<std::uint64_t> each_bits;   // kinds x words
    std::vector<std::uint64_t> days_bits;   // kinds x words
    std::vector<std::uint64_t> other_bits;  // kinds x words
};
[[nodiscard]] KindMasks BindKinds(std::span<const BehaviourRule> rules,
                                  const Population& population);
// The same deciding only the kinds of `row`'s touchpoints (the others stay 0).
[[nodiscard]] KindMasks BindKindsOfRow(std::span<const BehaviourRule> rules,
                                       const Population& population,
                                       std::uint32_t row);

// What one lead's matching touchpoints add up to, per rule.
struct RuleTally {
    double each_sum = 0;
    int matches_in_window = 0;
    int days_in_window = 0;
    std::int64_t last_day = INT64_MIN;
    std::int64_t latest_at = 0;
    std::size_t latest_idx = 0;  // touchpoint index of the latest match
    bool has_match = false;
};

// One touchpoint's share of a kEach rule, for explanations.
struct EachHit {
    std::size_t behaviour_idx = 0;
    std::size_t touch_idx = 0;
    double points = 0;  // points * decay, before the cap
    double decay = 1;
};

// Tallies `row`'s touchpoints (newest first) into `tallies` (one per rule, reset here). `hits`,
// when given, receives every kEach contribution. Allocates nothing unless `hits` grows.
void TallyLead(std::span<const BehaviourRule> rules,
               const KindMasks& masks,
               const Population& population,
               std::uint32_t row,
               double now_seconds,
               std::span<RuleTally> tallies,
               std::vector<EachHit>* hits);

// The rule's contribution from its tally, clamped to [-cap, cap].
[[nodiscard]] double BehaviourContribution(const BehaviourRule& rule,
                                           const RuleTally& tally,
                                           double now_seconds,
                                           double created_at_seconds);

}  // namespace lb::scoring::detail
