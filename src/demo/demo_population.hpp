// Generated demo leads as scoring facts: what the benchmark and the default model's ranking check
// feed into a scoring::PopulationBuilder, without storing anything.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/result.hpp"
#include "demo/demo_generator.hpp"
#include "scoring/engine.hpp"
#include "scoring/population.hpp"

namespace lb::demo {

// The lead's fields as scoring reads them (model.hpp names), its company's included.
[[nodiscard]] scoring::LeadFacts DemoLeadFacts(const DemoLead& demo,
                                               const domain::Company& company,
                                               LeadId id);

// Adds the lead and its touchpoints (ids from `next_touch_id`, counted up) to `builder`; returns
// its row. The touchpoints' strings are copied by the builder.
std::uint32_t AddDemoLead(scoring::PopulationBuilder& builder,
                          const DemoLead& demo,
                          const domain::Company& company,
                          LeadId id,
                          std::int64_t& next_touch_id);

// Area under the ROC curve of `scores` separating positives from negatives (ties count half);
// 0.5 when either side is empty.
[[nodiscard]] double RankAuc(std::span<const double> positives, std::span<const double> negatives);

// How well `model` ranks the demo workspace of `options` (generated as of `now`): the RankAuc of
// the totals of won leads over those of lost leads, scored as of `now`.
[[nodiscard]] double WonLostAuc(const scoring::CompiledModel& model,
                                const DemoOptions& options,
                                Timestamp now);

}  // namespace lb::demo
