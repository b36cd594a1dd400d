// The private seam between the one SQL repository (SqlTransaction) and the two drivers (sqlite,
// postgres): a connection that runs parameterised statements and hands back materialised rows.
// See docs/adr/0001-one-sql-repository-two-drivers.md.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace lb::storage::detail {

// A bound parameter or a read cell: NULL, 64-bit integer, double or text.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

[[nodiscard]] inline SqlValue SqlNull() {
    return SqlValue{};
}
[[nodiscard]] inline SqlValue SqlInt(std::int64_t value) {
    return SqlValue{value};
}
[[nodiscard]] inline SqlValue SqlReal(double value) {
    return SqlValue{value};
}
[[nodiscard]] inline SqlValue SqlText(std::string_view value) {
    return SqlValue{std::string(value)};
}
[[nodiscard]] inline SqlValue SqlOptInt(std::optional<std::int64_t> value) {
    return value ? SqlInt(*value) : SqlNull();
}

// A read-only view of one result row; columns are read by index. Lenient on purpose: NULL reads
// as 0 / "" unless the caller asks with IsNull/OptInt.
class SqlRow final {
public:
    explicit SqlRow(const std::vector<SqlValue>& cells) : cells_(cells) {}
    [[nodiscard]] bool IsNull(std::size_t col) const;
    [[nodiscard]] std::int64_t Int(std::size_t col) const;
    [[nodiscard]] int Int32(std::size_t col) const;
    [[nodiscard]] double Real(std::size_t col) const;
    [[nodiscard]] std::string Text(std::size_t col) const;
    [[nodiscard]] std::optional<std::int64_t> OptInt(std::size_t col) const;

private:
    const std::vector<SqlValue>& cells_;
};

// The outcome of one statement: its rows (if any) and how many rows it changed.
struct SqlResult {
    std::vector<std::vector<SqlValue>> rows;
    std::int64_t affected_rows = 0;

    [[nodiscard]] bool Empty() const { return rows.empty(); }
    [[nodiscard]] SqlRow Row(std::size_t index) const { return SqlRow(rows[index]); }
};

// What differs between the backends beyond the driver itself.
struct SqlDialect {
    std::string_view backend;         // "sqlite" or "postgres"
    std::string_view begin_read;      // starts a read-only snapshot transaction
    std::string_view begin_write;     // starts a write transaction
    std::string_view migration_lock;  // statement serialising migrations; empty: begin_write does
    std::string_view row_lock;        // appended to SELECTs of rows a Write may change next
    bool serialize_writes = false;    // true: one writer at a time in this process (SQLite)
};

// One database connection. Not thread-safe; used by one transaction at a time.
// Errors: kAlreadyExists for a unique violation (`field` holds the backend's detail: the index name
// or the column list), kInvalidArgument for a foreign-key violation, kUnavailable when the database
// cannot be reached or is busy, kInternal otherwise.
class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    SqlConnection() = default;
    SqlConnection(const SqlConnection&) = delete;
    SqlConnection& operator=(const SqlConnection&) = delete;

    // Runs a script of statements without parameters (migrations, BEGIN, COMMIT).
    [[nodiscard]] virtual Status ExecScript(std::string_view sql) = 0;
    // Runs one statement whose parameters are written $1, $2, ... and bound by position.
    [[nodiscard]] virtual Result<SqlResult> Query(std::string_view sql,
                                                  std::span<const SqlValue> params) = 0;
    // False when the connection is broken beyond repair; the pool then drops it.
    [[nodiscard]] virtual bool IsHealthy() = 0;

    [[nodiscard]] Result<SqlResult> Query(std::string_view sql,
                                          std::initializer_list<SqlValue> params) {
        return Query(sql, std::span<const SqlValue>(params.begin(), params.size()));
    }
};

}  // namespace lb::storage::detail
