// The gathering VFS: a commit's WAL frames reach the file in one write, and nothing else changes:
// other connections read every commit as soon as it returns, a killed process keeps every commit
// that returned, a failed write fails its commit, and a rolled-back spill leaves no trace. Also
// the savepoint and TEMP-table journals: in memory up to 4 MiB, and whole when they spill past it.
#include "storage/sqlite/gathering_vfs.hpp"

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/sqlite/raw_db_test_util.hpp"

namespace lb::storage::detail {
namespace {

using testing::Db;
using testing::Exec;
using testing::IntegrityOf;
using testing::Number;

// Opens `path` through `vfs` (nullptr: SQLite's default) in WAL mode, commits not synced.
Db OpenDb(const std::filesystem::path& path, const char* vfs) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, vfs);
    Db owned(db);
    if (rc != SQLITE_OK) return nullptr;
    sqlite3_busy_timeout(db, 5'000);
    if (sqlite3_exec(
            db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF", nullptr, nullptr, nullptr) !=
        SQLITE_OK)
        return nullptr;
    return owned;
}

// The write system calls this process has made so far (pwrite counts), from /proc/self/io.
std::int64_t WriteCalls() {
    std::ifstream io("/proc/self/io");
    std::string name;
    std::int64_t value = 0;
    while (io >> name >> value)
        if (name == "syscw:") return value;
    return -1;
}

// SQLite's temporary files this process holds open (unix VFS names them "etilqs_…"; they are
// deleted at once and stay open as "(deleted)" links under /proc/self/fd).
int OpenSqliteTempFiles() {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        std::error_code error;
        const auto target = std::filesystem::read_symlink(entry.path(), error);
        if (!error && target.string().find("etilqs_") != std::string::npos) ++count;
    }
    return count;
}

// Inserts `rows` rows of `bytes` random bytes each in one transaction.
std::string InsertRows(int rows, int bytes) {
    return "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
           std::to_string(rows) + ") INSERT INTO t (b) SELECT randomblob(" + std::to_string(bytes) +
           ") FROM n; COMMIT";
}

class GatheringVfs : public ::testing::Test {
protected:
    void SetUp() override {
        auto name = GatheringVfsName();
        ASSERT_TRUE(name.has_value()) << name.error().message;
        vfs_ = *name;
        dir_ = std::filesystem::temp_directory_path() /
               ("lb-gathering-vfs-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // Frames written to the WAL and write calls made by one commit of `rows` x `bytes`, through
    // `vfs`, after a first commit has created the WAL and its index.
    struct CommitWrites {
        std::int64_t frames = 0;
        std::int64_t write_calls = 0;
    };
    CommitWrites MeasureCommit(const std::string& name, const char* vfs, int rows, int bytes) {
        const auto path = dir_ / name;
        Db db = OpenDb(path, vfs);
        EXPECT_TRUE(db) << "cannot open " << path;
        if (!db) return {};
        EXPECT_EQ(Exec(db.get(), "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)"), SQLITE_OK);
        EXPECT_EQ(Exec(db.get(), InsertRows(1, 10)), SQLITE_OK);
        const auto wal_before = std::filesystem::file_size(path.string() + "-wal");
        const std::int64_t calls_before = WriteCalls();
        EXPECT_EQ(Exec(db.get(), InsertRows(rows, bytes)), SQLITE_OK);
        const std::int64_t calls_after = WriteCalls();
        const auto wal_after = std::filesystem::file_size(path.string() + "-wal");
        return {static_cast<std::int64_t>((wal_after - wal_before) / (4096 + 24)),
                calls_after - calls_before};
    }

    // A store at `path` with table t holding `rows` rows, written through the gathering VFS.
    void CreateStore(const std::filesystem::path& path, int rows) {
        Db db = OpenDb(path, vfs_);
        ASSERT_TRUE(db);
        ASSERT_EQ(Exec(db.get(), "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)"), SQLITE_OK);
        if (rows == 0) return;
        ASSERT_EQ(Exec(db.get(), InsertRows(rows, 1'000)), SQLITE_OK);
    }

    // Reopened through SQLite's own VFS (all connections closed), the store at `path` is intact
    // and holds `rows` rows.
    static void ExpectIntactWithRows(const std::filesystem::path& path, std::int64_t rows) {
        Db plain = OpenDb(path, nullptr);
        ASSERT_TRUE(plain);
        EXPECT_EQ(Number(plain.get(), "SELECT count(*) FROM t"), rows);
        EXPECT_EQ(IntegrityOf(plain.get()), "ok");
    }

    const char* vfs_ = nullptr;
    std::filesystem::path dir_;
};

TEST_F(GatheringVfs, WritesTheFramesOfACommitWithOneSystemCallPer128KiB) {
    // SQLite's own VFS writes each frame in two calls, which also shows that the count measures
    // what it should here. Its unix VFS writes at most 128 KiB per call.
    const CommitWrites small_plain = MeasureCommit("small-plain.db", nullptr, 20, 2'000);
    const CommitWrites small = MeasureCommit("small.db", vfs_, 20, 2'000);
    ASSERT_GE(small_plain.frames, 10);
    EXPECT_GE(small_plain.write_calls, 2 * small_plain.frames);
    EXPECT_EQ(small.frames, small_plain.frames);
    EXPECT_EQ(small.write_calls, 1);

    // 200 rows of 2,000 bytes: about 100 frames, 412 KiB.
    const CommitWrites big = MeasureCommit("big.db", vfs_, 200, 2'000);
    ASSERT_GE(big.frames, 90);
    EXPECT_LE(big.write_calls, (big.frames * (4096 + 24)) / (128 * 1024) + 1);
}

TEST_F(GatheringVfs, AnotherConnectionReadsEveryCommitAsSoonAsItReturns) {
    const auto path = dir_ / "store.db";
    Db writer = OpenDb(path, vfs_);
    ASSERT_TRUE(writer);
    ASSERT_EQ(Exec(writer.get(), "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)"), SQLITE_OK);
    Db reader = OpenDb(path, vfs_);
    Db checkpointer = OpenDb(path, vfs_);
    ASSERT_TRUE(reader && checkpointer);

    std::int64_t rows = 0;
    std::int64_t bytes = 0;
    for (int commit = 1; commit <= 300; ++commit) {
        // From part of a page to about 20 pages per commit.
        const int commit_rows = 1 + commit % 7;
        const int row_bytes = 100 + (commit * 997) % 12'000;
        ASSERT_EQ(Exec(writer.get(), InsertRows(commit_rows, row_bytes)), SQLITE_OK);
        rows += commit_rows;
        bytes += static_cast<std::int64_t>(commit_rows) * row_bytes;
        ASSERT_EQ(Number(reader.get(), "SELECT count(*) FROM t"), rows) << "commit " << commit;
        ASSERT_EQ(Number(reader.get(), "SELECT sum(length(b)) FROM t"), bytes)
            << "commit " << commit;
        // Checkpoints copy the frames back and start the WAL afresh (its header rewritten).
        if (commit % 25 != 0) continue;
        const int mode = commit % 50 == 0 ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE;
        ASSERT_EQ(sqlite3_wal_checkpoint_v2(checkpointer.get(), nullptr, mode, nullptr, nullptr),
                  SQLITE_OK);
    }
    EXPECT_EQ(IntegrityOf(reader.get()), "ok");
    writer.reset();
    reader.reset();
    checkpointer.reset();
    ExpectIntactWithRows(path, rows);
}

TEST_F(GatheringVfs, AProcessKilledRightAfterItsCommitsReturnedKeepsThemAll) {
    const auto path = dir_ / "store.db";
    ASSERT_NO_FATAL_FAILURE(CreateStore(path, 0));
    constexpr std::int32_t kCommits = 50;
    int reports[2];
    ASSERT_EQ(::pipe(reports), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // Commits, telling the parent of each once it has returned, then waits to be killed.
        ::close(reports[0]);
        Db db = OpenDb(path, vfs_);
        if (!db) ::_exit(2);
        for (std::int32_t commit = 1; commit <= kCommits; ++commit) {
            if (Exec(db.get(), InsertRows(1, 500)) != SQLITE_OK) ::_exit(3);
            if (::write(reports[1], &commit, sizeof commit) != sizeof commit) ::_exit(4);
        }
        for (;;) ::pause();
    }
    ::close(reports[1]);
    std::int32_t reported = 0;
    std::int32_t commit = 0;
    while (reported < kCommits && ::read(reports[0], &commit, sizeof commit) == sizeof commit)
        reported = commit;
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(reports[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child ended by itself, status " << status;
    ASSERT_EQ(reported, kCommits);
    ExpectIntactWithRows(path, kCommits);
}

TEST_F(GatheringVfs, ACommitWhoseWriteFailsFailsAndKeepsWhatWasCommittedBefore) {
    const auto path = dir_ / "store.db";
    ASSERT_NO_FATAL_FAILURE(CreateStore(path, 10));
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // No file may grow past 64 KiB beyond the WAL's size now: the next commit's frames
        // (about 100 pages) cannot all be written. Exit 0: the commit failed, as it must.
        Db db = OpenDb(path, vfs_);
        if (!db) ::_exit(2);
        std::signal(SIGXFSZ, SIG_IGN);
        const auto wal_size = std::filesystem::file_size(path.string() + "-wal");
        const rlimit limit{wal_size + 65'536, wal_size + 65'536};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(3);
        const int rc = Exec(db.get(), InsertRows(100, 4'000));
        ::_exit(rc == SQLITE_OK ? 1 : 0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: the commit returned SQLITE_OK; 2, 3: set-up failed";
    ExpectIntactWithRows(path, 10);
}

TEST_F(GatheringVfs, ATransactionThatSpilledAndRewroteFramesCommitsWhole) {
    const auto path = dir_ / "store.db";
    ASSERT_NO_FATAL_FAILURE(CreateStore(path, 0));
    Db writer = OpenDb(path, vfs_);
    Db reader = OpenDb(path, vfs_);
    ASSERT_TRUE(writer && reader);
    // A 10-page cache: pages spill into the WAL before the commit, and the UPDATE writes some of
    // them again, in place, so SQLite rewrites frame checksums after the commit frame.
    ASSERT_EQ(Exec(writer.get(), "PRAGMA cache_size = 10"), SQLITE_OK);
    ASSERT_EQ(Exec(writer.get(),
                   "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                   "i < 500) INSERT INTO t (b) SELECT randomblob(3000) FROM n; "
                   "UPDATE t SET b = zeroblob(2900) WHERE id % 50 = 1; COMMIT"),
              SQLITE_OK);
    EXPECT_EQ(Number(reader.get(), "SELECT count(*) FROM t"), 500);
    EXPECT_EQ(Number(reader.get(), "SELECT count(*) FROM t WHERE b = zeroblob(2900)"), 10);
    EXPECT_EQ(IntegrityOf(reader.get()), "ok");
    ASSERT_EQ(Exec(writer.get(), InsertRows(3, 100)), SQLITE_OK);
    EXPECT_EQ(Number(reader.get(), "SELECT count(*) FROM t"), 503);
    writer.reset();
    reader.reset();
    ExpectIntactWithRows(path, 503);
}

TEST_F(GatheringVfs, ARolledBackTransactionThatSpilledFramesLeavesNoTrace) {
    const auto path = dir_ / "store.db";
    ASSERT_NO_FATAL_FAILURE(CreateStore(path, 20));
    Db writer = OpenDb(path, vfs_);
    ASSERT_TRUE(writer);
    // A 10-page cache: the transaction's pages spill into the WAL before it ends.
    ASSERT_EQ(Exec(writer.get(), "PRAGMA cache_size = 10"), SQLITE_OK);
    ASSERT_EQ(Exec(writer.get(),
                   "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                   "i < 2000) INSERT INTO t (b) SELECT randomblob(3000) FROM n"),
              SQLITE_OK);
    ASSERT_EQ(Exec(writer.get(), "ROLLBACK"), SQLITE_OK);

    Db reader = OpenDb(path, vfs_);
    ASSERT_TRUE(reader);
    EXPECT_EQ(Number(reader.get(), "SELECT count(*) FROM t"), 20);
    ASSERT_EQ(Exec(writer.get(), InsertRows(30, 3'000)), SQLITE_OK);
    EXPECT_EQ(Number(reader.get(), "SELECT count(*) FROM t"), 50);
    writer.reset();
    reader.reset();
    ExpectIntactWithRows(path, 50);
}

// Every lead insert runs inside a savepoint and journals about 17 pages; with SQLite's default
// (64 KiB in memory) such journals went to a temporary file, one write call per journaled page.
TEST_F(GatheringVfs, ASavepointJournalOfAFewHundredKiBStaysInMemoryAndOnePast4MiBSpillsToAFile) {
    const auto path = dir_ / "store.db";
    Db db = OpenDb(path, vfs_);
    ASSERT_TRUE(db);
    ASSERT_EQ(Exec(db.get(), "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)"), SQLITE_OK);
    // 1,500 rows of 3,000 bytes: one row per page.
    ASSERT_EQ(Exec(db.get(), InsertRows(1'500, 3'000)), SQLITE_OK);
    ASSERT_EQ(OpenSqliteTempFiles(), 0);

    // 100 pages changed inside a savepoint of a longer transaction: ~400 KiB of journal.
    ASSERT_EQ(Exec(db.get(),
                   "BEGIN; INSERT INTO t (b) VALUES (1); SAVEPOINT s; "
                   "UPDATE t SET b = randomblob(3000) WHERE id <= 100"),
              SQLITE_OK);
    EXPECT_EQ(OpenSqliteTempFiles(), 0);
    ASSERT_EQ(Exec(db.get(), "ROLLBACK TO s; RELEASE s; COMMIT"), SQLITE_OK);

    // 1,300 pages (~5.2 MiB): the journal's memory is bounded, so this one goes to a file.
    // A fingerprint of the rows' content (where "AB" first appears in each row's hex).
    const std::string fingerprint = "SELECT sum(instr(hex(b), 'AB')) FROM t WHERE id <= 1300";
    const std::int64_t before = Number(db.get(), fingerprint);
    ASSERT_EQ(Exec(db.get(),
                   "BEGIN; INSERT INTO t (b) VALUES (1); SAVEPOINT s; "
                   "UPDATE t SET b = randomblob(3000) WHERE id <= 1300"),
              SQLITE_OK)
        << sqlite3_errmsg(db.get());
    EXPECT_EQ(OpenSqliteTempFiles(), 1);
    EXPECT_NE(Number(db.get(), fingerprint), before);
    // Rolled back to the savepoint from the file, the rows have their old content again.
    ASSERT_EQ(Exec(db.get(), "ROLLBACK TO s; RELEASE s; COMMIT"), SQLITE_OK);
    EXPECT_EQ(Number(db.get(), fingerprint), before);
    EXPECT_EQ(Number(db.get(), "SELECT count(*) FROM t"), 1'502);
    EXPECT_EQ(IntegrityOf(db.get()), "ok");
}

// A TEMP table's journal keeps the same limit (SQLite spills it the same way).
TEST_F(GatheringVfs, ATempTableTransactionWhoseJournalPasses4MiBCommitsAndRollsBack) {
    Db db = OpenDb(dir_ / "store.db", vfs_);
    ASSERT_TRUE(db);
    ASSERT_EQ(Exec(db.get(), "CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, b BLOB)"), SQLITE_OK);
    ASSERT_EQ(Exec(db.get(), InsertRows(1'500, 3'000)), SQLITE_OK);
    const std::string fingerprint = "SELECT sum(instr(hex(b), 'AB')) FROM t";
    const std::int64_t before = Number(db.get(), fingerprint);

    ASSERT_EQ(Exec(db.get(), "BEGIN; UPDATE t SET b = randomblob(3000)"), SQLITE_OK)
        << sqlite3_errmsg(db.get());
    ASSERT_EQ(Exec(db.get(), "ROLLBACK"), SQLITE_OK);
    EXPECT_EQ(Number(db.get(), fingerprint), before);

    ASSERT_EQ(Exec(db.get(), "BEGIN; UPDATE t SET b = zeroblob(3000); COMMIT"), SQLITE_OK)
        << sqlite3_errmsg(db.get());
    EXPECT_EQ(Number(db.get(), fingerprint), 0);
    EXPECT_EQ(Number(db.get(), "SELECT count(*) FROM t"), 1'500);
}

}  // namespace
}  // namespace lb::storage::detail
