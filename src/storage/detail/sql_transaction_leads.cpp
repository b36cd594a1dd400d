// Leads (with custom fields and score), their history.
#include <array>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "storage/detail/lead_cursor.hpp"
#include "storage/detail/lookup_sql.hpp"
#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

// Every lead column but id, in the order of LeadParams after the id.
constexpr std::array<std::string_view, 28> kLeadFields = {
    "workspace_id",    "external_id", "email",      "first_name",       "last_name",
    "title",           "phone",       "company_id", "channel",          "campaign",
    "business_area",   "rating",      "horizon",    "expected_month",   "potential",
    "probability",     "stage",       "owner_id",   "do_not_email",     "do_not_call",
    "deal_value",      "score_total", "score_fit",  "score_engagement", "score_grade",
    "score_breakdown", "created_at",  "updated_at"};

std::string JoinLeadFields() {
    std::string columns = "id";
    for (std::string_view field : kLeadFields) {
        columns += ", ";
        columns += field;
    }
    return columns;
}

std::string InsertLeadSql() {
    std::string columns(JoinLeadFields().substr(4));
    return "INSERT INTO leads (" + columns + ") VALUES (" + Placeholders(1, kLeadFields.size()) +
           ") RETURNING id";
}

// Every field but workspace_id and created_at is replaced; $1 is the id, $2 the workspace.
std::string UpdateLeadSql() {
    std::string sql = "UPDATE leads SET ";
    std::size_t param = 3;
    for (std::size_t index = 1; index < kLeadFields.size(); ++index) {
        if (kLeadFields[index] == "created_at") continue;
        if (param > 3) sql += ", ";
        sql += std::string(kLeadFields[index]) + " = $" + std::to_string(param++);
    }
    return sql + " WHERE id = $1 AND workspace_id = $2";
}

template <typename E>
SqlValue OptEnum(const std::optional<E>& value) {
    return value ? SqlText(domain::ToString(*value)) : SqlNull();
}

template <typename E, typename ParseFn>
std::optional<E> ReadOptEnum(const SqlRow& row, std::size_t col, ParseFn parse) {
    if (row.IsNull(col)) return std::nullopt;
    auto parsed = parse(row.Text(col), "");
    if (!parsed) return std::nullopt;
    return *parsed;
}

std::vector<SqlValue> LeadParams(const domain::Lead& lead) {
    auto opt_id = [](std::int64_t id) { return id != 0 ? SqlInt(id) : SqlNull(); };
    return {SqlInt(lead.id.value),
            SqlInt(lead.workspace_id.value),
            SqlText(lead.external_id),
            SqlText(lead.email),
            SqlText(lead.first_name),
            SqlText(lead.last_name),
            SqlText(lead.title),
            SqlText(lead.phone),
            opt_id(lead.company_id.value),
            SqlText(lead.channel),
            SqlText(lead.campaign),
            SqlText(lead.business_area),
            OptEnum(lead.rating),
            OptEnum(lead.horizon),
            SqlText(lead.expected_month),
            OptEnum(lead.potential),
            lead.probability ? SqlInt(*lead.probability) : SqlNull(),
            SqlText(lead.stage),
            opt_id(lead.owner_id.value),
            SqlInt(lead.do_not_email ? 1 : 0),
            SqlInt(lead.do_not_call ? 1 : 0),
            lead.deal_value ? SqlInt(lead.deal_value->minor) : SqlNull(),
            SqlInt(lead.score.total),
            SqlInt(lead.score.fit),
            SqlInt(lead.score.engagement),
            SqlText(lead.score.grade),
            SqlText(BreakdownJson(lead.score.breakdown)),
            SqlInt(ToEpochMillis(lead.created_at)),
            SqlInt(ToEpochMillis(lead.updated_at))};
}

domain::Lead ReadLead(const SqlRow& row) {
    domain::Lead lead;
    lead.id = LeadId(row.Int(0));
    lead.workspace_id = WorkspaceId(row.Int(1));
    lead.external_id = row.Text(2);
    lead.email = row.Text(3);
    lead.first_name = row.Text(4);
    lead.last_name = row.Text(5);
    lead.title = row.Text(6);
    lead.phone = row.Text(7);
    lead.company_id = CompanyId(row.Int(8));
    lead.channel = row.Text(9);
    lead.campaign = row.Text(10);
    lead.business_area = row.Text(11);
    lead.rating = ReadOptEnum<domain::Rating>(row, 12, domain::ParseRating);
    lead.horizon = ReadOptEnum<domain::Horizon>(row, 13, domain::ParseHorizon);
    lead.expected_month = row.Text(14);
    lead.potential = ReadOptEnum<domain::Potential>(row, 15, domain::ParsePotential);
    if (auto probability = row.OptInt(16)) lead.probability = static_cast<int>(*probability);
    lead.stage = row.Text(17);
    lead.owner_id = UserId(row.Int(18));
    lead.do_not_email = row.Int(19) != 0;
    lead.do_not_call = row.Int(20) != 0;
    if (auto deal_value = row.OptInt(21)) lead.deal_value = domain::Money{*deal_value};
    lead.score = {.total = row.Int32(22),
                  .fit = row.Int32(23),
                  .engagement = row.Int32(24),
                  .grade = row.Text(25),
                  .breakdown = ParseBreakdown(row.Text(26))};
    lead.created_at = FromEpochMillis(row.Int(27));
    lead.updated_at = FromEpochMillis(row.Int(28));
    lead.touches.first_channel = row.Text(29);
    lead.touches.first_campaign = row.Text(30);
    if (auto at = row.OptInt(31)) lead.touches.first_at = FromEpochMillis(*at);
    lead.touches.latest_channel = row.Text(32);
    lead.touches.latest_campaign = row.Text(33);
    if (auto at = row.OptInt(34)) lead.touches.latest_at = FromEpochMillis(*at);
    if (!row.IsNull(35)) {
        lead.predicted = domain::LeadPrediction{.probability = row.Real(35),
                                                .model_version = row.Int32(36),
                                                .top = ParsePredictedTop(row.Text(37))};
    }
    return lead;
}

}  // namespace

