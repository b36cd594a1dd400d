// The event writer's commits reach the database file by the store's own checkpoints, also when
// no more events come: a WAL left behind makes every lookup read through it and lengthens the
// recovery after a crash.
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

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

TEST_F(WalCheckpoint, CommitsReachTheDatabaseFileSoonAfterTheLastWrite) {
    Append(0, 10);
    // Right after the first flush: the second batch's pages are in the WAL only.
    Append(10, 3'000);
    const auto before = std::filesystem::file_size(path_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::filesystem::file_size(path_) <= before &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_GT(std::filesystem::file_size(path_), before)
        << "no checkpoint copied the last commits into the database file within 10 s";
}

}  // namespace
}  // namespace lb::storage
