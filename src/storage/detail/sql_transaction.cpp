#include "storage/detail/sql_transaction.hpp"

#include <array>

namespace lb::storage::detail {

std::string UniqueViolationField(std::string_view detail) {
    // Longest names first: "tracking_key" must not be reported as "key".
    static constexpr std::array<std::string_view, 7> kFields = {
        "external_id", "tracking_key", "secret_hash", "token_hash", "domain", "email", "key"};
    for (std::string_view field : kFields)
        if (detail.find(field) != std::string_view::npos) return std::string(field);
    return {};
}

Status SqlTransaction::Guarded(std::string_view what, const std::function<Status()>& body) {
    LB_TRY(conn_.ExecScript("SAVEPOINT lb_guard"));
    Status result = body();
    if (result) return conn_.ExecScript("RELEASE SAVEPOINT lb_guard");
    LB_TRY(conn_.ExecScript("ROLLBACK TO SAVEPOINT lb_guard"));
    LB_TRY(conn_.ExecScript("RELEASE SAVEPOINT lb_guard"));
    Error error = std::move(result).error();
    if (error.code != ErrorCode::kAlreadyExists) return Fail(std::move(error));
    std::string field = UniqueViolationField(error.field);
    std::string message =
        std::string(what) + " with this " + (field.empty() ? "key" : field) + " already exists";
    return Fail(AlreadyExists(std::move(message), std::move(field)));
}

Result<std::int64_t> SqlTransaction::InsertReturningId(std::string_view sql,
                                                       std::span<const SqlValue> params) {
    LB_ASSIGN_OR_RETURN(const SqlResult result, conn_.Query(sql, params));
    if (result.Empty()) return Fail(Internal("insert returned no id"));
    return result.Row(0).Int(0);
}

Status SqlTransaction::ExpectFound(std::int64_t rows_changed,
                                   std::string_view what,
                                   std::int64_t id) {
    if (rows_changed > 0) return Ok();
    return Fail(NotFound(std::string(what) + " " + std::to_string(id) + " not found"));
}

std::string_view SqlTransaction::RowLock() const {
    return is_write_ ? dialect_.row_lock : std::string_view();
}

}  // namespace lb::storage::detail
