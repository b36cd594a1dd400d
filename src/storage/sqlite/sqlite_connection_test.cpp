// How a SQLite connection waits for a lock another connection holds: it waits (about 10 s) rather
// than failing at once, and it retries soon after a short hold ends, since the event writer's
// answers wait with it whenever the checkpoint thread holds the write lock.
#include "storage/sqlite/sqlite_connection.hpp"

#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <unistd.h>

namespace lb::storage::detail {
namespace {

using std::chrono::microseconds;

TEST(SqliteBusyNap, WaitsAboutTenSecondsInAllBeforeGivingUp) {
    microseconds waited{0};
    int tries = 0;
    while (const auto nap = SqliteBusyNap(tries)) {
        waited += *nap;
        ++tries;
        ASSERT_LT(tries, 1'000'000) << "the busy wait never gives up";
    }
    EXPECT_GE(waited, std::chrono::milliseconds(9'900));
    EXPECT_LE(waited, std::chrono::milliseconds(10'100));
}

TEST(SqliteBusyNap, RetriesWithinATenthOfAMillisecondDuringTheFirstTenMilliseconds) {
    // SQLite's own handler naps 1, 2 and 5 ms first: a 3.5 ms checkpoint held the writer for 8.
    microseconds waited{0};
    for (int tries = 0; waited < std::chrono::milliseconds(10); ++tries) {
        const auto nap = SqliteBusyNap(tries);
        ASSERT_TRUE(nap.has_value()) << "gave up after " << waited.count() << " us";
        EXPECT_LE(*nap, microseconds(100)) << "try " << tries;
        waited += *nap;
    }
}

TEST(SqliteBusyNap, NeverNapsLongerThanAMillisecond) {
    for (int tries = 0; const auto nap = SqliteBusyNap(tries); ++tries)
        ASSERT_LE(*nap, std::chrono::milliseconds(1)) << "try " << tries;
}

class SqliteLocks : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("lb-sqlite-locks-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
};

TEST_F(SqliteLocks, AWriterWaitsForAnotherConnectionsWriteLockInsteadOfFailing) {
    const auto path = dir_ / "store.db";
    auto holder = SqliteConnection::Open(path);
    ASSERT_TRUE(holder.has_value()) << holder.error().message;
    ASSERT_TRUE((*holder)->ExecScript("CREATE TABLE t (v INTEGER)"));
    auto writer = SqliteConnection::Open(path);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;

    ASSERT_TRUE((*holder)->ExecScript("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)"));
    auto release = std::async(std::launch::async, [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        return (*holder)->ExecScript("COMMIT");
    });
    const Status written =
        (*writer)->ExecScript("BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT");
    ASSERT_TRUE(release.get());
    ASSERT_TRUE(written) << written.error().message;

    auto rows = (*writer)->Query("SELECT count(*) FROM t", {});
    ASSERT_TRUE(rows.has_value()) << rows.error().message;
    EXPECT_EQ(rows->Row(0).Int(0), 2);
}

}  // namespace
}  // namespace lb::storage::detail
