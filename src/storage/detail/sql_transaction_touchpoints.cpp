// Touchpoints: the bulk append path (idempotent by message_id), the per-lead and per-visitor
// timelines, and attaching a visitor's anonymous touchpoints to its lead.
#include <string>

#include "storage/detail/lead_cursor.hpp"
#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

constexpr std::size_t kTouchpointColumns = 20;
// Rows per multi-row INSERT: one prepared statement reused for every full batch keeps the bulk
// path at one statement execution per 100 rows on both backends (and far below parameter limits).
constexpr std::size_t kBatchRows = 100;

constexpr std::string_view kTouchpointSelect =
    "SELECT id, workspace_id, lead_id, anonymous_id, type, name, url, channel, campaign, "
    "properties_json, filtered_reason, occurred_at, message_id, session_id, user_agent, ip, "
    "referrer, utm_source, utm_medium, utm_term, utm_content FROM touchpoints ";

// ON CONFLICT DO NOTHING without a target covers the partial unique index on message_id on both
// backends: a retried message is skipped, also when two rows of one statement share an id.
std::string InsertTouchpointsSql(std::size_t rows) {
    return "INSERT INTO touchpoints (workspace_id, lead_id, anonymous_id, type, name, url, "
           "channel, campaign, properties_json, filtered_reason, occurred_at, message_id, "
           "session_id, user_agent, ip, referrer, utm_source, utm_medium, utm_term, utm_content) "
           "VALUES " +
           PlaceholderRows(rows, kTouchpointColumns) + " ON CONFLICT DO NOTHING";
}

void AppendParams(const domain::Touchpoint& event, std::vector<SqlValue>& params) {
    params.push_back(SqlInt(event.workspace_id.value));
    params.push_back(event.lead_id.IsSet() ? SqlInt(event.lead_id.value) : SqlNull());
    params.push_back(SqlText(event.anonymous_id));
    params.push_back(SqlText(event.type));
    params.push_back(SqlText(event.name));
    params.push_back(SqlText(event.url));
    params.push_back(SqlText(event.channel));
    params.push_back(SqlText(event.campaign));
    params.push_back(SqlText(event.properties_json));
    params.push_back(SqlText(event.filtered_reason));
    params.push_back(SqlInt(ToEpochMillis(event.occurred_at)));
    params.push_back(SqlText(event.message_id));
    params.push_back(SqlText(event.session_id));
    params.push_back(SqlText(event.user_agent));
    params.push_back(SqlText(event.ip));
    params.push_back(SqlText(event.referrer));
    params.push_back(SqlText(event.utm_source));
    params.push_back(SqlText(event.utm_medium));
    params.push_back(SqlText(event.utm_term));
    params.push_back(SqlText(event.utm_content));
}

domain::Touchpoint ReadTouchpoint(const SqlRow& row) {
    return domain::Touchpoint{.id = TouchpointId(row.Int(0)),
                              .workspace_id = WorkspaceId(row.Int(1)),
                              .lead_id = LeadId(row.Int(2)),
                              .anonymous_id = row.Text(3),
                              .type = row.Text(4),
                              .name = row.Text(5),
                              .url = row.Text(6),
                              .channel = row.Text(7),
                              .campaign = row.Text(8),
                              .properties_json = row.Text(9),
                              .filtered_reason = row.Text(10),
                              .occurred_at = FromEpochMillis(row.Int(11)),
                              .message_id = row.Text(12),
                              .session_id = row.Text(13),
                              .user_agent = row.Text(14),
                              .ip = row.Text(15),
                              .referrer = row.Text(16),
                              .utm_source = row.Text(17),
                              .utm_medium = row.Text(18),
                              .utm_term = row.Text(19),
                              .utm_content = row.Text(20)};
}

}  // namespace

Status SqlTransaction::AppendTouchpoints(std::span<const domain::Touchpoint> events) {
    static const std::string kBatchInsert = InsertTouchpointsSql(kBatchRows);
    static const std::string kSingleInsert = InsertTouchpointsSql(1);
    std::vector<SqlValue> params;
    params.reserve(kBatchRows * kTouchpointColumns);
    std::size_t next = 0;
    for (; next + kBatchRows <= events.size(); next += kBatchRows) {
        params.clear();
        for (const auto& event : events.subspan(next, kBatchRows)) AppendParams(event, params);
        LB_TRY(conn_.Query(kBatchInsert, params));
    }
    for (const auto& event : events.subspan(next)) {
        params.clear();
        AppendParams(event, params);
        LB_TRY(conn_.Query(kSingleInsert, params));
    }
    return Ok();
}

Result<std::vector<domain::Touchpoint>> SqlTransaction::ListLeadTouchpoints(WorkspaceId ws,
                                                                            LeadId lead) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(std::string(kTouchpointSelect) +
                        "WHERE workspace_id = $1 AND lead_id = $2 ORDER BY occurred_at, id",
                    {SqlInt(ws.value), SqlInt(lead.value)}));
    return ReadAll<domain::Touchpoint>(result, ReadTouchpoint);
}

Result<std::int64_t> SqlTransaction::CountTouchpoints(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query("SELECT count(*) FROM touchpoints WHERE workspace_id = $1",
                                    {SqlInt(ws.value)}));
    return result.Row(0).Int(0);
}

Result<std::vector<std::string>> SqlTransaction::FindTouchpointMessageIds(
    WorkspaceId ws, std::span<const std::string> message_ids) {
    std::vector<std::string> found;
    std::vector<SqlValue> params;
    // Chunks keep the IN list well below both backends' parameter limits.
    constexpr std::size_t kChunk = 200;
    for (std::size_t first = 0; first < message_ids.size(); first += kChunk) {
        const auto chunk = message_ids.subspan(first, std::min(kChunk, message_ids.size() - first));
        params.assign({SqlInt(ws.value)});
        for (const std::string& id : chunk) params.push_back(SqlText(id));
        LB_ASSIGN_OR_RETURN(const SqlResult result,
                            conn_.Query("SELECT message_id FROM touchpoints WHERE workspace_id = "
                                        "$1 AND message_id <> '' AND message_id IN (" +
                                            Placeholders(2, chunk.size()) + ")",
                                        params));
        for (const auto& cells : result.rows) found.push_back(SqlRow(cells).Text(0));
    }
    return found;
}

Result<std::vector<domain::Touchpoint>> SqlTransaction::ListVisitorTouchpoints(
    WorkspaceId ws, std::string_view anonymous_id) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(std::string(kTouchpointSelect) +
                        "WHERE workspace_id = $1 AND anonymous_id = $2 ORDER BY occurred_at, id",
                    {SqlInt(ws.value), SqlText(anonymous_id)}));
    return ReadAll<domain::Touchpoint>(result, ReadTouchpoint);
}

Result<std::int64_t> SqlTransaction::AttachVisitorTouchpoints(WorkspaceId ws,
                                                              std::string_view anonymous_id,
                                                              LeadId lead) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query("UPDATE touchpoints SET lead_id = $3 WHERE workspace_id = $1 "
                                    "AND anonymous_id = $2 AND lead_id IS NULL",
                                    {SqlInt(ws.value), SqlText(anonymous_id), SqlInt(lead.value)}));
    return result.affected_rows;
}

}  // namespace lb::storage::detail
