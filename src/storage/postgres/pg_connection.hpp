// The PostgreSQL driver: one libpq connection behind the SqlConnection seam. Private to
// storage/postgres.
#pragma once

#include <memory>
#include <string>

#include "storage/detail/sql_connection.hpp"

struct pg_conn;
struct pg_result;

namespace lb::storage::detail {

// One libpq connection. Not thread-safe; owns the handle.
class PgConnection final : public SqlConnection {
public:
    // Connects to `url` (libpq URI or key=value string).
    // Errors: kUnavailable when the server cannot be reached or refuses the login.
    [[nodiscard]] static Result<std::unique_ptr<PgConnection>> Open(const std::string& url);
    ~PgConnection() override;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    using SqlConnection::Query;
    [[nodiscard]] Status ExecScript(std::string_view sql) override;
    // Parameters are sent as text with explicit types (int8, float8, text) so the server never
    // has to guess ("could not determine data type"); NULL lets the server infer.
    [[nodiscard]] Result<SqlResult> Query(std::string_view sql,
                                          std::span<const SqlValue> params) override;
    [[nodiscard]] bool IsHealthy() override;

    explicit PgConnection(pg_conn* conn) : conn_(conn) {}

private:
    [[nodiscard]] Error ResultError(const pg_result* result) const;

    pg_conn* conn_;
};

}  // namespace lb::storage::detail
