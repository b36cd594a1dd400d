// The predictive feature row of a lead, shared by training (a decided lead, touchpoints up to its
// outcome) and prediction (any lead, touchpoints up to now), so both see the same columns.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/entities.hpp"
#include "storage/store.hpp"

namespace lb::service::detail {

// A lead with what its touchpoints showed up to `until` (its outcome, or now).
struct PredictiveLead {
    domain::Lead lead;
    Timestamp until;
    std::map<std::string, std::int64_t> touch_counts{};  // by touchpoint type
    std::set<std::int64_t> active_days{};                // days since the epoch (UTC)
    std::optional<Timestamp> first_touch_at{};
    std::int64_t touches = 0;
};

using CompaniesById = std::unordered_map<std::int64_t, domain::Company>;

// Counts `touch` for the lead unless it is filtered (bot/spam is not behaviour) or after `until`.
void AddTouch(PredictiveLead& entry, const domain::Touchpoint& touch);
void AddTouch(PredictiveLead& entry, const storage::LeadTouchRow& touch);

// AddTouch for every touchpoint of the workspace that belongs to one of `leads`.
[[nodiscard]] Status AddTouchAggregates(storage::Transaction& tx,
                                        WorkspaceId workspace,
                                        std::vector<PredictiveLead>& leads);

// The companies of `leads` by id, in one read.
[[nodiscard]] Result<CompaniesById> LoadCompanies(storage::Transaction& tx,
                                                  WorkspaceId workspace,
                                                  const std::vector<PredictiveLead>& leads);

// The feature columns: title, channel, campaign, business_area, first_touch_channel,
// company.industry, company.country, company.employees, company.annual_revenue, custom.<key>,
// touches.<type>, touches.total, active_days, days_first_touch_to_outcome.
[[nodiscard]] std::vector<std::string> FeatureColumnNames(const std::set<std::string>& custom_keys,
                                                          const std::set<std::string>& touch_types);

// One value per FeatureColumnNames column. `company` may be null.
[[nodiscard]] std::vector<std::string> FeatureRowValues(const PredictiveLead& entry,
                                                        const domain::Company* company,
                                                        const std::set<std::string>& custom_keys,
                                                        const std::set<std::string>& touch_types);

}  // namespace lb::service::detail
