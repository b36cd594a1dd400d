// Companies, business areas and channels.
#include <string>

#include "common/text.hpp"
#include "storage/detail/lead_cursor.hpp"
#include "storage/detail/lookup_sql.hpp"
#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

constexpr std::string_view kCompanyColumns =
    "id, workspace_id, name, domain, industry, employees, annual_revenue, country, "
    "customer_status, created_at, updated_at";
constexpr std::string_view kAreaColumns = "id, workspace_id, key, name, average_deal_value";
constexpr std::string_view kChannelColumns = "id, workspace_id, key, name, kind";

domain::Company ReadCompany(const SqlRow& row) {
    domain::Company company{
        .id = CompanyId(row.Int(0)),
        .workspace_id = WorkspaceId(row.Int(1)),
        .name = row.Text(2),
        .domain = row.Text(3),
        .industry = row.Text(4),
        .employees = row.OptInt(5),
        .annual_revenue = std::nullopt,
        .country = row.Text(7),
        .customer_status =
            domain::ParseCustomerStatus(row.Text(8)).value_or(domain::CustomerStatus::kProspect),
        .created_at = FromEpochMillis(row.Int(9)),
        .updated_at = FromEpochMillis(row.Int(10))};
    if (auto revenue = row.OptInt(6)) company.annual_revenue = domain::Money{*revenue};
    return company;
}

domain::BusinessArea ReadArea(const SqlRow& row) {
    return {.id = BusinessAreaId(row.Int(0)),
            .workspace_id = WorkspaceId(row.Int(1)),
            .key = row.Text(2),
            .name = row.Text(3),
            .average_deal_value = domain::Money{row.Int(4)}};
}

domain::Channel ReadChannel(const SqlRow& row) {
    return {.id = ChannelId(row.Int(0)),
            .workspace_id = WorkspaceId(row.Int(1)),
            .key = row.Text(2),
            .name = row.Text(3),
            .kind = domain::ParseChannelKind(row.Text(4)).value_or(domain::ChannelKind::kOnline)};
}

SqlValue OptMoney(const std::optional<domain::Money>& money) {
    return money ? SqlInt(money->minor) : SqlNull();
}

// The company columns after id and workspace_id, as bound to $3..$11 by insert and update.
std::vector<SqlValue> CompanyParams(const domain::Company& company) {
    return {SqlInt(company.id.value),
            SqlInt(company.workspace_id.value),
            SqlText(company.name),
            SqlText(company.domain),
            SqlText(company.industry),
            SqlOptInt(company.employees),
            OptMoney(company.annual_revenue),
            SqlText(company.country),
            SqlText(domain::ToString(company.customer_status)),
            SqlInt(ToEpochMillis(company.created_at)),
            SqlInt(ToEpochMillis(company.updated_at))};
}

}  // namespace

Result<domain::Company> SqlTransaction::CreateCompany(domain::Company company) {
    LB_TRY(Guarded("a company", [&]() -> Status {
        std::vector<SqlValue> params = CompanyParams(company);
        params.erase(params.begin());  // the id is assigned
        LB_ASSIGN_OR_RETURN(
            const std::int64_t id,
            InsertReturningId("INSERT INTO companies (workspace_id, name, domain, industry, "
                              "employees, annual_revenue, country, customer_status, created_at, "
                              "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                              "RETURNING id",
                              params));
        company.id = CompanyId(id);
        return Ok();
    }));
    return company;
}

Result<domain::Company> SqlTransaction::GetCompany(WorkspaceId ws, CompanyId id) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(Select(kCompanyColumns, "FROM companies WHERE workspace_id = $1 AND id = $2") +
                        std::string(RowLock()),
                    {SqlInt(ws.value), SqlInt(id.value)}));
    if (result.Empty()) return Fail(NotFound("company " + std::to_string(id.value) + " not found"));
    return ReadCompany(result.Row(0));
}

