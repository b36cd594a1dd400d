// The page cache: commits that have nothing to drop from the cache do not make SQLite walk it,
// and nothing a transaction wrote and rolled back, or a page the cache recycled, is ever read
// back: every committed row stays, every rolled-back row is gone, the b-trees stay intact.
#include "storage/sqlite/page_cache.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/sqlite/gathering_vfs.hpp"
#include "storage/sqlite/raw_db_test_util.hpp"

namespace lb::storage::detail {
namespace {

using testing::Db;
using testing::Exec;
using testing::IntegrityOf;
using testing::Number;

class PageCacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        // Through the VFS, as every store connection: it installs the page cache first.
        const auto vfs = GatheringVfsName();
        ASSERT_TRUE(vfs.has_value());
        vfs_ = *vfs;
        ASSERT_TRUE(InstallPageCache()) << "SQLite was initialised before the page cache";
        dir_ =
            std::filesystem::temp_directory_path() /
            ("lb-page-cache-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    Db Open(const std::string& cache_pages) const {
        sqlite3* db = nullptr;
        const int rc =
            sqlite3_open_v2((dir_ / "t.db").c_str(),
                            &db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            vfs_);
        Db owned(db);
        if (rc != SQLITE_OK) return nullptr;
        sqlite3_busy_timeout(db, 5'000);
        const std::string pragmas =
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = " +
            cache_pages;
        if (sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            return nullptr;
        return owned;
    }

    const char* vfs_ = nullptr;
    std::filesystem::path dir_;
};

std::set<std::string> KeysIn(sqlite3* db) {
    std::set<std::string> keys;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT k FROM t", -1, &stmt, nullptr) != SQLITE_OK) return keys;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        keys.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    return keys;
}

// Inserts `count` rows with random 36-character keys (as version 4 UUIDs land: anywhere in the
// index), adding each key to `keys`.
bool InsertRandom(sqlite3* db, std::mt19937_64& rng, int count, std::set<std::string>& keys) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "INSERT INTO t (k, v) VALUES (?, ?)", -1, &stmt, nullptr) !=
        SQLITE_OK)
        return false;
    bool is_ok = true;
    for (int row = 0; row < count && is_ok; ++row) {
        char key[40];
        std::snprintf(key,
                      sizeof key,
                      "%016llx-%016llx-%02d",
                      static_cast<unsigned long long>(rng()),
                      static_cast<unsigned long long>(rng()),
                      row % 100);
        sqlite3_bind_text(stmt, 1, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, std::string(120, 'v').c_str(), -1, SQLITE_TRANSIENT);
        is_ok = sqlite3_step(stmt) == SQLITE_DONE;
        sqlite3_reset(stmt);
        keys.insert(key);
    }
    sqlite3_finalize(stmt);
    return is_ok;
}

