// Touchpoints: the bulk append path and the per-lead timeline.
#include <string>

#include "storage/detail/lead_cursor.hpp"
#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

constexpr std::size_t kTouchpointColumns = 11;
// Rows per multi-row INSERT: one prepared statement reused for every full batch keeps the bulk
// path at one statement execution per 100 rows on both backends (and far below parameter limits).
constexpr std::size_t kBatchRows = 100;

std::string InsertTouchpointsSql(std::size_t rows) {
    std::string sql =
        "INSERT INTO touchpoints (workspace_id, lead_id, anonymous_id, type, name, url, channel, "
        "campaign, properties_json, filtered_reason, occurred_at) VALUES ";
    for (std::size_t row_idx = 0; row_idx < rows; ++row_idx) {
        if (row_idx > 0) sql += ", ";
        sql += "(" + Placeholders(row_idx * kTouchpointColumns + 1, kTouchpointColumns) + ")";
    }
    return sql;
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
        conn_.Query("SELECT id, workspace_id, lead_id, anonymous_id, type, name, url, channel, "
                    "campaign, properties_json, filtered_reason, occurred_at FROM touchpoints "
                    "WHERE workspace_id = $1 AND lead_id = $2 ORDER BY occurred_at, id",
                    {SqlInt(ws.value), SqlInt(lead.value)}));
    return ReadAll<domain::Touchpoint>(result, [](const SqlRow& row) {
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
                                  .occurred_at = FromEpochMillis(row.Int(11))};
    });
}

Result<std::int64_t> SqlTransaction::CountTouchpoints(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query("SELECT count(*) FROM touchpoints WHERE workspace_id = $1",
                                    {SqlInt(ws.value)}));
    return result.Row(0).Int(0);
}

}  // namespace lb::storage::detail