Result<std::vector<domain::Company>> SqlTransaction::GetCompanies(WorkspaceId ws,
                                                                  std::span<const CompanyId> ids) {
    std::vector<domain::Company> companies;
    std::vector<SqlValue> params = {SqlInt(ws.value)};
    std::string sql = Select(kCompanyColumns, "FROM companies WHERE workspace_id = $1 AND id IN (");
    // Chunked so that a large span stays under every backend's parameter limit.
    constexpr std::size_t kChunk = 500;
    for (std::size_t start = 0; start < ids.size(); start += kChunk) {
        const auto chunk = ids.subspan(start, std::min(kChunk, ids.size() - start));
        params.resize(1);
        for (CompanyId id : chunk) params.push_back(SqlInt(id.value));
        LB_ASSIGN_OR_RETURN(const SqlResult result,
                            conn_.Query(sql + Placeholders(2, chunk.size()) + ")", params));
        for (const auto& cells : result.rows) companies.push_back(ReadCompany(SqlRow(cells)));
    }
    return companies;
}

Result<std::optional<domain::Company>> SqlTransaction::FindCompanyByDomain(
    WorkspaceId ws, std::string_view domain) {
    if (domain.empty()) return std::optional<domain::Company>();
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(Select(kCompanyColumns, "FROM companies " + std::string(kCompanyByDomainWhere)),
                    {SqlInt(ws.value), SqlText(domain)}));
    return ReadFirst<domain::Company>(result, ReadCompany);
}

Status SqlTransaction::UpdateCompany(const domain::Company& company) {
    return Guarded("a company", [&]() -> Status {
        std::vector<SqlValue> params = CompanyParams(company);
        params.pop_back();
        params.back() = SqlInt(ToEpochMillis(company.updated_at));  // created_at never changes
        LB_ASSIGN_OR_RETURN(
            const SqlResult result,
            conn_.Query("UPDATE companies SET name = $3, domain = $4, industry = $5, "
                        "employees = $6, annual_revenue = $7, country = $8, "
                        "customer_status = $9, updated_at = $10 "
                        "WHERE id = $1 AND workspace_id = $2",
                        params));
        return ExpectFound(result.affected_rows, "company", company.id.value);
    });
}

Result<Page<domain::Company>> SqlTransaction::ListCompanies(WorkspaceId ws,
                                                            const CompanyFilter& filter) {
    LB_TRY(ValidateLimit(filter.limit));
    std::vector<SqlValue> params = {SqlInt(ws.value)};
    std::string sql = Select(kCompanyColumns, "FROM companies WHERE workspace_id = $1");
    if (!filter.query.empty()) {
        params.push_back(SqlText(LikePattern(ToLower(filter.query))));
        sql +=
            " AND (lower(name) LIKE $2 ESCAPE '\\' OR lower(domain) LIKE $2 "
            "ESCAPE '\\')";
    }
    if (!filter.cursor.empty()) {
        LB_ASSIGN_OR_RETURN(const CursorKey key, DecodeCursor(filter.cursor, kCompanyCursorTag));
        sql += " AND (name, id) > (" + Placeholders(params.size() + 1, 2) + ")";
        params.push_back(SqlText(key.text));
        params.push_back(SqlInt(key.id));
    }
    sql += " ORDER BY name, id LIMIT " + Placeholders(params.size() + 1, 1);
    params.push_back(SqlInt(filter.limit + 1));
    LB_ASSIGN_OR_RETURN(const SqlResult result, conn_.Query(sql, params));
    Page<domain::Company> page{.items = ReadAll<domain::Company>(result, ReadCompany),
                               .next_cursor = {}};
    if (page.items.size() > static_cast<std::size_t>(filter.limit)) {
        page.items.pop_back();
        const domain::Company& last = page.items.back();
        page.next_cursor = EncodeCursor(
            kCompanyCursorTag,
            CursorKey{.number = 0, .text = last.name, .text2 = {}, .id = last.id.value});
    }
    return page;
}

