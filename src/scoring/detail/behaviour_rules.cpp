#include "scoring/detail/behaviour_rules.hpp"

#include <algorithm>
#include <bit>
#include <limits>

#include "scoring/detail/text_match.hpp"

namespace lb::scoring::detail {
namespace {

bool MatchesList(const std::vector<std::string>& wanted, const std::string& actual) {
    if (wanted.empty()) return true;
    const std::string lower = Lower(actual);
    return std::ranges::find(wanted, lower) != wanted.end();
}

bool MatchesFiltered(const std::string& wanted, const std::string& reason) {
    if (wanted.empty()) return reason.empty();
    if (wanted == "any") return !reason.empty();
    return Lower(reason) == wanted;
}

double Clamp(double value, const std::optional<double>& cap) {
    return cap ? std::clamp(value, -*cap, *cap) : value;
}

std::int64_t UtcDay(std::int64_t epoch_seconds) {
    const std::int64_t day = epoch_seconds / 86'400;
    return epoch_seconds < 0 && epoch_seconds % 86'400 != 0 ? day - 1 : day;
}

}  // namespace

BehaviourRule CompileBehaviourRule(const Rule& rule, std::size_t rule_idx) {
    const auto& condition = std::get<BehaviourCondition>(rule.when);
    BehaviourRule compiled;
    compiled.rule_idx = rule_idx;
    compiled.matches = condition.matches;
    for (TouchMatch& match : compiled.matches) {
        for (auto* list : {&match.types, &match.names, &match.url_patterns}) {
            for (std::string& value : *list) value = Lower(value);
        }
        match.filtered = Lower(match.filtered);
    }
    compiled.aggregation = condition.aggregation;
    compiled.at_least = condition.at_least;
    compiled.window_seconds = std::max(condition.within_days, 0) * kSecondsPerDay;
    compiled.window_limit = compiled.window_seconds > 0 ? compiled.window_seconds
                                                        : std::numeric_limits<double>::infinity();
    if (rule.half_life_days && *rule.half_life_days > 0) {
        compiled.decay_per_second = 1.0 / (*rule.half_life_days * kSecondsPerDay);
    }
    compiled.points = rule.points;
    compiled.cap = rule.cap;
    return compiled;
}

namespace {

bool MatchesOne(const TouchMatch& match, const TouchKind& kind) {
    if (!MatchesFiltered(match.filtered, kind.filtered_reason)) return false;
    if (!MatchesList(match.types, kind.type)) return false;
    if (!MatchesList(match.names, kind.name)) return false;
    if (match.url_patterns.empty()) return true;
    const std::string path = Lower(kind.path);
    return std::ranges::any_of(match.url_patterns,
                               [&](const std::string& glob) { return GlobMatch(glob, path); });
}

}  // namespace

bool MatchesKind(const BehaviourRule& rule, const TouchKind& kind) {
    return std::ranges::any_of(rule.matches,
                               [&](const TouchMatch& match) { return MatchesOne(match, kind); });
}

namespace {

KindMasks EmptyMasks(std::size_t rule_count, std::size_t kind_count) {
    KindMasks masks;
    masks.words = (rule_count + 63) / 64;
    masks.each_bits.assign(kind_count * masks.words, 0);
    masks.days_bits.assign(kind_count * masks.words, 0);
    masks.other_bits.assign(kind_count * masks.words, 0);
    return masks;
}

void DecideKind(std::span<const BehaviourRule> rules,
                const Population& population,
                std::size_t kind_idx,
                KindMasks& masks) {
    for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
        if (!MatchesKind(rules[rule_idx], population.kinds[kind_idx])) continue;
        const Aggregation aggregation = rules[rule_idx].aggregation;
        auto& bits = aggregation == Aggregation::kEach           ? masks.each_bits
                     : aggregation == Aggregation::kDistinctDays ? masks.days_bits
                                                                 : masks.other_bits;
        bits[kind_idx * masks.words + rule_idx / 64] |= std::uint64_t{1} << (rule_idx % 64);
    }
}

std::size_t RuleIndex(std::size_t word, std::uint64_t bits) {
    return word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
}

}  // namespace

