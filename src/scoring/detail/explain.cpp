#include "scoring/detail/explain.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace lb::scoring::detail {
namespace {

std::string Joined(const std::vector<std::string>& values, std::string_view separator) {
    std::string out;
    for (const std::string& value : values) {
        if (!out.empty()) out += separator;
        out += value;
    }
    return out;
}

std::string WindowText(double window_seconds) {
    if (window_seconds <= 0) return "of all time";
    return fmt::format("within {} days", std::lround(window_seconds / kSecondsPerDay));
}

int RoundPoints(double value) {
    return static_cast<int>(std::lround(value));
}

domain::ScoreItem BaseItem(const Rule& rule, double exact) {
    domain::ScoreItem item;
    item.rule = rule.id;
    item.category = rule.category == Category::kFit ? "fit" : "engagement";
    item.exact_points = exact;
    item.points = RoundPoints(exact);
    item.half_life_days = rule.half_life_days;
    return item;
}

Timestamp FromSeconds(std::int64_t seconds) {
    return FromEpochMillis(seconds * 1000);
}

std::string DescribeTouch(const Population& population, std::size_t touch_idx) {
    const TouchKind& kind = population.kinds[population.touch_kind[touch_idx]];
    const std::string& label = kind.path.empty() ? kind.name : kind.path;
    return fmt::format("{} '{}' at {}",
                       kind.type,
                       label,
                       FormatIso8601(FromSeconds(population.touch_at[touch_idx])));
}

// One item per touchpoint, newest first; rounded points accumulate so that they add up to the
// rounded (capped) contribution, and once the cap is used up older touchpoints give nothing.
void AddEachItems(const Rule& rule,
                  const BehaviourRule& behaviour,
                  std::size_t behaviour_idx,
                  const Population& population,
                  std::span<const EachHit> hits,
                  std::vector<domain::ScoreItem>& out) {
    double uncapped = 0, counted = 0;
    std::size_t cut_hits = 0;
    for (const EachHit& hit : hits) {
        if (hit.behaviour_idx != behaviour_idx) continue;
        uncapped += hit.points;
        const double before = counted;
        counted = behaviour.cap ? std::clamp(uncapped, -*behaviour.cap, *behaviour.cap) : uncapped;
        const double share = counted - before;
        if (share == 0) {
            ++cut_hits;
            continue;
        }
        domain::ScoreItem item = BaseItem(rule, share);
        item.points = RoundPoints(counted) - RoundPoints(before);
        item.touchpoint_id = population.touch_ids[hit.touch_idx];
        item.occurred_at = FromSeconds(population.touch_at[hit.touch_idx]);
        item.decay = hit.decay;
        item.detail = DescribeTouch(population, hit.touch_idx);
        if (hit.decay < 1) item.detail += fmt::format(", decayed to {:.2f}", hit.decay);
        if (share != hit.points) {
            item.detail += fmt::format(" (cap {} reached: {:.2f} of {:.2f} points counted)",
                                       *behaviour.cap,
                                       share,
                                       hit.points);
        }
        out.push_back(std::move(item));
    }
    if (cut_hits > 0 && !out.empty()) {
        out.back().detail +=
            fmt::format("; {} older touchpoints over the cap not counted", cut_hits);
    }
}

std::string OnceDetail(const BehaviourRule& behaviour, const RuleTally& tally, double now_seconds) {
    const std::string what = DescribeMatches(behaviour.matches);
    const std::string window = WindowText(behaviour.window_seconds);
    switch (behaviour.aggregation) {
        case Aggregation::kCount:
            return fmt::format("{} {} {} (at least {})",
                               tally.matches_in_window,
                               what,
                               window,
                               behaviour.at_least);
        case Aggregation::kDistinctDays:
            return fmt::format("{} on {} distinct days {} (at least {})",
                               what,
                               tally.days_in_window,
                               window,
                               behaviour.at_least);
        case Aggregation::kRecency: {
            const double age_days =
                std::max(0.0, now_seconds - static_cast<double>(tally.latest_at)) / kSecondsPerDay;
            return fmt::format("latest of {} {:.1f} days ago ({})", what, age_days, window);
        }
        case Aggregation::kInactivity:
            return fmt::format("no {} {}", what, window);
        case Aggregation::kEach:
            break;
    }
    return what;
}

void AddOnceItem(const Rule& rule,
                 const BehaviourRule& behaviour,
                 const RuleTally& tally,
                 double contribution,
                 const Population& population,
                 double now_seconds,
                 std::vector<domain::ScoreItem>& out) {
    domain::ScoreItem item = BaseItem(rule, contribution);
    item.detail = OnceDetail(behaviour, tally, now_seconds);
    if (behaviour.aggregation != Aggregation::kInactivity && tally.has_match) {
        const double age = std::max(0.0, now_seconds - static_cast<double>(tally.latest_at));
        item.decay = behaviour.Decay(age);
        item.touchpoint_id = population.touch_ids[tally.latest_idx];
        item.occurred_at = FromSeconds(tally.latest_at);
        if (item.decay < 1) item.detail += fmt::format(", decayed to {:.2f}", item.decay);
    }
    const double uncapped = behaviour.aggregation == Aggregation::kInactivity
                                ? behaviour.points
                                : behaviour.points * item.decay;
    if (contribution != uncapped) item.detail += fmt::format(" (capped at {})", *behaviour.cap);
    out.push_back(std::move(item));
}

}  // namespace

