#include "service/detail/mql_handoff.hpp"

#include <algorithm>
#include <array>

namespace lb::service::detail {

namespace {

domain::LeadHistoryEntry Entry(const domain::Lead& lead,
                               std::string kind,
                               std::string from,
                               std::string to,
                               std::string reason,
                               Timestamp at,
                               std::string_view actor) {
    return {.workspace_id = lead.workspace_id,
            .lead_id = lead.id,
            .kind = std::move(kind),
            .from_value = std::move(from),
            .to_value = std::move(to),
            .reason = std::move(reason),
            .actor = std::string(actor),
            .at = at};
}

}  // namespace

bool IsBelowMql(std::string_view stage) {
    static constexpr std::array<std::string_view, 4> kBelow = {
        "prospect", "lead", "nurture", "recycled"};
    return std::find(kBelow.begin(), kBelow.end(), stage) != kBelow.end();
}

Handoff MqlHandoff(const domain::Lead& lead,
                   int old_total,
                   int new_total,
                   int threshold,
                   Timestamp at,
                   std::string_view actor) {
    Handoff handoff;
    const std::string reason =
        "score " + std::to_string(new_total) + ", threshold " + std::to_string(threshold);
    if (old_total < threshold && new_total >= threshold) {
        handoff.crossed = true;
        handoff.history.push_back(Entry(lead,
                                        "score.threshold_crossed",
                                        std::to_string(old_total),
                                        std::to_string(new_total),
                                        reason,
                                        at,
                                        actor));
        if (IsBelowMql(lead.stage)) {
            handoff.new_stage = "mql";
            handoff.history.push_back(Entry(lead,
                                            "stage",
                                            lead.stage,
                                            "mql",
                                            "score crossed the MQL threshold (" + reason + ")",
                                            at,
                                            actor));
        }
    } else if (old_total >= threshold && new_total < threshold) {
        handoff.dropped = true;
        handoff.history.push_back(Entry(lead,
                                        "score.threshold_dropped",
                                        std::to_string(old_total),
                                        std::to_string(new_total),
                                        reason,
                                        at,
                                        actor));
    }
    return handoff;
}

}  // namespace lb::service::detail
