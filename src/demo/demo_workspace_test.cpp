#include "demo/demo_workspace.hpp"

#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "support/test_store.hpp"
#include "tracking/csv_reader.hpp"

namespace lb::demo {
namespace {

const Timestamp kNow = FromEpochMillis(1'767'225'600'000);  // 2026-01-01

struct Workspace {
    lb::testing::TestStore test_store;
    WorkspaceId id;
};

Workspace NewWorkspace() {
    auto test_store = lb::testing::OpenTestStore(lb::testing::TestBackend::kSqlite);
    EXPECT_TRUE(test_store.has_value()) << test_store.error().message;
    Workspace workspace{std::move(*test_store), {}};
    const Status created =
        workspace.test_store.store->Write([&](storage::Transaction& tx) -> Status {
            domain::Workspace ws;
            ws.name = "Demo";
            ws.tracking_key = "demo-key";
            ws.created_at = kNow;
            LB_ASSIGN_OR_RETURN(const domain::Workspace stored, tx.CreateWorkspace(ws));
            workspace.id = stored.id;
            return Ok();
        });
    EXPECT_TRUE(created.has_value());
    return workspace;
}

DemoOptions SmallOptions() {
    DemoOptions options;
    options.leads = 400;
    options.events = 6'000;
    options.batch_leads = 150;
    return options;
}

TEST(GenerateDemoWorkspace, WritesUsersChannelsAreasLeadsAndTouchpoints) {
    Workspace workspace = NewWorkspace();
    storage::Store& store = *workspace.test_store.store;
    auto summary = GenerateDemoWorkspace(store, workspace.id, SmallOptions(), kNow);
    ASSERT_TRUE(summary.has_value()) << summary.error().message;
    EXPECT_EQ(summary->users_created, 6);
    EXPECT_EQ(summary->channels_created, 11);
    EXPECT_EQ(summary->business_areas_created, 5);
    EXPECT_EQ(summary->leads, 400);
    EXPECT_EQ(summary->touchpoints, 6'000);
    EXPECT_EQ(summary->companies, 80);
    ASSERT_TRUE(store.Read([&](storage::Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto leads, tx.CountLeads(workspace.id));
        EXPECT_EQ(leads, 400);
        LB_ASSIGN_OR_RETURN(const auto touchpoints, tx.CountTouchpoints(workspace.id));
        EXPECT_EQ(touchpoints, 6'000);
        LB_ASSIGN_OR_RETURN(const auto users, tx.ListUsers(workspace.id));
        EXPECT_EQ(users.size(), 6U);
        LB_ASSIGN_OR_RETURN(const auto areas, tx.ListBusinessAreas(workspace.id));
        EXPECT_EQ(areas.size(), 5U);
        storage::LeadFilter filter;
        filter.sort = storage::LeadSort::kCreatedAsc;
        filter.limit = 5;
        LB_ASSIGN_OR_RETURN(const auto page, tx.ListLeads(workspace.id, filter));
        EXPECT_EQ(page.items.size(), 5U);
        for (const domain::Lead& lead : page.items) {
            EXPECT_TRUE(lead.company_id.IsSet());
            EXPECT_TRUE(lead.owner_id.IsSet());
            LB_ASSIGN_OR_RETURN(const auto history, tx.ListLeadHistory(workspace.id, lead.id));
            EXPECT_FALSE(history.empty());
            EXPECT_EQ(history.back().to_value, lead.stage);
        }
        return Ok();
    }));
}

TEST(GenerateDemoWorkspace, RefusesAWorkspaceThatAlreadyHasTheDemo) {
    Workspace workspace = NewWorkspace();
    storage::Store& store = *workspace.test_store.store;
    ASSERT_TRUE(GenerateDemoWorkspace(store, workspace.id, SmallOptions(), kNow).has_value());
    auto again = GenerateDemoWorkspace(store, workspace.id, SmallOptions(), kNow);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
}

TEST(GenerateDemoWorkspace, RejectsOptionsOutOfRange) {
    Workspace workspace = NewWorkspace();
    DemoOptions options = SmallOptions();
    options.months = 0;
    auto summary = GenerateDemoWorkspace(*workspace.test_store.store, workspace.id, options, kNow);
    ASSERT_FALSE(summary.has_value());
    EXPECT_EQ(summary.error().field, "months");
}

TEST(WriteDemoLeadsCsv, WritesOneImportableRowPerLead) {
    DemoOptions options = SmallOptions();
    std::ostringstream out;
    ASSERT_TRUE(WriteDemoLeadsCsv(out, options, kNow).has_value());
    auto records = tracking::ParseCsv(out.str());
    ASSERT_TRUE(records.has_value()) << records.error().message;
    ASSERT_EQ(records->size(), 401U);
    EXPECT_EQ(records->front().fields[1], "email");
    for (const auto& record : *records) EXPECT_EQ(record.fields.size(), 23U) << record.line;
    options.events = 0;  // as the CSV writer does
    DemoGenerator generator(options, kNow);
    const auto leads = generator.NextLeads(3);
    for (std::size_t lead_idx = 0; lead_idx < leads.size(); ++lead_idx) {
        EXPECT_EQ((*records)[lead_idx + 1].fields[1], leads[lead_idx].lead.email);
        EXPECT_EQ((*records)[lead_idx + 1].fields[19], leads[lead_idx].lead.stage);
    }
}

}  // namespace
}  // namespace lb::demo
