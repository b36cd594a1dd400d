// Lead merges (moving a lead's rows to another lead, deleting the emptied lead) and the stored
// per-workspace channel rules.
#include <array>
#include <string>

#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

// The tables whose rows belong to a lead through a plain lead_id column (custom fields are the
// lead's own and go with it). Fixed names, never input.
constexpr std::array<std::string_view, 3> kLeadRowTables = {
    "touchpoints", "visitors", "lead_history"};

}  // namespace

Result<LeadMoveCounts> SqlTransaction::MoveLeadRecords(WorkspaceId ws, LeadId from, LeadId into) {
    if (from == into) return Fail(InvalidArgument("a lead cannot be merged into itself", "from"));
    LB_TRY(GetLead(ws, from));
    LB_TRY(GetLead(ws, into));
    std::array<std::int64_t, kLeadRowTables.size()> moved{};
    for (std::size_t table_idx = 0; table_idx < kLeadRowTables.size(); ++table_idx) {
        const std::string sql = "UPDATE " + std::string(kLeadRowTables[table_idx]) +
                                " SET lead_id = $3 WHERE workspace_id = $1 AND lead_id = $2";
        LB_ASSIGN_OR_RETURN(
            const SqlResult result,
            conn_.Query(sql, {SqlInt(ws.value), SqlInt(from.value), SqlInt(into.value)}));
        moved[table_idx] = result.affected_rows;
    }
    return LeadMoveCounts{
        .touchpoints = moved[0], .visitors = moved[1], .history_entries = moved[2]};
}

Status SqlTransaction::DeleteLead(WorkspaceId ws, LeadId id) {
    for (const std::string_view table : kLeadRowTables) {
        const std::string sql = "SELECT COUNT(*) FROM " + std::string(table) +
                                " WHERE workspace_id = $1 AND lead_id = $2";
        LB_ASSIGN_OR_RETURN(const SqlResult result,
                            conn_.Query(sql, {SqlInt(ws.value), SqlInt(id.value)}));
        if (!result.Empty() && result.Row(0).Int(0) > 0)
            return Fail(Conflict("lead " + std::to_string(id.value) + " still has rows in " +
                                 std::string(table) + "; move them before deleting it"));
    }
    LB_TRY(
        Discard(conn_.Query("DELETE FROM lead_custom_fields WHERE workspace_id = $1 AND "
                            "lead_id = $2",
                            {SqlInt(ws.value), SqlInt(id.value)})));
    LB_ASSIGN_OR_RETURN(const SqlResult deleted,
                        conn_.Query("DELETE FROM leads WHERE workspace_id = $1 AND id = $2",
                                    {SqlInt(ws.value), SqlInt(id.value)}));
    return ExpectFound(deleted.affected_rows, "lead", id.value);
}

Result<std::string> SqlTransaction::GetChannelRulesJson(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query("SELECT rules_json FROM channel_rules WHERE workspace_id = $1",
                                    {SqlInt(ws.value)}));
    if (result.Empty()) return std::string();
    return result.Row(0).Text(0);
}

Status SqlTransaction::SaveChannelRulesJson(WorkspaceId ws,
                                            std::string_view rules_json,
                                            Timestamp at) {
    return Discard(conn_.Query(
        "INSERT INTO channel_rules (workspace_id, rules_json, updated_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (workspace_id) DO UPDATE SET rules_json = excluded.rules_json, "
        "updated_at = excluded.updated_at",
        {SqlInt(ws.value), SqlText(rules_json), SqlInt(ToEpochMillis(at))}));
}

}  // namespace lb::storage::detail
