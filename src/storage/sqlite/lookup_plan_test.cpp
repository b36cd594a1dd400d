// Lookups by unique key must use their unique indexes, not scan the workspace (regression: the
// import of 10,000 leads ran at ~150 rows/s because every lookup walked all leads).
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "common/rng.hpp"
#include "storage/detail/lookup_sql.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace lb::storage {
namespace {

class LookupPlan : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() / ("lb-plan-" + SecureRandomHex(8) + ".db");
        SqliteOptions options;
        options.path = path_;
        auto store = OpenSqliteStore(options);
        ASSERT_TRUE(store.has_value()) << store.error().message;
        store->reset();
        ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    }
    void TearDown() override {
        sqlite3_close(db_);
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path_.string() + suffix);
    }

    // The EXPLAIN QUERY PLAN details of `sql`, joined by "; ".
    std::string Plan(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(
            sqlite3_prepare_v2(db_, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr),
            SQLITE_OK)
            << sqlite3_errmsg(db_);
        std::string plan;
        while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
            plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
            plan += "; ";
        }
        sqlite3_finalize(stmt);
        return plan;
    }

    std::filesystem::path path_;
    sqlite3* db_ = nullptr;
};

TEST_F(LookupPlan, LeadByExternalIdUsesItsUniqueIndex) {
    EXPECT_NE(Plan("SELECT id FROM leads " + detail::LeadLookupWhere("external_id"))
                  .find("ux_leads_external_id"),
              std::string::npos);
}

TEST_F(LookupPlan, LeadByEmailUsesItsUniqueIndex) {
    EXPECT_NE(
        Plan("SELECT id FROM leads " + detail::LeadLookupWhere("email")).find("ux_leads_email"),
        std::string::npos);
}

TEST_F(LookupPlan, CompanyByDomainUsesItsUniqueIndex) {
    EXPECT_NE(Plan("SELECT id FROM companies " + std::string(detail::kCompanyByDomainWhere))
                  .find("ux_companies_domain"),
              std::string::npos);
}

TEST_F(LookupPlan, WorkspaceByTrackingKeyUsesItsUniqueIndex) {
    EXPECT_NE(Plan("SELECT id FROM workspaces " + std::string(detail::kWorkspaceByTrackingKeyWhere))
                  .find("ux_workspaces_tracking_key"),
              std::string::npos);
}

// Migration 0007 leaves anonymous rows out of the by-lead indexes (lead_id IS NOT NULL); every
// by-lead query must still use them: a timeline, a merge or a lead delete scanning all
// touchpoints would be a regression of the same kind.
TEST_F(LookupPlan, LeadTimelineUsesThePartialLeadIndex) {
    EXPECT_NE(Plan("SELECT id FROM touchpoints WHERE workspace_id = 1 AND lead_id = 2 "
                   "ORDER BY occurred_at, id")
                  .find("ix_touchpoints_lead"),
              std::string::npos);
}

TEST_F(LookupPlan, VisitorsOfALeadUseThePartialLeadIndex) {
    EXPECT_NE(Plan("UPDATE visitors SET lead_id = 3 WHERE workspace_id = 1 AND lead_id = 2")
                  .find("ix_visitors_lead"),
              std::string::npos);
}

// Regression: the scans used a workspace index and sorted the whole workspace for every page.
TEST_F(LookupPlan, WorkspaceScansWalkThePrimaryKeyWithoutSorting) {
    for (const std::string& sql :
         {"SELECT id FROM leads " + std::string(detail::kLeadScanWhere),
          "SELECT id FROM touchpoints " + std::string(detail::kLeadTouchScanWhere)}) {
        const std::string plan = Plan(sql);
        EXPECT_NE(plan.find("USING INTEGER PRIMARY KEY (rowid>?)"), std::string::npos) << plan;
        EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
    }
}

TEST_F(LookupPlan, VisitorByAnonymousIdUsesItsPrimaryKey) {
    EXPECT_NE(Plan("SELECT lead_id FROM visitors WHERE workspace_id = 1 AND anonymous_id = 'a-1'")
                  .find("PRIMARY KEY"),
              std::string::npos);
}

}  // namespace
}  // namespace lb::storage
