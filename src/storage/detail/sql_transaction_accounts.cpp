// Workspaces, users, UI sessions and API keys.
#include <string>

#include "storage/detail/lookup_sql.hpp"
#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

constexpr std::string_view kWorkspaceColumns =
    "id, name, currency, timezone, tracking_key, mql_threshold, sql_deadline_days, created_at";
constexpr std::string_view kUserColumns =
    "id, workspace_id, email, name, role, password_hash, created_at";
constexpr std::string_view kApiKeyColumns =
    "id, workspace_id, name, role, user_id, prefix, secret_hash, created_at, revoked_at";

domain::Role StoredRole(const std::string& text) {
    return domain::ParseRole(text).value_or(domain::Role::kTracking);
}

domain::Workspace ReadWorkspace(const SqlRow& row) {
    return {.id = WorkspaceId(row.Int(0)),
            .name = row.Text(1),
            .currency = row.Text(2),
            .timezone = row.Text(3),
            .tracking_key = row.Text(4),
            .mql_threshold = row.Int32(5),
            .sql_deadline_days = row.Int32(6),
            .created_at = FromEpochMillis(row.Int(7))};
}

domain::User ReadUser(const SqlRow& row) {
    return {.id = UserId(row.Int(0)),
            .workspace_id = WorkspaceId(row.Int(1)),
            .email = row.Text(2),
            .name = row.Text(3),
            .role = StoredRole(row.Text(4)),
            .password_hash = row.Text(5),
            .created_at = FromEpochMillis(row.Int(6))};
}

domain::ApiKey ReadApiKey(const SqlRow& row) {
    domain::ApiKey key{.id = ApiKeyId(row.Int(0)),
                       .workspace_id = WorkspaceId(row.Int(1)),
                       .name = row.Text(2),
                       .role = StoredRole(row.Text(3)),
                       .user_id = UserId(row.Int(4)),
                       .prefix = row.Text(5),
                       .secret_hash = row.Text(6),
                       .created_at = FromEpochMillis(row.Int(7)),
                       .revoked_at = std::nullopt};
    if (auto revoked = row.OptInt(8)) key.revoked_at = FromEpochMillis(*revoked);
    return key;
}

Session ReadSession(const SqlRow& row) {
    return {.token_hash = row.Text(0),
            .workspace_id = WorkspaceId(row.Int(1)),
            .user_id = UserId(row.Int(2)),
            .created_at = FromEpochMillis(row.Int(3)),
            .expires_at = FromEpochMillis(row.Int(4))};
}

}  // namespace

Result<domain::Workspace> SqlTransaction::CreateWorkspace(domain::Workspace workspace) {
    LB_TRY(Guarded("a workspace", [&]() -> Status {
        const SqlValue params[] = {SqlText(workspace.name),
                                   SqlText(workspace.currency),
                                   SqlText(workspace.timezone),
                                   SqlText(workspace.tracking_key),
                                   SqlInt(workspace.mql_threshold),
                                   SqlInt(workspace.sql_deadline_days),
                                   SqlInt(ToEpochMillis(workspace.created_at))};
        LB_ASSIGN_OR_RETURN(const std::int64_t id,
                            InsertReturningId("INSERT INTO workspaces (name, currency, timezone, "
                                              "tracking_key, mql_threshold, sql_deadline_days, "
                                              "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                                              "RETURNING id",
                                              params));
        workspace.id = WorkspaceId(id);
        return Ok();
    }));
    return workspace;
}

Result<domain::Workspace> SqlTransaction::GetWorkspace(WorkspaceId id) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query(Select(kWorkspaceColumns, "FROM workspaces WHERE id = $1") +
                                        std::string(RowLock()),
                                    {SqlInt(id.value)}));
    if (result.Empty())
        return Fail(NotFound("workspace " + std::to_string(id.value) + " not found"));
    return ReadWorkspace(result.Row(0));
}

Result<std::optional<domain::Workspace>> SqlTransaction::FindWorkspaceByTrackingKey(
    std::string_view tracking_key) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(Select(kWorkspaceColumns,
                           "FROM workspaces " + std::string(kWorkspaceByTrackingKeyWhere)),
                    {SqlText(tracking_key)}));
    return ReadFirst<domain::Workspace>(result, ReadWorkspace);
}

Result<std::vector<domain::Workspace>> SqlTransaction::ListWorkspaces() {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query(Select(kWorkspaceColumns, "FROM workspaces ORDER BY id"), {}));
    return ReadAll<domain::Workspace>(result, ReadWorkspace);
}

Status SqlTransaction::UpdateWorkspace(const domain::Workspace& workspace) {
    return Guarded("a workspace", [&]() -> Status {
        LB_ASSIGN_OR_RETURN(
            const SqlResult result,
            conn_.Query("UPDATE workspaces SET name = $2, currency = $3, timezone = $4, "
                        "tracking_key = $5, mql_threshold = $6, sql_deadline_days = $7 "
                        "WHERE id = $1",
                        {SqlInt(workspace.id.value),
                         SqlText(workspace.name),
                         SqlText(workspace.currency),
                         SqlText(workspace.timezone),
                         SqlText(workspace.tracking_key),
                         SqlInt(workspace.mql_threshold),
                         SqlInt(workspace.sql_deadline_days)}));
        return ExpectFound(result.affected_rows, "workspace", workspace.id.value);
    });
}

