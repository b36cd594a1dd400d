// Small helpers the repository files share to turn SqlResult rows into domain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/detail/sql_connection.hpp"

namespace lb::storage::detail {

// Every row of `result` mapped by `read` (a function of SqlRow).
template <typename T, typename ReadFn>
[[nodiscard]] std::vector<T> ReadAll(const SqlResult& result, ReadFn read) {
    std::vector<T> items;
    items.reserve(result.rows.size());
    for (const auto& cells : result.rows) items.push_back(read(SqlRow(cells)));
    return items;
}

// The first row of `result` mapped by `read`; nullopt when there is none.
template <typename T, typename ReadFn>
[[nodiscard]] std::optional<T> ReadFirst(const SqlResult& result, ReadFn read) {
    if (result.Empty()) return std::nullopt;
    return read(result.Row(0));
}

// "SELECT <columns> <rest>": both parts are constant SQL text, never values.
[[nodiscard]] inline std::string Select(std::string_view columns, std::string_view rest) {
    std::string sql = "SELECT ";
    sql += columns;
    sql += ' ';
    sql += rest;
    return sql;
}

// Status of a statement whose rows do not matter.
[[nodiscard]] inline Status Discard(const Result<SqlResult>& result) {
    if (!result) return Fail(result.error());
    return Ok();
}

}  // namespace lb::storage::detail
