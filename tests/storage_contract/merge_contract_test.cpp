// Lead merges and channel rules in storage: moving a lead's touchpoints, visitors and history to
// another lead, deleting the emptied lead, and the per-workspace channel rules document.
#include <vector>

#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using MergeContract = StoreContract;

domain::Touchpoint Touch(WorkspaceId ws, LeadId lead, std::string message_id, std::int64_t at) {
    domain::Touchpoint event;
    event.workspace_id = ws;
    event.lead_id = lead;
    event.anonymous_id = "v-" + message_id;
    event.type = "page";
    event.occurred_at = At(at);
    event.message_id = std::move(message_id);
    return event;
}

domain::LeadHistoryEntry History(WorkspaceId ws, LeadId lead, std::string kind) {
    domain::LeadHistoryEntry entry;
    entry.workspace_id = ws;
    entry.lead_id = lead;
    entry.kind = std::move(kind);
    entry.from_value = "lead";
    entry.to_value = "mql";
    entry.reason = "score";
    entry.actor = "system";
    entry.at = At(1'700'000'000'000);
    return entry;
}

TEST_P(MergeContract, MoveLeadRecordsMovesTouchpointsVisitorsAndHistoryUnchanged) {
    const domain::Lead into = Create(FullLead(1));
    const domain::Lead from = Create(FullLead(2));
    const std::vector<domain::Touchpoint> events = {Touch(ws_, from.id, "m1", 1'000),
                                                    Touch(ws_, from.id, "m2", 2'000),
                                                    Touch(ws_, into.id, "m3", 1'500)};
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_TRY(tx.AppendTouchpoints(events));
        LB_TRY(tx.AppendLeadHistory(History(ws_, from.id, "stage")));
        domain::Visitor visitor;
        visitor.workspace_id = ws_;
        visitor.anonymous_id = "v-m1";
        visitor.lead_id = from.id;
        return tx.SaveVisitor(visitor);
    }));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const LeadMoveCounts moved, tx.MoveLeadRecords(ws_, from.id, into.id));
        EXPECT_EQ(moved.touchpoints, 2);
        EXPECT_EQ(moved.visitors, 1);
        EXPECT_EQ(moved.history_entries, 1);
        return Ok();
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto timeline, tx.ListLeadTouchpoints(ws_, into.id));
        EXPECT_EQ(timeline.size(), 3u);
        LB_ASSIGN_OR_RETURN(const auto left, tx.ListLeadTouchpoints(ws_, from.id));
        EXPECT_TRUE(left.empty());
        LB_ASSIGN_OR_RETURN(const auto history, tx.ListLeadHistory(ws_, into.id));
        EXPECT_EQ(history.size(), 1u);
        if (!history.empty()) {
            EXPECT_EQ(history[0].kind, "stage");
            EXPECT_EQ(history[0].actor, "system");
        }
        LB_ASSIGN_OR_RETURN(const auto visitor, tx.FindVisitor(ws_, "v-m1"));
        EXPECT_TRUE(visitor && visitor->lead_id == into.id);
        return Ok();
    }));
}

TEST_P(MergeContract, MoveLeadRecordsRejectsTheSameLeadAndMissingLeads) {
    const domain::Lead lead = Create(FullLead(1));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        const auto same = tx.MoveLeadRecords(ws_, lead.id, lead.id);
        EXPECT_TRUE(!same && same.error().code == ErrorCode::kInvalidArgument);
        const auto missing = tx.MoveLeadRecords(ws_, LeadId(9'999), lead.id);
        EXPECT_TRUE(!missing && missing.error().code == ErrorCode::kNotFound);
        return Ok();
    }));
}

TEST_P(MergeContract, DeleteLeadRefusesWhileRowsReferToItThenDeletesWithCustomFields) {
    const domain::Lead into = Create(FullLead(1));
    domain::Lead with_fields = FullLead(2);
    with_fields.custom_fields["budget"] = "10";
    const domain::Lead from = Create(with_fields);
    const domain::Touchpoint event = Touch(ws_, from.id, "m1", 1'000);
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.AppendTouchpoints({&event, 1}); }));
    const Status refused = InWrite([&](Transaction& tx) { return tx.DeleteLead(ws_, from.id); });
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_TRY(AsStatus(tx.MoveLeadRecords(ws_, from.id, into.id)));
        return tx.DeleteLead(ws_, from.id);
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        const auto gone = tx.GetLead(ws_, from.id);
        EXPECT_TRUE(!gone && gone.error().code == ErrorCode::kNotFound);
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountLeads(ws_));
        EXPECT_EQ(count, 1);
        return Ok();
    }));
    const Status again = InWrite([&](Transaction& tx) { return tx.DeleteLead(ws_, from.id); });
    EXPECT_TRUE(!again && again.error().code == ErrorCode::kNotFound);
}

TEST_P(MergeContract, ChannelRulesAreEmptyUntilSavedThenReplaced) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const std::string none, tx.GetChannelRulesJson(ws_));
        EXPECT_EQ(none, "");
        LB_TRY(tx.SaveChannelRulesJson(ws_, R"({"rules":[1]})", At(1'000)));
        return tx.SaveChannelRulesJson(ws_, R"({"rules":[2]})", At(2'000));
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const std::string saved, tx.GetChannelRulesJson(ws_));
        EXPECT_EQ(saved, R"({"rules":[2]})");
        return Ok();
    }));
}

LB_INSTANTIATE_ON_ALL_BACKENDS(MergeContract);

}  // namespace
}  // namespace lb::storage
