// Throw-away stores for tests: a temp SQLite file or a fresh PostgreSQL database (from
// LB_TEST_PG_DSN), removed again when the TestStore is destroyed. Used by the storage contract
// suite and the HTTP integration tests to run the same cases on both backends.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/result.hpp"
#include "storage/store.hpp"

namespace lb::testing {

enum class TestBackend { kSqlite, kPostgres };

// An open, migrated, empty store and what must be removed after it. Move-only; the destructor
// closes the store, then deletes the SQLite files or drops the PostgreSQL database.
struct TestStore {
    std::unique_ptr<storage::Store> store;
    std::filesystem::path sqlite_path;  // kSqlite: the database file
    std::string pg_admin_dsn;           // kPostgres: where the database was created
    std::string pg_database;            // kPostgres: the database's name
    std::string pg_url;                 // kPostgres: how to connect to it (for a second store)

    TestStore() = default;
    TestStore(TestStore&& other) noexcept;
    TestStore& operator=(TestStore&& other) noexcept;
    TestStore(const TestStore&) = delete;
    TestStore& operator=(const TestStore&) = delete;
    ~TestStore();
};

// True when LB_TEST_PG_DSN is set and this build has the PostgreSQL store.
[[nodiscard]] bool PostgresConfigured();
// Why PostgreSQL cases are skipped (for GTEST_SKIP), or "" when they run.
[[nodiscard]] std::string PostgresSkipReason();

// A fresh store of `backend`. Errors: kUnavailable when PostgreSQL is not configured or cannot be
// reached, and the store's own open errors.
[[nodiscard]] Result<TestStore> OpenTestStore(TestBackend backend);
// Opens a second Store on the same database as `existing` (e.g. reopen after close).
[[nodiscard]] Result<std::unique_ptr<storage::Store>> ReopenTestStore(const TestStore& existing,
                                                                      TestBackend backend);

// Both backends, for INSTANTIATE_TEST_SUITE_P (PostgreSQL cases skip themselves when unset).
[[nodiscard]] std::vector<TestBackend> AllTestBackends();
// "Sqlite" / "Postgres": the parameter names in test names.
[[nodiscard]] std::string TestBackendName(const ::testing::TestParamInfo<TestBackend>& info);
void PrintTo(TestBackend backend, std::ostream* out);

}  // namespace lb::testing

// In a TEST_P body: skips the case with a visible reason when the backend is not available.
#define LB_SKIP_UNLESS_BACKEND(backend)                           \
    do {                                                          \
        if ((backend) == ::lb::testing::TestBackend::kPostgres && \
            !::lb::testing::PostgresConfigured())                 \
            GTEST_SKIP() << ::lb::testing::PostgresSkipReason();  \
    } while (false)

// Instantiates the value-parameterised `suite` on both backends, named .../Sqlite and .../Postgres.
#define LB_INSTANTIATE_ON_ALL_BACKENDS(suite)                                       \
    INSTANTIATE_TEST_SUITE_P(Backends,                                              \
                             suite,                                                 \
                             ::testing::ValuesIn(::lb::testing::AllTestBackends()), \
                             ::lb::testing::TestBackendName)
