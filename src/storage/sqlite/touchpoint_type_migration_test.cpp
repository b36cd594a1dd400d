// Migration 0008: touchpoints stored as email_opened / email_clicked (the API's names before it
// stored the /collect ones) are renamed email_open / email_click when an older store is opened.
#include <array>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "common/rng.hpp"
#include "storage/sqlite/raw_db_test_util.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace lb::storage {
namespace {

using detail::testing::Db;
using detail::testing::Exec;
using detail::testing::Number;

// The store's file opened directly, as SQLite's shell would.
Db OpenRaw(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    return Db(db);
}

TEST(TouchpointTypeMigration, RenamesTheApisEmailOpenAndClickNamesAndLeavesOtherTypes) {
    const auto path =
        std::filesystem::temp_directory_path() / ("lb-migration-" + SecureRandomHex(8) + ".db");
    SqliteOptions options;
    options.path = path;
    {
        auto store = OpenSqliteStore(options);
        ASSERT_TRUE(store.has_value()) << store.error().message;
        const Status written = (*store)->Write([](Transaction& tx) -> Status {
            domain::Workspace workspace;
            workspace.name = "Acme";
            workspace.tracking_key = "tk_migration";
            LB_ASSIGN_OR_RETURN(const domain::Workspace created, tx.CreateWorkspace(workspace));
            std::array<domain::Touchpoint, 4> touchpoints;
            const std::array<const char*, 4> types = {
                "email_opened", "email_clicked", "email_click", "email_sent"};
            for (std::size_t n = 0; n < touchpoints.size(); ++n) {
                touchpoints[n].workspace_id = created.id;
                touchpoints[n].anonymous_id = "visitor-" + std::to_string(n);
                touchpoints[n].type = types[n];
                touchpoints[n].message_id = "m" + std::to_string(n);
            }
            return tx.AppendTouchpoints(touchpoints);
        });
        ASSERT_TRUE(written) << written.error().message;
    }
    {
        // The store as a leadbase before migration 0008 left it.
        const Db db = OpenRaw(path);
        ASSERT_EQ(Exec(db.get(), "DELETE FROM schema_migrations WHERE version = 8"), SQLITE_OK);
        EXPECT_EQ(Number(db.get(), "SELECT count(*) FROM touchpoints WHERE type = 'email_clicked'"),
                  1);
    }

    {
        auto reopened = OpenSqliteStore(options);
        ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
        EXPECT_EQ((*reopened)->SchemaVersion().value_or(-1), 8);
    }
    {
        const Db db = OpenRaw(path);
        const auto count = [&](const std::string& type) {
            return Number(db.get(), "SELECT count(*) FROM touchpoints WHERE type = '" + type + "'");
        };
        EXPECT_EQ(count("email_open"), 1);
        EXPECT_EQ(count("email_click"), 2);
        EXPECT_EQ(count("email_sent"), 1);
        EXPECT_EQ(count("email_opened") + count("email_clicked"), 0);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace
}  // namespace lb::storage