TEST_F(PageCacheTest, CommitsOfRandomKeysLeaveTheCacheAloneWhenNothingIsPastTheEnd) {
    const Db db = Open("-65536");
    ASSERT_NE(db, nullptr);
    ASSERT_EQ(Exec(db.get(), "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID"),
              SQLITE_OK);
    std::mt19937_64 rng(7);
    std::set<std::string> keys;
    // Fill the index so that inserts split pages in its middle (the balances that move pages
    // through the temporary page number).
    ASSERT_EQ(Exec(db.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(db.get(), rng, 20'000, keys));
    ASSERT_EQ(Exec(db.get(), "COMMIT"), SQLITE_OK);

    const PageCacheDrops before = PageCacheDropCounts();
    constexpr int kCommits = 400;
    for (int commit = 0; commit < kCommits; ++commit) {
        ASSERT_EQ(Exec(db.get(), "BEGIN"), SQLITE_OK);
        ASSERT_TRUE(InsertRandom(db.get(), rng, 15, keys));
        ASSERT_EQ(Exec(db.get(), "COMMIT"), SQLITE_OK);
    }
    const PageCacheDrops after = PageCacheDropCounts();

    // Every commit ends with a drop of the pages past the end; none had any to drop.
    EXPECT_GE(after.skipped - before.skipped, static_cast<std::uint64_t>(kCommits));
    EXPECT_EQ(after.passed, before.passed);
    EXPECT_EQ(IntegrityOf(db.get()), "ok");
    EXPECT_EQ(KeysIn(db.get()), keys);
}

TEST_F(PageCacheTest, ARolledBackGrowthIsDroppedAndNeverReadBack) {
    const Db db = Open("-65536");
    ASSERT_NE(db, nullptr);
    ASSERT_EQ(Exec(db.get(), "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID"),
              SQLITE_OK);
    std::mt19937_64 rng(11);
    std::set<std::string> committed;
    ASSERT_EQ(Exec(db.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(db.get(), rng, 2'000, committed));
    ASSERT_EQ(Exec(db.get(), "COMMIT"), SQLITE_OK);

    // A transaction that grows the database by many pages, then rolls back: its new pages are
    // past the end again (SQLite discards them one by one, or the drop that follows does).
    std::set<std::string> rolled_back;
    ASSERT_EQ(Exec(db.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(db.get(), rng, 5'000, rolled_back));
    ASSERT_EQ(Exec(db.get(), "ROLLBACK"), SQLITE_OK);

    // The same page numbers are allocated again for other rows: what is read is the new content.
    ASSERT_EQ(Exec(db.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(db.get(), rng, 3'000, committed));
    ASSERT_EQ(Exec(db.get(), "COMMIT"), SQLITE_OK);
    EXPECT_EQ(IntegrityOf(db.get()), "ok");
    EXPECT_EQ(KeysIn(db.get()), committed);
    const Db reader = Open("-2000");
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(KeysIn(reader.get()), committed);
}

TEST_F(PageCacheTest, ADatabaseThatShrinksDropsItsCachedTailAndReadsTheNewContent) {
    const Db db = Open("-65536");
    ASSERT_NE(db, nullptr);
    // The file exists already (WAL mode): auto_vacuum takes effect with a VACUUM.
    ASSERT_EQ(Exec(db.get(), "PRAGMA auto_vacuum = FULL; VACUUM"), SQLITE_OK);
    ASSERT_EQ(Number(db.get(), "PRAGMA auto_vacuum"), 1);
    ASSERT_EQ(Exec(db.get(), "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID"),
              SQLITE_OK);
    std::mt19937_64 rng(17);
    std::set<std::string> all;
    ASSERT_EQ(Exec(db.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(db.get(), rng, 6'000, all));
    ASSERT_EQ(Exec(db.get(), "COMMIT"), SQLITE_OK);
    EXPECT_EQ(KeysIn(db.get()), all);  // every page is in the cache now

    // Deleting most rows shrinks the file at commit (auto_vacuum): the cached pages past the new
    // end must be dropped, so this drop is passed on.
    const PageCacheDrops before = PageCacheDropCounts();
    ASSERT_EQ(Exec(db.get(), "DELETE FROM t WHERE k > '2'"), SQLITE_OK);
    EXPECT_GT(PageCacheDropCounts().passed, before.passed);
    std::set<std::string> kept;
    for (const std::string& key : all)
        if (key <= "2") kept.insert(key);
    EXPECT_EQ(KeysIn(db.get()), kept);

    // The same page numbers grow back with other rows: what is read is the new content.
    ASSERT_EQ(Exec(db.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(db.get(), rng, 4'000, kept));
    ASSERT_EQ(Exec(db.get(), "COMMIT"), SQLITE_OK);
    EXPECT_EQ(IntegrityOf(db.get()), "ok");
    EXPECT_EQ(KeysIn(db.get()), kept);
    const Db reader = Open("-2000");
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(KeysIn(reader.get()), kept);
}

TEST_F(PageCacheTest, AReaderWhoseCacheWasResetPassesItsNextDropOnAndReadsEveryRow) {
    const Db writer = Open("-65536");
    ASSERT_NE(writer, nullptr);
    ASSERT_EQ(Exec(writer.get(), "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID"),
              SQLITE_OK);
    std::mt19937_64 rng(19);
    std::set<std::string> keys;
    ASSERT_EQ(Exec(writer.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(writer.get(), rng, 3'000, keys));
    ASSERT_EQ(Exec(writer.get(), "COMMIT"), SQLITE_OK);

    // The other connection reads, commits, and reads again after the writer's next commit: SQLite
    // empties its cache (a drop to page 1) and it fetches hundreds of pages before its own next
    // commit, more than the layer lists, so that commit's drop is passed on.
    const Db other = Open("-65536");
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(KeysIn(other.get()), keys);
    ASSERT_EQ(Exec(writer.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(writer.get(), rng, 500, keys));
    ASSERT_EQ(Exec(writer.get(), "COMMIT"), SQLITE_OK);
    EXPECT_EQ(KeysIn(other.get()), keys);
    const PageCacheDrops before = PageCacheDropCounts();
    ASSERT_EQ(Exec(other.get(), "BEGIN"), SQLITE_OK);
    ASSERT_TRUE(InsertRandom(other.get(), rng, 500, keys));
    ASSERT_EQ(Exec(other.get(), "COMMIT"), SQLITE_OK);
    EXPECT_GT(PageCacheDropCounts().passed, before.passed);
    EXPECT_EQ(KeysIn(other.get()), keys);
    EXPECT_EQ(KeysIn(writer.get()), keys);
    EXPECT_EQ(IntegrityOf(writer.get()), "ok");
}

TEST_F(PageCacheTest, ATinyCacheThatRecyclesItsPagesKeepsEveryCommittedRowAndNoRolledBackOne) {
    // Ten pages: SQLite recycles pages behind the cache's back and spills dirty ones mid-way.
    const Db db = Open("10");
    ASSERT_NE(db, nullptr);
    ASSERT_EQ(Exec(db.get(), "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID"),
              SQLITE_OK);
    std::mt19937_64 rng(13);
    std::set<std::string> committed;
    for (int round = 0; round < 60; ++round) {
        std::set<std::string> written;
        ASSERT_EQ(Exec(db.get(), "BEGIN"), SQLITE_OK);
        ASSERT_TRUE(InsertRandom(db.get(), rng, 40 + round * 7 % 200, written));
        if (round % 3 == 2) {
            ASSERT_EQ(Exec(db.get(), "ROLLBACK"), SQLITE_OK);
        } else {
            ASSERT_EQ(Exec(db.get(), "COMMIT"), SQLITE_OK);
            committed.insert(written.begin(), written.end());
        }
        if (round % 10 == 9) {
            ASSERT_EQ(Exec(db.get(), "PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
        }
    }
    EXPECT_EQ(IntegrityOf(db.get()), "ok");
    EXPECT_EQ(KeysIn(db.get()), committed);
    const Db reader = Open("-2000");
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(KeysIn(reader.get()), committed);
}

}  // namespace
}  // namespace lb::storage::detail
