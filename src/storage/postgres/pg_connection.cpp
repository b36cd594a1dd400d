#include "storage/postgres/pg_connection.hpp"

#include <charconv>
#include <cstdio>
#include <type_traits>
#include <vector>

#include <libpq-fe.h>

namespace lb::storage::detail {

namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Owns a PGresult.
struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// The text form and type of one parameter; `text` stays empty and `is_null` set for NULL.
struct PgParam {
    std::string text;
    Oid type = 0;
    bool is_null = false;
};

PgParam ToParam(const SqlValue& value) {
    return std::visit(
        [](const auto& v) -> PgParam {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                return {std::to_string(v), kInt8Oid, false};
            } else if constexpr (std::is_same_v<T, double>) {
                char buffer[32];
                const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
                return {std::string(buffer, end), kFloat8Oid, false};
            } else if constexpr (std::is_same_v<T, std::string>) {
                return {v, kTextOid, false};
            } else {
                return {{}, 0, true};
            }
        },
        value);
}

SqlValue Cell(const PGresult* result, int row, int col) {
    if (PQgetisnull(result, row, col) != 0) return SqlNull();
    const char* text = PQgetvalue(result, row, col);
    const auto size = static_cast<std::size_t>(PQgetlength(result, row, col));
    switch (PQftype(result, col)) {
        case kBoolOid:
            return SqlInt(text[0] == 't' ? 1 : 0);
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid: {
            std::int64_t value = 0;
            std::from_chars(text, text + size, value);
            return SqlInt(value);
        }
        case kFloat4Oid:
        case kFloat8Oid:
        case kNumericOid: {
            double value = 0;
            std::from_chars(text, text + size, value);
            return SqlReal(value);
        }
        default:
            return SqlValue{std::string(text, size)};
    }
}

bool IsConnectionClass(std::string_view sqlstate) {
    return sqlstate.starts_with("08") || sqlstate.starts_with("57P") ||
           sqlstate.starts_with("53") || sqlstate == "40001" || sqlstate == "40P01";
}

void IgnoreNotice(void* /*arg*/, const char* /*message*/) {
}

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
    auto conn = std::make_unique<PgConnection>(PQconnectdb(url.c_str()));
    if (conn->conn_ == nullptr) return Fail(Unavailable("postgres: out of memory"));
    if (PQstatus(conn->conn_) != CONNECTION_OK) {
        return Fail(
            Unavailable(std::string("postgres: cannot connect: ") + PQerrorMessage(conn->conn_)));
    }
    // "relation already exists, skipping" and the like are not worth stderr lines.
    PQsetNoticeProcessor(conn->conn_, IgnoreNotice, nullptr);
    return conn;
}

PgConnection::~PgConnection() {
    PQfinish(conn_);
}

bool PgConnection::IsHealthy() {
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE) return true;
    PQreset(conn_);
    return PQstatus(conn_) == CONNECTION_OK;
}

Error PgConnection::ResultError(const pg_result* result) const {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string_view sqlstate = state != nullptr ? state : "";
    std::string message = "postgres: ";
    message += result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    if (sqlstate == "23505") {
        const char* constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
        return AlreadyExists(message, constraint != nullptr ? constraint : message);
    }
    if (sqlstate == "23503")
        return InvalidArgument(message + " (a referenced record does not exist)");
    if (PQstatus(conn_) != CONNECTION_OK || IsConnectionClass(sqlstate))
        return Unavailable(message);
    return Internal(message);
}

Status PgConnection::ExecScript(std::string_view sql) {
    const std::string script(sql);
    const ResultPtr result(PQexec(conn_, script.c_str()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Ok();
    return Fail(ResultError(result.get()));
}

Result<SqlResult> PgConnection::Query(std::string_view sql, std::span<const SqlValue> params) {
    std::vector<PgParam> converted;
    converted.reserve(params.size());
    for (const SqlValue& value : params) converted.push_back(ToParam(value));
    std::vector<Oid> types;
    std::vector<const char*> values;
    types.reserve(converted.size());
    values.reserve(converted.size());
    for (const PgParam& param : converted) {
        types.push_back(param.type);
        values.push_back(param.is_null ? nullptr : param.text.c_str());
    }
    const std::string statement(sql);
    const ResultPtr result(PQexecParams(conn_,
                                        statement.c_str(),
                                        static_cast<int>(values.size()),
                                        types.data(),
                                        values.data(),
                                        nullptr,
                                        nullptr,
                                        0));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return Fail(ResultError(result.get()));
    SqlResult out;
    const int rows = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int row = 0; row < rows; ++row) {
        std::vector<SqlValue>& cells = out.rows.emplace_back();
        cells.reserve(static_cast<std::size_t>(columns));
        for (int col = 0; col < columns; ++col) cells.push_back(Cell(result.get(), row, col));
    }
    const char* affected = PQcmdTuples(result.get());
    if (affected != nullptr && affected[0] != '\0') out.affected_rows = std::atoll(affected);
    return out;
}

}  // namespace lb::storage::detail
