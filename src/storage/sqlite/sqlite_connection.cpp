#include "storage/sqlite/sqlite_connection.hpp"

#include <thread>
#include <type_traits>

#include <sqlite3.h>

#include "storage/sqlite/gathering_vfs.hpp"

namespace lb::storage::detail {

namespace {

// The busy wait (SqliteBusyNap): short naps while a lock is usually held (the checkpoint thread
// holds the write lock for a few milliseconds), then 1 ms naps, about 10 s in all.
constexpr auto kBusyShortNap = std::chrono::microseconds(50);
constexpr int kBusyShortNaps = 200;  // 10 ms
constexpr auto kBusyLongNap = std::chrono::milliseconds(1);
constexpr int kBusyNaps = kBusyShortNaps + 9'990;
// Statements are cached per distinct SQL text; lists with variable-length IN (...) make new texts,
// so the cache is bounded and simply emptied when full.
constexpr std::size_t kMaxCachedStatements = 256;

// Shared SQL uses PostgreSQL's $N; SQLite reads "$1" as a *named* parameter numbered by first
// appearance, so it is rewritten to "?N", which binds by position. Quoted text is left alone.
std::string ToSqliteParameters(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (std::size_t pos = 0; pos < sql.size(); ++pos) {
        const char c = sql[pos];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$' && pos + 1 < sql.size() && sql[pos + 1] >= '0' && sql[pos + 1] <= '9') {
            out += '?';
            continue;
        }
        out += c;
    }
    return out;
}

int Bind(sqlite3_stmt* stmt, int index, const SqlValue& value) {
    return std::visit(
        [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                return sqlite3_bind_int64(stmt, index, v);
            } else if constexpr (std::is_same_v<T, double>) {
                return sqlite3_bind_double(stmt, index, v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return sqlite3_bind_text64(
                    stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
            } else {
                return sqlite3_bind_null(stmt, index);
            }
        },
        value);
}

SqlValue Column(sqlite3_stmt* stmt, int col) {
    switch (sqlite3_column_type(stmt, col)) {
        case SQLITE_INTEGER:
            return SqlInt(sqlite3_column_int64(stmt, col));
        case SQLITE_FLOAT:
            return SqlReal(sqlite3_column_double(stmt, col));
        case SQLITE_NULL:
            return SqlNull();
        default: {
            const auto* text = sqlite3_column_text(stmt, col);
            if (text == nullptr) return SqlValue{std::string()};
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, col));
            return SqlValue{std::string(reinterpret_cast<const char*>(text), size)};
        }
    }
}

// sqlite3_busy_handler's callback: nap, then retry (1), or give up (0: SQLITE_BUSY).
int BusyHandler(void* /*unused*/, int tries) {
    const auto nap = SqliteBusyNap(tries);
    if (!nap) return 0;
    std::this_thread::sleep_for(*nap);
    return 1;
}

// Resets a cached statement on every exit path so it holds no read lock between uses.
class ResetGuard final {
public:
    explicit ResetGuard(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ~ResetGuard() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    ResetGuard(const ResetGuard&) = delete;
    ResetGuard& operator=(const ResetGuard&) = delete;

private:
    sqlite3_stmt* stmt_;
};

}  // namespace

std::optional<std::chrono::microseconds> SqliteBusyNap(int tries) {
    if (tries < 0 || tries >= kBusyNaps) return std::nullopt;
    if (tries < kBusyShortNaps) return kBusyShortNap;
    return kBusyLongNap;
}

Error SqliteError(sqlite3* db, int rc, std::string_view context) {
    const std::string message =
        std::string(context) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    switch (rc) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            // The message lists the columns ("leads.workspace_id, leads.email"): the field hint.
            return AlreadyExists(message, message);
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return InvalidArgument(message + " (a referenced record does not exist)");
        case SQLITE_NOTADB:
            return InvalidArgument(message);
        default:
            break;
    }
    switch (rc & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_PROTOCOL:
            return Unavailable(message);
        default:
            return Internal(message);
    }
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::filesystem::path& path,
                                                                 SqliteMode mode) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_NOMUTEX |
                      (mode == SqliteMode::kReadOnly ? SQLITE_OPEN_READONLY
                                                     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    LB_ASSIGN_OR_RETURN(const char* vfs, GatheringVfsName());
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs);
    auto conn = std::make_unique<SqliteConnection>(db);  // closes db even when opening failed
    if (rc != SQLITE_OK) return Fail(SqliteError(db, rc, "cannot open " + path.string()));
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_handler(db, BusyHandler, nullptr);
    // FULL: a commit is on disk (WAL fsynced) before it returns, so an acknowledged write
    // survives power loss, which NORMAL does not promise in WAL mode.
    // cache_size: 64 MiB per connection (allocated as used) instead of SQLite's 2 MiB, so the
    // indexes of a few hundred thousand leads stay in memory (import of 100,000 leads: 3,285
    // rows/s with the default, see bench/README.md).
    const std::string_view pragmas = mode == SqliteMode::kReadOnly
                                         ? "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536"
                                         : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                                           "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536";
    LB_TRY(conn->ExecScript(pragmas));
    return conn;
}

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

Error SqliteConnection::LastError(int rc, std::string_view context) const {
    return SqliteError(db_, rc, context);
}

Status SqliteConnection::ExecScript(std::string_view sql) {
    const std::string script(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return Ok();
    std::string text = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    Error error = LastError(sqlite3_extended_errcode(db_), "sqlite");
    error.message = "sqlite: " + text;
    return Fail(std::move(error));
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql) {
    std::string key(sql);
    if (auto found = statements_.find(key); found != statements_.end()) return found->second;
    if (statements_.size() >= kMaxCachedStatements) {
        for (auto& [text, stmt] : statements_) sqlite3_finalize(stmt);
        statements_.clear();
    }
    const std::string translated = ToSqliteParameters(sql);
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_,
                                      translated.c_str(),
                                      static_cast<int>(translated.size()),
                                      SQLITE_PREPARE_PERSISTENT,
                                      &stmt,
                                      nullptr);
    if (rc != SQLITE_OK) return Fail(LastError(rc, "sqlite prepare"));
    statements_.emplace(std::move(key), stmt);
    return stmt;
}

Result<SqlResult> SqliteConnection::Query(std::string_view sql, std::span<const SqlValue> params) {
    LB_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    const ResetGuard reset(stmt);
    for (std::size_t index = 0; index < params.size(); ++index) {
        const int rc = Bind(stmt, static_cast<int>(index + 1), params[index]);
        if (rc != SQLITE_OK) return Fail(LastError(rc, "sqlite bind"));
    }
    SqlResult result;
    const int columns = sqlite3_column_count(stmt);
    while (true) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return Fail(LastError(sqlite3_extended_errcode(db_), "sqlite"));
        std::vector<SqlValue>& row = result.rows.emplace_back();
        row.reserve(static_cast<std::size_t>(columns));
        for (int col = 0; col < columns; ++col) row.push_back(Column(stmt, col));
    }
    if (sqlite3_stmt_readonly(stmt) == 0) result.affected_rows = sqlite3_changes64(db_);
    return result;
}

}  // namespace lb::storage::detail