KindMasks BindKindsOfRow(std::span<const BehaviourRule> rules,
                         const Population& population,
                         std::uint32_t row) {
    KindMasks masks = EmptyMasks(rules.size(), population.kinds.size());
    std::vector<bool> is_decided(population.kinds.size());
    for (std::size_t idx = population.touch_offsets[row]; idx < population.touch_offsets[row + 1];
         ++idx) {
        const std::uint32_t kind_idx = population.touch_kind[idx];
        if (is_decided[kind_idx]) continue;
        is_decided[kind_idx] = true;
        DecideKind(rules, population, kind_idx, masks);
    }
    return masks;
}

KindMasks BindKinds(std::span<const BehaviourRule> rules, const Population& population) {
    KindMasks masks = EmptyMasks(rules.size(), population.kinds.size());
    for (std::size_t kind_idx = 0; kind_idx < population.kinds.size(); ++kind_idx) {
        DecideKind(rules, population, kind_idx, masks);
    }
    return masks;
}

// Newest touchpoint first, so a rule's first match is its latest. Three loops by what the rules
// need keep the per-hit work free of branches on the aggregation.
void TallyLead(std::span<const BehaviourRule> rules,
               const KindMasks& masks,
               const Population& population,
               std::uint32_t row,
               double now_seconds,
               std::span<RuleTally> tallies,
               std::vector<EachHit>* hits) {
    std::ranges::fill(tallies, RuleTally{});
    const std::size_t begin = population.touch_offsets[row];
    for (std::size_t touch_idx = population.touch_offsets[row + 1]; touch_idx-- > begin;) {
        const std::size_t offset = std::size_t{population.touch_kind[touch_idx]} * masks.words;
        const std::int64_t at = population.touch_at[touch_idx];
        const double age = std::max(0.0, now_seconds - static_cast<double>(at));
        for (std::size_t word = 0; word < masks.words; ++word) {
            for (std::uint64_t bits = masks.each_bits[offset + word]; bits != 0; bits &= bits - 1) {
                const std::size_t rule_idx = RuleIndex(word, bits);
                const BehaviourRule& rule = rules[rule_idx];
                if (age > rule.window_limit) continue;
                const double decay = rule.Decay(age);
                tallies[rule_idx].each_sum += rule.points * decay;
                if (hits != nullptr)
                    hits->push_back({rule_idx, touch_idx, rule.points * decay, decay});
            }
            for (std::uint64_t bits = masks.other_bits[offset + word]; bits != 0;
                 bits &= bits - 1) {
                const std::size_t rule_idx = RuleIndex(word, bits);
                RuleTally& tally = tallies[rule_idx];
                if (!tally.has_match) {
                    tally.has_match = true;
                    tally.latest_at = at;
                    tally.latest_idx = touch_idx;
                }
                if (age <= rules[rule_idx].window_limit) ++tally.matches_in_window;
            }
            for (std::uint64_t bits = masks.days_bits[offset + word]; bits != 0; bits &= bits - 1) {
                const std::size_t rule_idx = RuleIndex(word, bits);
                RuleTally& tally = tallies[rule_idx];
                if (!tally.has_match) {
                    tally.has_match = true;
                    tally.latest_at = at;
                    tally.latest_idx = touch_idx;
                }
                if (age > rules[rule_idx].window_limit) continue;
                const std::int64_t day = UtcDay(at);
                if (day != tally.last_day) ++tally.days_in_window;
                tally.last_day = day;
            }
        }
    }
}

double BehaviourContribution(const BehaviourRule& rule,
                             const RuleTally& tally,
                             double now_seconds,
                             double created_at_seconds) {
    const auto decayed_latest = [&] {
        const double age = std::max(0.0, now_seconds - static_cast<double>(tally.latest_at));
        return rule.points * rule.Decay(age);
    };
    switch (rule.aggregation) {
        case Aggregation::kEach:
            return Clamp(tally.each_sum, rule.cap);
        case Aggregation::kCount:
            return tally.matches_in_window >= rule.at_least ? Clamp(decayed_latest(), rule.cap) : 0;
        case Aggregation::kDistinctDays:
            return tally.days_in_window >= rule.at_least ? Clamp(decayed_latest(), rule.cap) : 0;
        case Aggregation::kRecency:
            return tally.matches_in_window > 0 ? Clamp(decayed_latest(), rule.cap) : 0;
        case Aggregation::kInactivity: {
            const bool is_old_enough = now_seconds - created_at_seconds > rule.window_seconds;
            return tally.matches_in_window == 0 && is_old_enough ? Clamp(rule.points, rule.cap) : 0;
        }
    }
    return 0;
}

}  // namespace lb::scoring::detail
