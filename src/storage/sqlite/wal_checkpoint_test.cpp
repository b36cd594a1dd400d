// The event writer's commits reach the database file by the store's own checkpoints, also when
// no more events come: a WAL left behind makes every lookup read through it and lengthens the
// recovery after a crash.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/store.hpp"
#include "support/test_store.hpp"

namespace lb::storage {
namespace {

domain::Touchpoint PageView(WorkspaceId ws, int idx) {
    domain::Touchpoint event;
    event.workspace_id = ws;
    event.anonymous_id = "visitor-" + std::to_string(idx);
    event.message_id = "message-" + std::to_string(idx);
    event.session_id = event.anonymous_id + ":1";
    event.type = "page";
    event.url = "https://acme.dk/pricing/" + std::to_string(idx);
    event.channel = "direct";
    event.occurred_at = Timestamp(std::chrono::milliseconds(1'767'225'600'000 + idx));
    return event;
}

class WalCheckpoint : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = lb::testing::OpenTestStore(lb::testing::TestBackend::kSqlite);
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        test_store_ = std::move(*opened);
        path_ = test_store_.sqlite_path;
        domain::Workspace workspace;
        workspace.name = "WAL";
        workspace.tracking_key = "wal-key";
        ASSERT_TRUE(Store().Write([&](Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(const domain::Workspace created, tx.CreateWorkspace(workspace));
            ws_ = created.id;
            return Ok();
        }));
    }

    storage::Store& Store() { return *test_store_.store; }

    // Commits page views [first, first + count) as the event writer does, and flushes them.
    void Append(int first, int count) {
        std::vector<domain::Touchpoint> events;
        for (int idx = first; idx < first + count; ++idx) events.push_back(PageView(ws_, idx));
        ASSERT_TRUE(Store().WriteUnsynced(
            [&](Transaction& tx) -> Status { return tx.AppendTouchpoints(events); }));
        ASSERT_TRUE(Store().SyncCommits());
    }

    lb::testing::TestStore test_store_;
    std::filesystem::path path_;
    WorkspaceId ws_;
};

// The touchpoints in the database file itself, without its WAL: a copy of the file alone, opened
// as a database of its own. A copy taken while a checkpoint writes may be torn: nullopt then.
std::optional<std::int64_t> TouchpointsInTheFileAlone(const std::filesystem::path& db) {
    const std::filesystem::path copy = db.string() + ".alone";
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(copy.string() + suffix, ignored);
    if (!std::filesystem::copy_file(db, copy, ignored)) return std::nullopt;
    auto conn = detail::SqliteConnection::Open(copy);
    if (!conn) return std::nullopt;
    auto rows = (*conn)->Query("SELECT count(*) FROM touchpoints", {});
    if (!rows) return std::nullopt;
    return rows->Row(0).Int(0);
}

TEST_F(WalCheckpoint, CommitsReachTheDatabaseFileSoonAfterTheLastWrite) {
    Append(0, 10);
    Append(10, 3'000);
    // Whether a checkpoint round ran during the appends or only after them, every commit is in
    // the file soon after the last one.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::optional<std::int64_t> in_file;
    while ((in_file = TouchpointsInTheFileAlone(path_)) != 3'010 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(in_file, 3'010)
        << "no checkpoint copied the last commits into the database file within 10 s";
}

}  // namespace
}  // namespace lb::storage
