// Visitors (anonymous ids of the site, with the lead they identified as) and the first- and
// latest-touch attribution of leads.
#include <span>
#include <string>
#include <vector>

#include "storage/detail/lead_cursor.hpp"
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

constexpr std::string_view kVisitorSelect =
    "SELECT workspace_id, anonymous_id, lead_id, first_seen, last_seen, session_id, "
    "first_touch_channel, first_touch_campaign, latest_touch_channel, latest_touch_campaign "
    "FROM visitors ";
constexpr std::size_t kVisitorColumns = 10;

// Rows per statement of the bulk visitor paths: the largest of 32, 8 and 1 that fits, so that a
// job of any size runs few statements while only three shapes of each enter the statement cache.
std::size_t ChunkRows(std::size_t left) {
    for (const std::size_t rows : {32U, 8U})
        if (left >= rows) return rows;
    return 1;
}

// An upsert of `rows` visitors; on conflict every field but the key is replaced.
std::string BuildUpsertVisitorsSql(std::size_t rows) {
    return "INSERT INTO visitors (workspace_id, anonymous_id, lead_id, first_seen, last_seen, "
           "session_id, first_touch_channel, first_touch_campaign, latest_touch_channel, "
           "latest_touch_campaign) VALUES " +
           PlaceholderRows(rows, kVisitorColumns) +
           " ON CONFLICT (workspace_id, anonymous_id) DO UPDATE SET lead_id = excluded.lead_id, "
           "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
           "session_id = excluded.session_id, first_touch_channel = "
           "excluded.first_touch_channel, first_touch_campaign = excluded.first_touch_campaign, "
           "latest_touch_channel = excluded.latest_touch_channel, "
           "latest_touch_campaign = excluded.latest_touch_campaign";
}

// The statements for the chunk sizes of ChunkRows, built once.
const std::string& UpsertVisitorsSql(std::size_t rows) {
    static const std::string k32 = BuildUpsertVisitorsSql(32);
    static const std::string k8 = BuildUpsertVisitorsSql(8);
    static const std::string k1 = BuildUpsertVisitorsSql(1);
    return rows == 32 ? k32 : rows == 8 ? k8 : k1;
}

std::string BuildFindVisitorsSql(std::size_t rows) {
    return std::string(kVisitorSelect) + "WHERE workspace_id = $1 AND anonymous_id IN (" +
           Placeholders(2, rows) + ")";
}

const std::string& FindVisitorsSql(std::size_t rows) {
    static const std::string k32 = BuildFindVisitorsSql(32);
    static const std::string k8 = BuildFindVisitorsSql(8);
    static const std::string k1 = BuildFindVisitorsSql(1);
    return rows == 32 ? k32 : rows == 8 ? k8 : k1;
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
        conn_.Query(std::string(kVisitorSelect) + "WHERE workspace_id = $1 AND anonymous_id = $2",
                    {SqlInt(ws.value), SqlText(anonymous_id)}));
    return ReadFirst<domain::Visitor>(result, ReadVisitor);
}

Status SqlTransaction::SaveVisitor(const domain::Visitor& visitor) {
    return SaveVisitors(std::span<const domain::Visitor>(&visitor, 1));
}

Result<std::vector<domain::Visitor>> SqlTransaction::FindVisitors(
    WorkspaceId ws, std::span<const std::string> anonymous_ids) {
    std::vector<domain::Visitor> found;
    std::vector<SqlValue> params;
    for (std::size_t first = 0; first < anonymous_ids.size();) {
        const std::size_t rows = ChunkRows(anonymous_ids.size() - first);
        params.assign({SqlInt(ws.value)});
        for (const std::string& id : anonymous_ids.subspan(first, rows))
            params.push_back(SqlText(id));
        LB_ASSIGN_OR_RETURN(const SqlResult result, conn_.Query(FindVisitorsSql(rows), params));
        for (const auto& cells : result.rows) found.push_back(ReadVisitor(SqlRow(cells)));
        first += rows;
    }
    return found;
}

Status SqlTransaction::SaveVisitors(std::span<const domain::Visitor> visitors) {
    std::vector<SqlValue> params;
    for (std::size_t first = 0; first < visitors.size();) {
        const std::size_t rows = ChunkRows(visitors.size() - first);
        params.clear();
        for (const domain::Visitor& visitor : visitors.subspan(first, rows)) {
            params.push_back(SqlInt(visitor.workspace_id.value));
            params.push_back(SqlText(visitor.anonymous_id));
            params.push_back(visitor.lead_id.IsSet() ? SqlInt(visitor.lead_id.value) : SqlNull());
            params.push_back(SqlInt(ToEpochMillis(visitor.first_seen)));
            params.push_back(SqlInt(ToEpochMillis(visitor.last_seen)));
            params.push_back(SqlText(visitor.session_id));
            params.push_back(SqlText(visitor.first_touch_channel));
            params.push_back(SqlText(visitor.first_touch_campaign));
            params.push_back(SqlText(visitor.latest_touch_channel));
            params.push_back(SqlText(visitor.latest_touch_campaign));
        }
        LB_TRY(Discard(conn_.Query(UpsertVisitorsSql(rows), params)));
        first += rows;
    }
    return Ok();
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
