// Predictive models (issue 5): versioned per workspace, stored as JSON text.
#include <string>

#include <nlohmann/json.hpp>

#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

constexpr std::string_view kModelColumns =
    "SELECT workspace_id, version, kind, created_at, trained_on, metrics, model FROM "
    "predictive_models WHERE workspace_id = $1 ";

StoredPredictiveModel ReadPredictiveModel(const SqlRow& row) {
    return StoredPredictiveModel{.workspace_id = WorkspaceId(row.Int(0)),
                                 .version = row.Int32(1),
                                 .kind = row.Text(2),
                                 .created_at = FromEpochMillis(row.Int(3)),
                                 .trained_on = row.Text(4),
                                 .metrics = row.Text(5),
                                 .model = row.Text(6)};
}

}  // namespace

std::string PredictedTopJson(const std::vector<domain::PredictedFeature>& top) {
    nlohmann::json items = nlohmann::json::array();
    for (const domain::PredictedFeature& item : top)
        items.push_back({{"feature", item.feature}, {"log_odds", item.log_odds}});
    return items.dump();
}

std::vector<domain::PredictedFeature> ParsePredictedTop(const std::string& text) {
    std::vector<domain::PredictedFeature> top;
    const nlohmann::json items = nlohmann::json::parse(text, nullptr, false);
    if (!items.is_array()) return top;
    for (const auto& item : items) {
        if (!item.is_object()) continue;
        top.push_back({.feature = item.value("feature", std::string()),
                       .log_odds = item.value("log_odds", 0.0)});
    }
    return top;
}

Status SqlTransaction::SaveLeadPrediction(WorkspaceId ws,
                                          LeadId lead,
                                          const std::optional<domain::LeadPrediction>& prediction) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("UPDATE leads SET predicted_conversion = $3, predicted_model_version = $4, "
                    "predicted_top = $5 WHERE id = $1 AND workspace_id = $2",
                    {SqlInt(lead.value),
                     SqlInt(ws.value),
                     prediction ? SqlReal(prediction->probability) : SqlNull(),
                     prediction ? SqlInt(prediction->model_version) : SqlNull(),
                     prediction ? SqlText(PredictedTopJson(prediction->top)) : SqlNull()}));
    return ExpectFound(result.affected_rows, "lead", lead.value);
}

Result<std::optional<int>> SqlTransaction::GetLatestPredictiveModelVersion(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("SELECT MAX(version) FROM predictive_models WHERE workspace_id = $1",
                    {SqlInt(ws.value)}));
    if (result.Empty() || result.Row(0).IsNull(0)) return std::optional<int>{};
    return std::optional<int>(result.Row(0).Int32(0));
}

Result<StoredPredictiveModel> SqlTransaction::InsertPredictiveModel(StoredPredictiveModel model) {
    LB_ASSIGN_OR_RETURN(const SqlResult highest,
                        conn_.Query("SELECT COALESCE(MAX(version), 0) FROM predictive_models "
                                    "WHERE workspace_id = $1",
                                    {SqlInt(model.workspace_id.value)}));
    model.version = highest.Empty() ? 1 : highest.Row(0).Int32(0) + 1;
    const Status inserted = Guarded("a predictive model", [&]() -> Status {
        return Discard(conn_.Query(
            "INSERT INTO predictive_models (workspace_id, version, kind, created_at, trained_on, "
            "metrics, model) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {SqlInt(model.workspace_id.value),
             SqlInt(model.version),
             SqlText(model.kind),
             SqlInt(ToEpochMillis(model.created_at)),
             SqlText(model.trained_on),
             SqlText(model.metrics),
             SqlText(model.model)}));
    });
    if (!inserted && inserted.error().code == ErrorCode::kAlreadyExists) {
        return Fail(AlreadyExists(
            "predictive model version " + std::to_string(model.version) + " is already stored",
            "version"));
    }
    LB_TRY(inserted);
    return model;
}

Result<std::vector<StoredPredictiveModel>> SqlTransaction::ListPredictiveModels(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(std::string(kModelColumns) + "ORDER BY version", {SqlInt(ws.value)}));
    return ReadAll<StoredPredictiveModel>(result, ReadPredictiveModel);
}

Result<std::optional<StoredPredictiveModel>> SqlTransaction::GetLatestPredictiveModel(
    WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query(std::string(kModelColumns) + "ORDER BY version DESC LIMIT 1",
                                    {SqlInt(ws.value)}));
    if (result.Empty()) return std::optional<StoredPredictiveModel>{};
    return std::optional<StoredPredictiveModel>(ReadPredictiveModel(result.Row(0)));
}

}  // namespace lb::storage::detail
