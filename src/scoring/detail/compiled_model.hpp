// CompiledModel's internals and the per-lead scoring step shared by ScoreAll and ExplainLead (one
// code path, so a full rescore and an explanation always agree).
#pragma once

#include <span>
#include <vector>

#include "scoring/detail/behaviour_rules.hpp"
#include "scoring/detail/fit_rules.hpp"
#include "scoring/engine.hpp"

namespace lb::scoring {

struct CompiledModel::Impl {
    Model model;
    double fit_max = 0;
    double engagement_max = 0;
    std::vector<detail::FitRule> fits;
    std::vector<detail::BehaviourRule> behaviours;
};

namespace detail {

// A compiled model tied to one Population. Valid while both live; thread-safe for const use.
struct BoundModel {
    const CompiledModel::Impl* impl = nullptr;
    std::vector<FitBinding> fits;
    KindMasks masks;
};
[[nodiscard]] BoundModel Bind(const CompiledModel::Impl& impl, const Population& population);
// Bound for `row` only: cost independent of the population's size (ExplainLead).
[[nodiscard]] BoundModel BindRow(const CompiledModel::Impl& impl,
                                 const Population& population,
                                 std::uint32_t row);

struct RawScore {
    double fit = 0;
    double engagement = 0;
};

// The raw fit and engagement points of `row`. `tallies` is scratch space of one entry per
// behaviour rule; it holds the row's tallies afterwards. `hits`: see TallyLead.
[[nodiscard]] RawScore ScoreRow(const BoundModel& bound,
                                const Population& population,
                                std::uint32_t row,
                                double now_seconds,
                                std::span<RuleTally> tallies,
                                std::vector<EachHit>* hits);

// The 0-100 parts, total and grade of a raw score under `impl`'s maxima and weight.
[[nodiscard]] CompactScore Finish(const CompiledModel::Impl& impl, RawScore raw);

[[nodiscard]] double NowSeconds(Timestamp now);

}  // namespace detail
}  // namespace lb::scoring
