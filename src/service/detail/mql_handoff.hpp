// The MQL hand-off on a score change: crossing the workspace's threshold appends
// `score.threshold_crossed` to the lead's history and moves a lead that is not yet an MQL
// (prospect, lead, nurture, recycled) to `mql`; falling back below appends
// `score.threshold_dropped`. One small piece on purpose: the lifecycle's stage machine will take
// this over.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "domain/entities.hpp"

namespace lb::service::detail {

struct Handoff {
    std::vector<domain::LeadHistoryEntry> history;  // to append, in order
    std::optional<std::string> new_stage;           // set: move the lead there
    bool crossed = false, dropped = false;
};

// What a change of `lead`'s total from `old_total` to `new_total` does at `threshold`.
[[nodiscard]] Handoff MqlHandoff(const domain::Lead& lead,
                                 int old_total,
                                 int new_total,
                                 int threshold,
                                 Timestamp at,
                                 std::string_view actor);

// True for the stages a threshold crossing moves to `mql`.
[[nodiscard]] bool IsBelowMql(std::string_view stage);

}  // namespace lb::service::detail
