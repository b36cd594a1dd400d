// The bridge from stored leads to the scoring engine's columnar Population: which lead field is
// which model field (scoring/model.hpp lists them), and the scan of a whole workspace.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/entities.hpp"
#include "scoring/population.hpp"
#include "storage/store.hpp"

namespace lb::service::detail {

// The model fields of one lead. `company` and `owner_email` may be absent.
[[nodiscard]] scoring::LeadFacts LeadFactsFor(const domain::Lead& lead,
                                              const domain::Company* company,
                                              std::string_view owner_email);

// A lead with its touchpoints as a one-lead population (incremental scoring).
[[nodiscard]] scoring::Population SingleLeadPopulation(
    const domain::Lead& lead,
    const domain::Company* company,
    std::string_view owner_email,
    const std::vector<domain::Touchpoint>& touchpoints);

// Every lead of a workspace with its touchpoints, and what is stored about each row today.
struct WorkspacePopulation {
    scoring::Population population;
    std::vector<domain::LeadScore> stored_scores;  // per row, without breakdowns
    std::vector<std::string> stages;               // per row
    std::vector<Timestamp> updated_at;             // per row: tells later edits apart
};

// Scans leads, companies, owners and lead touchpoints in id order within `tx`.
[[nodiscard]] Result<WorkspacePopulation> LoadWorkspacePopulation(storage::Transaction& tx,
                                                                  WorkspaceId workspace);

}  // namespace lb::service::detail