std::string_view LeadColumns() {
    // The touch and prediction columns come last and are read-only: RecordLeadTouch and
    // SaveLeadPrediction alone write them.
    static const std::string columns =
        JoinLeadFields() +
        ", first_touch_channel, first_touch_campaign, first_touch_at, latest_touch_channel, "
        "latest_touch_campaign, latest_touch_at, predicted_conversion, predicted_model_version, "
        "predicted_top";
    return columns;
}

std::string_view LeadColumnsWithoutBreakdown() {
    static const std::string columns = [] {
        std::string all(LeadColumns());
        const std::string_view breakdown = ", score_breakdown,";
        all.replace(all.find(breakdown), breakdown.size(), ", '' AS score_breakdown,");
        return all;
    }();
    return columns;
}

Result<std::vector<domain::Lead>> SqlTransaction::SelectLeads(std::string_view sql,
                                                              std::span<const SqlValue> params) {
    LB_ASSIGN_OR_RETURN(const SqlResult result, conn_.Query(sql, params));
    std::vector<domain::Lead> leads = ReadAll<domain::Lead>(result, ReadLead);
    if (!leads.empty()) LB_TRY(LoadCustomFields(leads.front().workspace_id, leads));
    return leads;
}

// One query for the whole page, never one per lead.
Status SqlTransaction::LoadCustomFields(WorkspaceId ws, std::vector<domain::Lead>& leads) {
    std::unordered_map<std::int64_t, domain::Lead*> by_id;
    std::vector<SqlValue> params = {SqlInt(ws.value)};
    for (domain::Lead& lead : leads) {
        by_id.emplace(lead.id.value, &lead);
        params.push_back(SqlInt(lead.id.value));
    }
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query("SELECT lead_id, key, value FROM lead_custom_fields WHERE "
                                    "workspace_id = $1 AND lead_id IN (" +
                                        Placeholders(2, leads.size()) + ")",
                                    params));
    for (const auto& cells : result.rows) {
        const SqlRow row(cells);
        if (auto found = by_id.find(row.Int(0)); found != by_id.end())
            found->second->custom_fields.emplace(row.Text(1), row.Text(2));
    }
    return Ok();
}

Status SqlTransaction::WriteCustomFields(const domain::Lead& lead) {
    LB_TRY(conn_.Query("DELETE FROM lead_custom_fields WHERE workspace_id = $1 AND lead_id = $2",
                       {SqlInt(lead.workspace_id.value), SqlInt(lead.id.value)}));
    for (const auto& [key, value] : lead.custom_fields) {
        LB_TRY(
            conn_.Query("INSERT INTO lead_custom_fields (workspace_id, lead_id, key, value) "
                        "VALUES ($1, $2, $3, $4)",
                        {SqlInt(lead.workspace_id.value),
                         SqlInt(lead.id.value),
                         SqlText(key),
                         SqlText(value)}));
    }
    return Ok();
}

Result<domain::Lead> SqlTransaction::CreateLead(domain::Lead lead) {
    static const std::string kInsert = InsertLeadSql();
    LB_TRY(Guarded("a lead", [&]() -> Status {
        std::vector<SqlValue> params = LeadParams(lead);
        params.erase(params.begin());
        LB_ASSIGN_OR_RETURN(const std::int64_t id, InsertReturningId(kInsert, params));
        lead.id = LeadId(id);
        return WriteCustomFields(lead);
    }));
    return lead;
}

Result<domain::Lead> SqlTransaction::GetLeadWith(std::string_view columns,
                                                 WorkspaceId ws,
                                                 LeadId id) {
    LB_ASSIGN_OR_RETURN(
        std::vector<domain::Lead> leads,
        SelectLeads(Select(columns, "FROM leads WHERE workspace_id = $1 AND id = $2") +
                        std::string(RowLock()),
                    std::vector<SqlValue>{SqlInt(ws.value), SqlInt(id.value)}));
    if (leads.empty()) return Fail(NotFound("lead " + std::to_string(id.value) + " not found"));
    return std::move(leads.front());
}

