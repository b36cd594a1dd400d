// The WHERE clauses of the lookups by unique key. They repeat the partial unique indexes'
// condition (`<> ''`) so that the planner may use those indexes with a bound parameter: SQLite
// cannot prove `col = ?` implies `col <> ''`, and without it scanned the whole workspace per
// lookup (imports fell to ~150 rows/s). sqlite/lookup_plan_test.cpp checks the plans.
#pragma once

#include <string>
#include <string_view>

namespace lb::storage::detail {

// "WHERE workspace_id = $1 AND <column> = $2 AND <column> <> ''" for column external_id or email.
[[nodiscard]] inline std::string LeadLookupWhere(std::string_view column) {
    const std::string col(column);
    return "WHERE workspace_id = $1 AND " + col + " = $2 AND " + col + " <> ''";
}

inline constexpr std::string_view kCompanyByDomainWhere =
    "WHERE workspace_id = $1 AND domain = $2 AND domain <> ''";

inline constexpr std::string_view kWorkspaceByTrackingKeyWhere =
    "WHERE tracking_key = $1 AND tracking_key <> ''";

}  // namespace lb::storage::detail
