// What the scoring benchmark reads back from a Population: one lead's facts (to rebuild it as a
// one-lead population, as the server does per event) and CSV tables plus the model's SQL for the
// DuckDB peer.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "scoring/engine.hpp"

namespace lb::bench {

// Touch facts point into `population` (kinds' strings): valid while it lives.
struct LeadSnapshot {
    scoring::LeadFacts facts;
    std::vector<scoring::TouchFacts> touches;
};
[[nodiscard]] LeadSnapshot Snapshot(const scoring::Population& population, std::uint32_t row);

// Writes dir/leads.csv (lead, created_at, t_* text, n_* numbers), dir/touches.csv (lead, at,
// kind), dir/kinds.csv (kind, type, name, path, filtered), dir/query.sql and dir/ours.bin (one
// byte per lead: its total). kInvalidArgument when the model cannot be written as SQL;
// kUnavailable when a file cannot be written.
[[nodiscard]] Status ExportForPeer(const scoring::CompiledModel& model,
                                   const scoring::Population& population,
                                   std::span<const scoring::CompactScore> scores,
                                   Timestamp now,
                                   const std::string& dir);

}  // namespace lb::bench