Result<domain::User> SqlTransaction::CreateUser(domain::User user) {
    LB_TRY(Guarded("a user", [&]() -> Status {
        const SqlValue params[] = {SqlInt(user.workspace_id.value),
                                   SqlText(user.email),
                                   SqlText(user.name),
                                   SqlText(domain::ToString(user.role)),
                                   SqlText(user.password_hash),
                                   SqlInt(ToEpochMillis(user.created_at))};
        LB_ASSIGN_OR_RETURN(const std::int64_t id,
                            InsertReturningId("INSERT INTO users (workspace_id, email, name, role, "
                                              "password_hash, created_at) VALUES ($1, $2, $3, $4, "
                                              "$5, $6) RETURNING id",
                                              params));
        user.id = UserId(id);
        return Ok();
    }));
    return user;
}

Result<domain::User> SqlTransaction::GetUser(WorkspaceId ws, UserId id) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(Select(kUserColumns, "FROM users WHERE workspace_id = $1 AND id = $2"),
                    {SqlInt(ws.value), SqlInt(id.value)}));
    if (result.Empty()) return Fail(NotFound("user " + std::to_string(id.value) + " not found"));
    return ReadUser(result.Row(0));
}

Result<std::optional<domain::User>> SqlTransaction::FindUserByEmail(WorkspaceId ws,
                                                                    std::string_view email) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(Select(kUserColumns, "FROM users WHERE workspace_id = $1 AND email = $2"),
                    {SqlInt(ws.value), SqlText(email)}));
    return ReadFirst<domain::User>(result, ReadUser);
}

Result<std::vector<domain::User>> SqlTransaction::ListUsers(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(Select(kUserColumns, "FROM users WHERE workspace_id = $1 ORDER BY id"),
                    {SqlInt(ws.value)}));
    return ReadAll<domain::User>(result, ReadUser);
}

Status SqlTransaction::CreateSession(const Session& session) {
    return Guarded("a session", [&]() -> Status {
        return Discard(conn_.Query(
            "INSERT INTO sessions (token_hash, workspace_id, user_id, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            {SqlText(session.token_hash),
             SqlInt(session.workspace_id.value),
             SqlInt(session.user_id.value),
             SqlInt(ToEpochMillis(session.created_at)),
             SqlInt(ToEpochMillis(session.expires_at))}));
    });
}

Result<std::optional<Session>> SqlTransaction::FindSession(std::string_view token_hash) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query("SELECT token_hash, workspace_id, user_id, created_at, "
                                    "expires_at FROM sessions WHERE token_hash = $1",
                                    {SqlText(token_hash)}));
    return ReadFirst<Session>(result, ReadSession);
}

Status SqlTransaction::DeleteSession(std::string_view token_hash) {
    return Discard(
        conn_.Query("DELETE FROM sessions WHERE token_hash = $1", {SqlText(token_hash)}));
}

Result<domain::ApiKey> SqlTransaction::CreateApiKey(domain::ApiKey key) {
    LB_TRY(Guarded("an API key", [&]() -> Status {
        const SqlValue params[] = {
            SqlInt(key.workspace_id.value),
            SqlText(key.name),
            SqlText(domain::ToString(key.role)),
            key.user_id.IsSet() ? SqlInt(key.user_id.value) : SqlNull(),
            SqlText(key.prefix),
            SqlText(key.secret_hash),
            SqlInt(ToEpochMillis(key.created_at)),
            key.revoked_at ? SqlInt(ToEpochMillis(*key.revoked_at)) : SqlNull()};
        LB_ASSIGN_OR_RETURN(const std::int64_t id,
                            InsertReturningId("INSERT INTO api_keys (workspace_id, name, role, "
                                              "user_id, prefix, secret_hash, created_at, "
                                              "revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                                              "$8) RETURNING id",
                                              params));
        key.id = ApiKeyId(id);
        return Ok();
    }));
    return key;
}

Result<std::optional<domain::ApiKey>> SqlTransaction::FindApiKeyByHash(
    std::string_view secret_hash) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn_.Query(Select(kApiKeyColumns, "FROM api_keys WHERE secret_hash = $1"),
                                    {SqlText(secret_hash)}));
    return ReadFirst<domain::ApiKey>(result, ReadApiKey);
}

Result<std::vector<domain::ApiKey>> SqlTransaction::ListApiKeys(WorkspaceId ws) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query(Select(kApiKeyColumns, "FROM api_keys WHERE workspace_id = $1 ORDER BY id"),
                    {SqlInt(ws.value)}));
    return ReadAll<domain::ApiKey>(result, ReadApiKey);
}

Status SqlTransaction::RevokeApiKey(WorkspaceId ws, ApiKeyId id, Timestamp at) {
    LB_ASSIGN_OR_RETURN(
        const SqlResult result,
        conn_.Query("UPDATE api_keys SET revoked_at = $3 WHERE workspace_id = $1 "
                    "AND id = $2",
                    {SqlInt(ws.value), SqlInt(id.value), SqlInt(ToEpochMillis(at))}));
    return ExpectFound(result.affected_rows, "API key", id.value);
}

}  // namespace lb::storage::detail