Result<domain::BusinessArea> SqlTransaction::CreateBusinessArea(domain::BusinessArea area) {
    LB_TRY(Guarded("a business area", [&]() -> Status {
        const SqlValue params[] = {SqlInt(area.workspace_id.value),
                                   SqlText(area.key),
                                   SqlText(area.name),
                                   SqlInt(area.average_deal_value.minor)};
        LB_ASSIGN_OR_RETURN(const std::int64_t id,
                            InsertReturningId("INSERT INTO business_areas (workspace_id, key, "
                                              "name, average_deal_value) VALUES ($1, $2, $3, $4) "
                                              "RETURNING id",
                                              params));
        area.id = BusinessAreaId(id);
        return Ok();
    }));
    return area;
}

Result<std::vector<domain::BusinessArea>> SqlTransaction::ListBusinessAreas(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(
            Select(kAreaColumns, "FROM business_areas WHERE workspace_id = $1 ORDER BY name, id"),
            {SqlInt(ws.value)}));
    return ReadAll<domain::BusinessArea>(result, ReadArea);
}

Result<std::optional<domain::BusinessArea>> SqlTransaction::FindBusinessArea(WorkspaceId ws,
                                                                             std::string_view key) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(
            Select(kAreaColumns, "FROM business_areas WHERE workspace_id = $1 AND key = $2"),
            {SqlInt(ws.value), SqlText(key)}));
    return ReadFirst<domain::BusinessArea>(result, ReadArea);
}

Status SqlTransaction::UpdateBusinessArea(const domain::BusinessArea& area) {
    return Guarded("a business area", [&]() -> Status {
        LB_ASSIGN_OR_RETURN(
            const SqlResult result,
            conn_.Query("UPDATE business_areas SET key = $3, name = $4, "
                        "average_deal_value = $5 WHERE workspace_id = $1 AND id = $2",
                        {SqlInt(area.workspace_id.value),
                         SqlInt(area.id.value),
                         SqlText(area.key),
                         SqlText(area.name),
                         SqlInt(area.average_deal_value.minor)}));
        return ExpectFound(result.affected_rows, "business area", area.id.value);
    });
}

Result<domain::Channel> SqlTransaction::CreateChannel(domain::Channel channel) {
    LB_TRY(Guarded("a channel", [&]() -> Status {
        const SqlValue params[] = {SqlInt(channel.workspace_id.value),
                                   SqlText(channel.key),
                                   SqlText(channel.name),
                                   SqlText(domain::ToString(channel.kind))};
        LB_ASSIGN_OR_RETURN(const std::int64_t id,
                            InsertReturningId("INSERT INTO channels (workspace_id, key, name, "
                                              "kind) VALUES ($1, $2, $3, $4) RETURNING id",
                                              params));
        channel.id = ChannelId(id);
        return Ok();
    }));
    return channel;
}

Result<std::vector<domain::Channel>> SqlTransaction::ListChannels(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(
            Select(kChannelColumns, "FROM channels WHERE workspace_id = $1 ORDER BY name, id"),
            {SqlInt(ws.value)}));
    return ReadAll<domain::Channel>(result, ReadChannel);
}

Result<std::optional<domain::Channel>> SqlTransaction::FindChannel(WorkspaceId ws,
                                                                   std::string_view key) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(Select(kChannelColumns, "FROM channels WHERE workspace_id = $1 AND key = $2"),
                    {SqlInt(ws.value), SqlText(key)}));
    return ReadFirst<domain::Channel>(result, ReadChannel);
}

Status SqlTransaction::UpdateChannel(const domain::Channel& channel) {
    return Guarded("a channel", [&]() -> Status {
        LB_ASSIGN_OR_RETURN(const SqlResult result,
                            conn_.Query("UPDATE channels SET key = $3, name = $4, kind = $5 "
                                        "WHERE workspace_id = $1 AND id = $2",
                                        {SqlInt(channel.workspace_id.value),
                                         SqlInt(channel.id.value),
                                         SqlText(channel.key),
                                         SqlText(channel.name),
                                         SqlText(domain::ToString(channel.kind))}));
        return ExpectFound(result.affected_rows, "channel", channel.id.value);
    });
}

}  // namespace lb::storage::detail
