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

// Whole-workspace scans in id order, a page at a time (full rescores, predictions). They must
// walk the primary key from $2: with `workspace_id = $1` SQLite chose a workspace index, read
// every row of the workspace per page and sorted them, so a scan of n rows cost n^2 / page
// (a rescore of 100,000 leads with 850,000 touchpoints spent about 5 s there). The unary plus
// keeps workspace_id a filter, in SQLite and PostgreSQL alike.
inline constexpr std::string_view kLeadScanWhere =
    "WHERE +workspace_id = $1 AND id > $2 ORDER BY id LIMIT $3";
inline constexpr std::string_view kLeadTouchScanWhere =
    "WHERE +workspace_id = $1 AND id > $2 AND lead_id IS NOT NULL ORDER BY id LIMIT $3";

}  // namespace lb::storage::detail
