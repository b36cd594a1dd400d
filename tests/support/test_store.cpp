#include "support/test_store.hpp"

#include <atomic>
#include <cstdlib>
#include <random>
#include <utility>

#include <unistd.h>

#include "storage/sqlite/sqlite_store.hpp"

#ifdef LB_TEST_HAVE_POSTGRES
#include <libpq-fe.h>

#include "storage/postgres/postgres_store.hpp"
#endif

namespace lb::testing {

namespace {

std::atomic<int> g_counter{0};

// A name no other test process on this machine uses: pid, a counter and a random suffix.
std::string UniqueName(std::string_view prefix) {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::string(prefix) + std::to_string(::getpid()) + "_" +
           std::to_string(g_counter.fetch_add(1)) + "_" + std::to_string(rng() % 1'000'000);
}

const char* PgDsn() {
    const char* dsn = std::getenv("LB_TEST_PG_DSN");
    return dsn != nullptr && dsn[0] != '\0' ? dsn : nullptr;
}

#ifdef LB_TEST_HAVE_POSTGRES
// Runs one admin statement (CREATE/DROP DATABASE) on `dsn`.
Status AdminExec(const std::string& dsn, const std::string& sql) {
    PGconn* conn = PQconnectdb(dsn.c_str());
    Status status = Ok();
    if (PQstatus(conn) != CONNECTION_OK) {
        status = Fail(
            Unavailable(std::string("cannot connect to LB_TEST_PG_DSN: ") + PQerrorMessage(conn)));
    } else {
        PGresult* result = PQexec(conn, sql.c_str());
        if (PQresultStatus(result) != PGRES_COMMAND_OK)
            status = Fail(Unavailable(sql + ": " + PQresultErrorMessage(result)));
        PQclear(result);
    }
    PQfinish(conn);
    return status;
}

// `dsn` with its database replaced by `database`, as a key=value connection string.
Result<std::string> WithDatabase(const std::string& dsn, const std::string& database) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(dsn.c_str(), &error);
    if (options == nullptr) {
        std::string message = error != nullptr ? error : "unparsable";
        PQfreemem(error);
        return Fail(InvalidArgument("LB_TEST_PG_DSN: " + message));
    }
    std::string out = "dbname='" + database + "'";
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (option->val == nullptr || std::string_view(option->keyword) == "dbname") continue;
        std::string value;
        for (const char* c = option->val; *c != '\0'; ++c) {
            if (*c == '\'' || *c == '\\') value += '\\';
            value += *c;
        }
        out += std::string(" ") + option->keyword + "='" + value + "'";
    }
    PQconninfoFree(options);
    return out;
}

Result<TestStore> OpenPostgresTestStore() {
    TestStore test;
    test.pg_admin_dsn = PgDsn();
    const std::string database = UniqueName("lb_test_");
    LB_TRY(AdminExec(test.pg_admin_dsn, "CREATE DATABASE " + database));
    test.pg_database = database;  // from here on the destructor drops it
    LB_ASSIGN_OR_RETURN(test.pg_url, WithDatabase(test.pg_admin_dsn, database));
    LB_ASSIGN_OR_RETURN(test.store,
                        storage::OpenPostgresStore({.url = test.pg_url, .pool_size = 4}));
    return test;
}
#endif

Result<TestStore> OpenSqliteTestStore() {
    TestStore test;
    test.sqlite_path =
        std::filesystem::temp_directory_path() / (UniqueName("leadbase-test-") + ".db");
    LB_ASSIGN_OR_RETURN(test.store,
                        storage::OpenSqliteStore({.path = test.sqlite_path, .pool_size = 4}));
    return test;
}

}  // namespace

TestStore::TestStore(TestStore&& other) noexcept
    : store(std::move(other.store)),
      sqlite_path(std::exchange(other.sqlite_path, {})),
      pg_admin_dsn(std::exchange(other.pg_admin_dsn, {})),
      pg_database(std::exchange(other.pg_database, {})),
      pg_url(std::exchange(other.pg_url, {})) {
}

TestStore& TestStore::operator=(TestStore&& other) noexcept {
    if (this != &other) {
        TestStore old(std::move(*this));
        store = std::move(other.store);
        sqlite_path = std::exchange(other.sqlite_path, {});
        pg_admin_dsn = std::exchange(other.pg_admin_dsn, {});
        pg_database = std::exchange(other.pg_database, {});
        pg_url = std::exchange(other.pg_url, {});
    }
    return *this;
}

TestStore::~TestStore() {
    store.reset();
    if (!sqlite_path.empty()) {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::path file = sqlite_path;
            file += suffix;
            std::filesystem::remove(file, ignored);
        }
    }
#ifdef LB_TEST_HAVE_POSTGRES
    if (!pg_database.empty())
        (void)AdminExec(pg_admin_dsn, "DROP DATABASE IF EXISTS " + pg_database + " WITH (FORCE)");
#endif
}

bool PostgresConfigured() {
#ifdef LB_TEST_HAVE_POSTGRES
    return PgDsn() != nullptr;
#else
    return false;
#endif
}

std::string PostgresSkipReason() {
#ifdef LB_TEST_HAVE_POSTGRES
    if (PgDsn() != nullptr) return {};
    return "PostgreSQL not configured: set LB_TEST_PG_DSN (e.g. `scripts/pg-test-cluster start` "
           "and LB_TEST_PG_DSN=$(scripts/pg-test-cluster dsn))";
#else
    return "this build has no PostgreSQL store (configure with LB_WITH_POSTGRES=ON)";
#endif
}

Result<TestStore> OpenTestStore(TestBackend backend) {
    if (backend == TestBackend::kSqlite) return OpenSqliteTestStore();
#ifdef LB_TEST_HAVE_POSTGRES
    if (PostgresConfigured()) return OpenPostgresTestStore();
#endif
    return Fail(Unavailable(PostgresSkipReason()));
}

Result<std::unique_ptr<storage::Store>> ReopenTestStore(const TestStore& existing,
                                                        TestBackend backend) {
    if (backend == TestBackend::kSqlite)
        return storage::OpenSqliteStore({.path = existing.sqlite_path, .pool_size = 2});
#ifdef LB_TEST_HAVE_POSTGRES
    return storage::OpenPostgresStore({.url = existing.pg_url, .pool_size = 2});
#else
    return Fail(Unavailable(PostgresSkipReason()));
#endif
}

std::vector<TestBackend> AllTestBackends() {
    return {TestBackend::kSqlite, TestBackend::kPostgres};
}

std::string TestBackendName(const ::testing::TestParamInfo<TestBackend>& info) {
    return info.param == TestBackend::kSqlite ? "Sqlite" : "Postgres";
}

void PrintTo(TestBackend backend, std::ostream* out) {
    *out << (backend == TestBackend::kSqlite ? "Sqlite" : "Postgres");
}

}  // namespace lb::testing
