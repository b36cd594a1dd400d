// The Store as a whole: concurrent writers, snapshots, migrations on reopen, touchpoints in bulk,
// SQLite backup and restore.
#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include <sqlite3.h>

#include "storage/sqlite/sqlite_store.hpp"
#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using StoreLevelContract = StoreContract;

domain::Touchpoint MakeTouchpoint(WorkspaceId ws, LeadId lead, std::int64_t at) {
    domain::Touchpoint event;
    event.workspace_id = ws;
    event.lead_id = lead;
    event.anonymous_id = "anon-" + std::to_string(at % 7);
    event.type = "page";
    event.name = "Priser – Radio";
    event.url = "https://acme.dk/priser?utm_source=x";
    event.channel = "website";
    event.campaign = "spring";
    event.properties_json = R"({"path":"/priser"})";
    event.occurred_at = At(at);
    return event;
}

TEST_P(StoreLevelContract, ReportsBackendAndSchemaVersion) {
    EXPECT_EQ(TheStore().Backend(),
              GetParam() == testing::TestBackend::kSqlite ? "sqlite" : "postgres");
    auto version = TheStore().SchemaVersion();
    ASSERT_TRUE(version.has_value());
    EXPECT_GE(*version, 1);
}

TEST_P(StoreLevelContract, ConcurrentWritersLoseNothing) {
    const domain::Lead counter = Create(BareLead());
    constexpr int kPerThread = 20;
    auto work = [&](int thread_idx) {
        for (int step = 0; step < kPerThread; ++step) {
            const Status status = InWrite([&](Transaction& tx) -> Status {
                LB_ASSIGN_OR_RETURN(domain::Lead lead, tx.GetLead(ws_, counter.id));
                const int value =
                    lead.custom_fields.contains("n") ? std::stoi(lead.custom_fields["n"]) : 0;
                lead.custom_fields["n"] = std::to_string(value + 1);
                LB_TRY(tx.UpdateLead(lead));
                domain::Lead fresh = BareLead();
                fresh.email =
                    "t" + std::to_string(thread_idx) + "-" + std::to_string(step) + "@x.dk";
                return AsStatus(tx.CreateLead(fresh));
            });
            EXPECT_TRUE(status.has_value()) << status.error().message;
        }
    };
    std::thread first(work, 0);
    std::thread second(work, 1);
    first.join();
    second.join();
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Lead lead, tx.GetLead(ws_, counter.id));
        EXPECT_EQ(lead.custom_fields.at("n"), std::to_string(2 * kPerThread));
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountLeads(ws_));
        EXPECT_EQ(count, 1 + 2 * kPerThread);
        return Ok();
    }));
}

TEST_P(StoreLevelContract, ReadsSeeOneSnapshot) {
    Create(FullLead(1));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto before, tx.CountLeads(ws_));
        // Another connection commits a lead while this read is open.
        std::async(std::launch::async, [&] { Create(FullLead(2)); }).get();
        LB_ASSIGN_OR_RETURN(const auto after, tx.CountLeads(ws_));
        EXPECT_EQ(before, 1);
        EXPECT_EQ(after, 1);
        return Ok();
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto now, tx.CountLeads(ws_));
        EXPECT_EQ(now, 2);
        return Ok();
    }));
}

TEST_P(StoreLevelContract, ReopeningMigratesNothingAgainAndKeepsData) {
    const domain::Lead lead = Create(FullLead(1));
    const int version = TheStore().SchemaVersion().value_or(-1);
    for (int reopen = 0; reopen < 2; ++reopen) {
        auto again = testing::ReopenTestStore(Test(), GetParam());
        ASSERT_TRUE(again.has_value()) << again.error().message;
        EXPECT_EQ((*again)->SchemaVersion().value_or(-2), version);
        LB_ASSERT_OK((*again)->Read([&](Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(const domain::Lead got, tx.GetLead(ws_, lead.id));
            EXPECT_EQ(got.email, lead.email);
            return Ok();
        }));
    }
}

TEST_P(StoreLevelContract, TouchpointsAppendAndListOldestFirst) {
    const domain::Lead lead = Create(FullLead(1));
    std::vector<domain::Touchpoint> events;
    for (std::int64_t n = 0; n < 250; ++n)
        events.push_back(MakeTouchpoint(ws_, lead.id, 10'000 - n));
    events.push_back(MakeTouchpoint(ws_, LeadId(), 1));  // anonymous
    events.back().filtered_reason = "bot";
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.AppendTouchpoints(events); }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto listed, tx.ListLeadTouchpoints(ws_, lead.id));
        EXPECT_EQ(listed.size(), 250U);
        EXPECT_EQ(listed.front().occurred_at, At(10'000 - 249));
        EXPECT_EQ(listed.back().occurred_at, At(10'000));
        const domain::Touchpoint& first = listed.front();
        EXPECT_TRUE(first.id.IsSet());
        EXPECT_EQ(first.name, "Priser – Radio");
        EXPECT_EQ(first.url, "https://acme.dk/priser?utm_source=x");
        EXPECT_EQ(first.channel, "website");
        EXPECT_EQ(first.campaign, "spring");
        EXPECT_EQ(first.type, "page");
        EXPECT_EQ(first.anonymous_id, events.at(249).anonymous_id);
        EXPECT_EQ(first.properties_json, R"({"path":"/priser"})");
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountTouchpoints(ws_));
        EXPECT_EQ(count, 251);
        return Ok();
    }));
}