std::string DescribeMatch(const TouchMatch& match) {
    std::string out;
    if (match.types.size() == 1 && match.types.front() == "page") {
        out = "visits";
    } else if (match.types.empty()) {
        out = "touchpoints";
    } else {
        out = Joined(match.types, "/") + " touchpoints";
    }
    if (!match.names.empty()) out += " named " + Joined(match.names, " or ");
    if (!match.url_patterns.empty()) out += " matching " + Joined(match.url_patterns, " or ");
    if (match.filtered == "any") out += " filtered as noise";
    if (match.filtered == "bot" || match.filtered == "spam")
        out += " filtered as " + match.filtered;
    return out;
}

std::string DescribeMatches(std::span<const TouchMatch> matches) {
    std::string out;
    for (const TouchMatch& match : matches)
        out += (out.empty() ? "" : " or ") + DescribeMatch(match);
    return out;
}

std::vector<domain::ScoreItem> ExplainRow(const BoundModel& bound,
                                          const Population& population,
                                          std::uint32_t row,
                                          double now_seconds,
                                          std::span<const RuleTally> tallies,
                                          std::span<const EachHit> hits) {
    const CompiledModel::Impl& impl = *bound.impl;
    std::vector<domain::ScoreItem> items;
    std::size_t fit_idx = 0, behaviour_idx = 0;
    const auto created_at = static_cast<double>(population.lead_created_at[row]);
    for (const Rule& rule : impl.model.rules) {
        if (std::holds_alternative<FitCondition>(rule.when)) {
            const FitRule& fit = impl.fits[fit_idx];
            if (bound.fits[fit_idx++].Matches(row) && FitContribution(fit) != 0) {
                domain::ScoreItem item = BaseItem(rule, FitContribution(fit));
                item.detail = DescribeFit(fit, population, row);
                if (FitContribution(fit) != fit.points)
                    item.detail += fmt::format(" (capped at {})", *fit.cap);
                items.push_back(std::move(item));
            }
            continue;
        }
        const BehaviourRule& behaviour = impl.behaviours[behaviour_idx];
        const RuleTally& tally = tallies[behaviour_idx];
        const double contribution =
            BehaviourContribution(behaviour, tally, now_seconds, created_at);
        if (contribution != 0) {
            if (behaviour.aggregation == Aggregation::kEach) {
                AddEachItems(rule, behaviour, behaviour_idx, population, hits, items);
            } else {
                AddOnceItem(rule, behaviour, tally, contribution, population, now_seconds, items);
            }
        }
        ++behaviour_idx;
    }
    return items;
}

}  // namespace lb::scoring::detail