Result<domain::Lead> SqlTransaction::GetLead(WorkspaceId ws, LeadId id) {
    return GetLeadWith(LeadColumns(), ws, id);
}

Result<domain::Lead> SqlTransaction::GetLeadWithoutBreakdown(WorkspaceId ws, LeadId id) {
    return GetLeadWith(LeadColumnsWithoutBreakdown(), ws, id);
}

Result<std::optional<domain::Lead>> SqlTransaction::FindLeadBy(WorkspaceId ws,
                                                               std::string_view column,
                                                               std::string_view value) {
    if (value.empty()) return std::optional<domain::Lead>();
    LB_ASSIGN_OR_RETURN(std::vector<domain::Lead> leads,
                        SelectLeads(Select(LeadColumns(), "FROM leads " + LeadLookupWhere(column)) +
                                        std::string(RowLock()),
                                    std::vector<SqlValue>{SqlInt(ws.value), SqlText(value)}));
    if (leads.empty()) return std::optional<domain::Lead>();
    return std::optional<domain::Lead>(std::move(leads.front()));
}

Result<std::optional<domain::Lead>> SqlTransaction::FindLeadByExternalId(
    WorkspaceId ws, std::string_view external_id) {
    return FindLeadBy(ws, "external_id", external_id);
}

Result<std::optional<domain::Lead>> SqlTransaction::FindLeadByEmail(WorkspaceId ws,
                                                                    std::string_view email) {
    return FindLeadBy(ws, "email", email);
}

Status SqlTransaction::UpdateLead(const domain::Lead& lead) {
    static const std::string kUpdate = UpdateLeadSql();
    return Guarded("a lead", [&]() -> Status {
        std::vector<SqlValue> params = LeadParams(lead);
        params.erase(params.end() - 2);  // created_at never changes
        LB_ASSIGN_OR_RETURN(const SqlResult result, conn_.Query(kUpdate, params));
        LB_TRY(ExpectFound(result.affected_rows, "lead", lead.id.value));
        return WriteCustomFields(lead);
    });
}

Result<std::int64_t> SqlTransaction::CountLeads(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("SELECT count(*) FROM leads WHERE workspace_id = $1", {SqlInt(ws.value)}));
    return result.Row(0).Int(0);
}

Status SqlTransaction::AppendLeadHistory(const domain::LeadHistoryEntry& entry) {
    return Discard(conn_.Query(
        "INSERT INTO lead_history (workspace_id, lead_id, kind, from_value, to_value, reason, "
        "actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {SqlInt(entry.workspace_id.value),
         SqlInt(entry.lead_id.value),
         SqlText(entry.kind),
         SqlText(entry.from_value),
         SqlText(entry.to_value),
         SqlText(entry.reason),
         SqlText(entry.actor),
         SqlInt(ToEpochMillis(entry.at))}));
}

Result<std::vector<domain::LeadHistoryEntry>> SqlTransaction::ListLeadHistory(WorkspaceId ws,
                                                                              LeadId lead) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("SELECT id, workspace_id, lead_id, kind, from_value, to_value, reason, actor, "
                    "at FROM lead_history WHERE workspace_id = $1 AND lead_id = $2 "
                    "ORDER BY at, id",
                    {SqlInt(ws.value), SqlInt(lead.value)}));
    return ReadAll<domain::LeadHistoryEntry>(result, [](const SqlRow& row) {
        return domain::LeadHistoryEntry{.id = row.Int(0),
                                        .workspace_id = WorkspaceId(row.Int(1)),
                                        .lead_id = LeadId(row.Int(2)),
                                        .kind = row.Text(3),
                                        .from_value = row.Text(4),
                                        .to_value = row.Text(5),
                                        .reason = row.Text(6),
                                        .actor = row.Text(7),
                                        .at = FromEpochMillis(row.Int(8))};
    });
}

Result<std::vector<StageArrival>> SqlTransaction::ListStageArrivals(
    WorkspaceId ws, std::span<const std::string> stages) {
    if (stages.empty()) return std::vector<StageArrival>{};
    std::vector<SqlValue> params = {SqlInt(ws.value)};
    for (const std::string& stage : stages) params.push_back(SqlText(stage));
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(
            "SELECT lead_id, to_value, MIN(at), MAX(at) FROM lead_history WHERE workspace_id = $1 "
            "AND kind = 'stage' AND to_value IN (" +
                Placeholders(2, stages.size()) +
                ") GROUP BY lead_id, to_value ORDER BY lead_id, to_value",
            params));
    return ReadAll<StageArrival>(result, [](const SqlRow& row) {
        return StageArrival{.lead = LeadId(row.Int(0)),
                            .stage = row.Text(1),
                            .first_at = FromEpochMillis(row.Int(2)),
                            .last_at = FromEpochMillis(row.Int(3))};
    });
}

}  // namespace lb::storage::detail