TEST_P(StoreLevelContract, AppendsThreeHundredThousandTouchpointsInOneWrite) {
    const domain::Lead lead = Create(FullLead(1));
    std::vector<domain::Touchpoint> events;
    constexpr std::int64_t kEvents = 300'000;
    events.reserve(kEvents);
    for (std::int64_t n = 0; n < kEvents; ++n)
        events.push_back(MakeTouchpoint(ws_, n % 2 == 0 ? lead.id : LeadId(), n));
    const auto start = std::chrono::steady_clock::now();
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.AppendTouchpoints(events); }));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    std::cout << "[ timing ] " << kEvents << " touchpoints in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms\n";
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountTouchpoints(ws_));
        EXPECT_EQ(count, kEvents);
        return Ok();
    }));
}

LB_INSTANTIATE_ON_ALL_BACKENDS(StoreLevelContract);

// Backup and restore are SQLite operations (PostgreSQL has pg_dump); they run on SQLite only.
class SqliteBackupContract : public StoreContract {};

TEST_P(SqliteBackupContract, BackupWhileOpenThenRestoreRoundTrips) {
    const domain::Lead lead = Create(FullLead(1));
    const std::filesystem::path db = Test().sqlite_path;
    std::filesystem::path backup = db;
    backup += ".backup";
    LB_ASSERT_OK(BackupSqlite(db, backup));  // the store is still open
    Create(FullLead(2));                     // after the backup: gone after restore
    Test().store.reset();
    LB_ASSERT_OK(RestoreSqlite(backup, db));
    auto reopened = OpenSqliteStore({.path = db, .pool_size = 1});
    ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
    LB_ASSERT_OK((*reopened)->Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountLeads(ws_));
        EXPECT_EQ(count, 1);
        LB_ASSIGN_OR_RETURN(const domain::Lead got, tx.GetLead(ws_, lead.id));
        EXPECT_EQ(got.custom_fields, lead.custom_fields);
        return Ok();
    }));
    std::filesystem::remove(backup);
}

TEST_P(SqliteBackupContract, RestoreRefusesFilesThatAreNotLeadbaseDatabases) {
    const std::filesystem::path db = Test().sqlite_path;
    std::filesystem::path text_file = db;
    text_file += ".txt";
    std::ofstream(text_file) << "name,email\nAnn,ann@acme.dk\n";
    std::filesystem::path other_db = db;
    other_db += ".other";
    {
        auto conn = OpenSqliteStore({.path = other_db, .pool_size = 1});  // a Leadbase file...
        ASSERT_TRUE(conn.has_value());
    }
    std::filesystem::path missing = db;
    missing += ".missing";
    Test().store.reset();
    std::filesystem::path plain_sqlite = db;
    plain_sqlite += ".plain";
    sqlite3* plain = nullptr;
    ASSERT_EQ(sqlite3_open(plain_sqlite.c_str(), &plain), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(plain, "CREATE TABLE leads (x)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(plain);
    EXPECT_EQ(RestoreSqlite(plain_sqlite, db).error().code, ErrorCode::kInvalidArgument);
    for (const auto& bad : {text_file, missing, plain_sqlite}) {
        const Status status = RestoreSqlite(bad, db);
        ASSERT_FALSE(status.has_value()) << bad;
        EXPECT_NE(status.error().message.find(bad.string()), std::string::npos)
            << status.error().message;
    }
    EXPECT_EQ(RestoreSqlite(text_file, db).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(RestoreSqlite(missing, db).error().code, ErrorCode::kNotFound);
    {
        auto still_there = OpenSqliteStore({.path = db, .pool_size = 1});
        ASSERT_TRUE(still_there.has_value());
        LB_ASSERT_OK(
            (*still_there)->Read([&](Transaction& tx) { return AsStatus(tx.GetWorkspace(ws_)); }));
    }
    LB_ASSERT_OK(RestoreSqlite(other_db, db));  // ...is accepted
    for (const auto& file : {text_file, other_db, plain_sqlite}) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(std::filesystem::path(file.string() + suffix));
    }
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         SqliteBackupContract,
                         ::testing::Values(testing::TestBackend::kSqlite),
                         testing::TestBackendName);

}  // namespace
}  // namespace lb::storage
