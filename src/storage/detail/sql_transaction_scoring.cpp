// Scoring: the workspace's models, lead scores and their history, and the scans behind a full
// rescore. Also the score breakdown's JSON column format.
#include <string>

#include <nlohmann/json.hpp>

#include "storage/detail/lookup_sql.hpp"
#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

nlohmann::json ItemJson(const domain::ScoreItem& item) {
    nlohmann::json json = {{"rule", item.rule},
                           {"points", item.points},
                           {"category", item.category},
                           {"exact_points", item.exact_points},
                           {"detail", item.detail},
                           {"decay", item.decay}};
    if (item.touchpoint_id.value != 0) json["touchpoint_id"] = item.touchpoint_id.value;
    if (item.occurred_at) json["occurred_at"] = ToEpochMillis(*item.occurred_at);
    if (item.half_life_days) json["half_life_days"] = *item.half_life_days;
    return json;
}

domain::ScoreItem ReadItem(const nlohmann::json& json) {
    domain::ScoreItem item;
    item.rule = json.value("rule", "");
    item.points = json.value("points", 0);
    item.category = json.value("category", "");
    item.exact_points = json.value("exact_points", static_cast<double>(item.points));
    item.detail = json.value("detail", "");
    item.decay = json.value("decay", 1.0);
    item.touchpoint_id = TouchpointId(json.value("touchpoint_id", std::int64_t{0}));
    if (json.contains("occurred_at"))
        item.occurred_at = FromEpochMillis(json.value("occurred_at", std::int64_t{0}));
    if (json.contains("half_life_days")) item.half_life_days = json.value("half_life_days", 0.0);
    return item;
}

domain::ScoreHistoryEntry ReadScoreHistory(const SqlRow& row) {
    domain::ScoreHistoryEntry entry;
    entry.id = row.Int(0);
    entry.workspace_id = WorkspaceId(row.Int(1));
    entry.lead_id = LeadId(row.Int(2));
    entry.at = FromEpochMillis(row.Int(3));
    entry.total = row.Int32(4);
    entry.fit = row.Int32(5);
    entry.engagement = row.Int32(6);
    entry.grade = row.Text(7);
    entry.model_key = row.Text(8);
    entry.cause = row.Text(9);
    return entry;
}

LeadTouchRow ReadLeadTouchRow(const SqlRow& row) {
    return {.id = TouchpointId(row.Int(0)),
            .lead_id = LeadId(row.Int(1)),
            .type = row.Text(2),
            .name = row.Text(3),
            .url = row.Text(4),
            .filtered_reason = row.Text(5),
            .occurred_at = FromEpochMillis(row.Int(6))};
}

}  // namespace

std::string BreakdownJson(const std::vector<domain::ScoreItem>& breakdown) {
    nlohmann::json items = nlohmann::json::array();
    for (const domain::ScoreItem& item : breakdown) items.push_back(ItemJson(item));
    return items.dump();
}

std::vector<domain::ScoreItem> ParseBreakdown(const std::string& text) {
    std::vector<domain::ScoreItem> breakdown;
    if (text.empty()) return breakdown;
    const nlohmann::json items = nlohmann::json::parse(text, nullptr, false);
    if (!items.is_array()) return breakdown;
    for (const auto& item : items) {
        if (item.is_object()) breakdown.push_back(ReadItem(item));
    }
    return breakdown;
}

Result<std::vector<StoredScoringModel>> SqlTransaction::ListScoringModels(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query("SELECT key, position, document, updated_at FROM "
                                    "scoring_models WHERE workspace_id = $1 ORDER BY position, key",
                                    {SqlInt(ws.value)}));
    return ReadAll<StoredScoringModel>(result, [](const SqlRow& row) {
        return StoredScoringModel{.key = row.Text(0),
                                  .position = row.Int32(1),
                                  .document = row.Text(2),
                                  .updated_at = FromEpochMillis(row.Int(3))};
    });
}

Status SqlTransaction::ReplaceScoringModels(WorkspaceId ws,
                                            std::span<const StoredScoringModel> models) {
    LB_TRY(Discard(
        conn_.Query("DELETE FROM scoring_models WHERE workspace_id = $1", {SqlInt(ws.value)})));
    int position = 0;
    for (const StoredScoringModel& model : models) {
        LB_TRY(Guarded("a scoring model", [&]() -> Status {
            return Discard(conn_.Query(
                "INSERT INTO scoring_models (workspace_id, key, position, document, updated_at) "
                "VALUES ($1, $2, $3, $4, $5)",
                {SqlInt(ws.value),
                 SqlText(model.key),
                 SqlInt(position),
                 SqlText(model.document),
                 SqlInt(ToEpochMillis(model.updated_at))}));
        }));
        ++position;
    }
    return Ok();
}

Status SqlTransaction::SaveLeadScore(WorkspaceId ws, LeadId lead, const domain::LeadScore& score) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("UPDATE leads SET score_total = $3, score_fit = $4, score_engagement = $5, "
                    "score_grade = $6, score_breakdown = $7 WHERE id = $1 AND workspace_id = $2",
                    {SqlInt(lead.value),
                     SqlInt(ws.value),
                     SqlInt(score.total),
                     SqlInt(score.fit),
                     SqlInt(score.engagement),
                     SqlText(score.grade),
                     SqlText(BreakdownJson(score.breakdown))}));
    return ExpectFound(result.affected_rows, "lead", lead.value);
}

Status SqlTransaction::AppendScoreHistory(const domain::ScoreHistoryEntry& entry) {
    return Discard(conn_.Query(
        "INSERT INTO score_history (workspace_id, lead_id, at, total, fit, engagement, grade, "
        "model_key, cause) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {SqlInt(entry.workspace_id.value),
         SqlInt(entry.lead_id.value),
         SqlInt(ToEpochMillis(entry.at)),
         SqlInt(entry.total),
         SqlInt(entry.fit),
         SqlInt(entry.engagement),
         SqlText(entry.grade),
         SqlText(entry.model_key),
         SqlText(entry.cause)}));
}

Result<std::vector<domain::ScoreHistoryEntry>> SqlTransaction::ListScoreHistory(WorkspaceId ws,
                                                                                LeadId lead) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("SELECT id, workspace_id, lead_id, at, total, fit, engagement, grade, "
                    "model_key, cause FROM score_history WHERE workspace_id = $1 AND lead_id = $2 "
                    "ORDER BY at, id",
                    {SqlInt(ws.value), SqlInt(lead.value)}));
    return ReadAll<domain::ScoreHistoryEntry>(result, ReadScoreHistory);
}

Result<std::vector<domain::Lead>> SqlTransaction::ListLeadsAfter(WorkspaceId ws,
                                                                 LeadId after,
                                                                 int limit) {
    return SelectLeads(
        Select(LeadColumnsWithoutBreakdown(), "FROM leads " + std::string(kLeadScanWhere)),
        std::vector<SqlValue>{SqlInt(ws.value), SqlInt(after.value), SqlInt(limit)});
}

Result<std::vector<LeadTouchRow>> SqlTransaction::ListLeadTouchpointsAfter(WorkspaceId ws,
                                                                           TouchpointId after,
                                                                           int limit) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("SELECT id, lead_id, type, name, url, filtered_reason, occurred_at "
                    "FROM touchpoints " +
                        std::string(kLeadTouchScanWhere),
                    {SqlInt(ws.value), SqlInt(after.value), SqlInt(limit)}));
    return ReadAll<LeadTouchRow>(result, ReadLeadTouchRow);
}

}  // namespace lb::storage::detail
