// Visitors (anonymous ids of the site, with the lead they identified as) and the first- and
// latest-touch attribution of leads.
#include <string>

#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

domain::Visitor ReadVisitor(const SqlRow& row) {
    return domain::Visitor{.workspace_id = WorkspaceId(row.Int(0)),
                           .anonymous_id = row.Text(1),
                           .lead_id = LeadId(row.Int(2)),
                           .first_seen = FromEpochMillis(row.Int(3)),
                           .last_seen = FromEpochMillis(row.Int(4)),
                           .session_id = row.Text(5),
                           .first_touch_channel = row.Text(6),
                           .first_touch_campaign = row.Text(7),
                           .latest_touch_channel = row.Text(8),
                           .latest_touch_campaign = row.Text(9)};
}

std::optional<Timestamp> OptTime(const SqlRow& row, std::size_t col) {
    if (auto ms = row.OptInt(col)) return FromEpochMillis(*ms);
    return std::nullopt;
}

}  // namespace

Result<std::optional<domain::Visitor>> SqlTransaction::FindVisitor(WorkspaceId ws,
                                                                   std::string_view anonymous_id) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("SELECT workspace_id, anonymous_id, lead_id, first_seen, last_seen, "
                    "session_id, first_touch_channel, first_touch_campaign, latest_touch_channel, "
                    "latest_touch_campaign FROM visitors WHERE workspace_id = $1 AND "
                    "anonymous_id = $2",
                    {SqlInt(ws.value), SqlText(anonymous_id)}));
    return ReadFirst<domain::Visitor>(result, ReadVisitor);
}

Status SqlTransaction::SaveVisitor(const domain::Visitor& visitor) {
    return Discard(conn_.Query(
        "INSERT INTO visitors (workspace_id, anonymous_id, lead_id, first_seen, last_seen, "
        "session_id, first_touch_channel, first_touch_campaign, latest_touch_channel, "
        "latest_touch_campaign) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "ON CONFLICT (workspace_id, anonymous_id) DO UPDATE SET lead_id = excluded.lead_id, "
        "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
        "session_id = excluded.session_id, first_touch_channel = excluded.first_touch_channel, "
        "first_touch_campaign = excluded.first_touch_campaign, "
        "latest_touch_channel = excluded.latest_touch_channel, "
        "latest_touch_campaign = excluded.latest_touch_campaign",
        {SqlInt(visitor.workspace_id.value),
         SqlText(visitor.anonymous_id),
         visitor.lead_id.IsSet() ? SqlInt(visitor.lead_id.value) : SqlNull(),
         SqlInt(ToEpochMillis(visitor.first_seen)),
         SqlInt(ToEpochMillis(visitor.last_seen)),
         SqlText(visitor.session_id),
         SqlText(visitor.first_touch_channel),
         SqlText(visitor.first_touch_campaign),
         SqlText(visitor.latest_touch_channel),
         SqlText(visitor.latest_touch_campaign)}));
}

Result<domain::LeadTouches> SqlTransaction::GetLeadTouches(WorkspaceId ws, LeadId lead) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("SELECT first_touch_channel, first_touch_campaign, first_touch_at, "
                    "latest_touch_channel, latest_touch_campaign, latest_touch_at FROM leads "
                    "WHERE workspace_id = $1 AND id = $2",
                    {SqlInt(ws.value), SqlInt(lead.value)}));
    if (result.Empty()) return Fail(NotFound("lead " + std::to_string(lead.value) + " not found"));
    const SqlRow row = result.Row(0);
    return domain::LeadTouches{.first_channel = row.Text(0),
                               .first_campaign = row.Text(1),
                               .first_at = OptTime(row, 2),
                               .latest_channel = row.Text(3),
                               .latest_campaign = row.Text(4),
                               .latest_at = OptTime(row, 5)};
}

// One statement decides both ends: every CASE reads the row's old values on both backends.
Status SqlTransaction::RecordLeadTouch(WorkspaceId ws,
                                       LeadId lead,
                                       std::string_view channel,
                                       std::string_view campaign,
                                       Timestamp at) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(
            "UPDATE leads SET "
            "first_touch_channel = CASE WHEN first_touch_at IS NULL OR first_touch_at > $5 "
            "THEN $3 ELSE first_touch_channel END, "
            "first_touch_campaign = CASE WHEN first_touch_at IS NULL OR first_touch_at > $5 "
            "THEN $4 ELSE first_touch_campaign END, "
            "first_touch_at = CASE WHEN first_touch_at IS NULL OR first_touch_at > $5 "
            "THEN $5 ELSE first_touch_at END, "
            "latest_touch_channel = CASE WHEN latest_touch_at IS NULL OR latest_touch_at <= $5 "
            "THEN $3 ELSE latest_touch_channel END, "
            "latest_touch_campaign = CASE WHEN latest_touch_at IS NULL OR latest_touch_at <= $5 "
            "THEN $4 ELSE latest_touch_campaign END, "
            "latest_touch_at = CASE WHEN latest_touch_at IS NULL OR latest_touch_at <= $5 "
            "THEN $5 ELSE latest_touch_at END "
            "WHERE workspace_id = $1 AND id = $2",
            {SqlInt(ws.value),
             SqlInt(lead.value),
             SqlText(channel),
             SqlText(campaign),
             SqlInt(ToEpochMillis(at))}));
    return ExpectFound(result.affected_rows, "lead", lead.value);
}

}  // namespace lb::storage::detail
