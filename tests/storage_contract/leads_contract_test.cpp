// Leads: round trips of every field, uniqueness, not found, updates, history, rollback.
#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using LeadContract = StoreContract;

// A user and a company for the lead's references.

TEST_P(LeadContract, RoundTripsEveryField) {
    domain::Lead lead = FullLead(1);
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto user, tx.CreateUser(MakeUser("ann@acme.dk")));
        LB_ASSIGN_OR_RETURN(auto company, tx.CreateCompany(MakeCompany("Acme")));
        lead.owner_id = user.id;
        lead.company_id = company.id;
        LB_ASSIGN_OR_RETURN(lead, tx.CreateLead(lead));
        return Ok();
    }));
    ASSERT_TRUE(lead.id.IsSet());
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Lead got, tx.GetLead(ws_, lead.id));
        ExpectSameLead(got, lead);
        LB_ASSIGN_OR_RETURN(auto by_email, tx.FindLeadByEmail(ws_, lead.email));
        LB_ASSIGN_OR_RETURN(auto by_external, tx.FindLeadByExternalId(ws_, lead.external_id));
        EXPECT_TRUE(by_email && by_email->id == lead.id);
        EXPECT_TRUE(by_external && by_external->id == lead.id);
        EXPECT_EQ(by_external->custom_fields, lead.custom_fields);
        return Ok();
    }));
}

TEST_P(LeadContract, RoundTripsUnsetOptionalValues) {
    const domain::Lead lead = Create(BareLead());
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Lead got, tx.GetLead(ws_, lead.id));
        ExpectSameLead(got, lead);
        EXPECT_FALSE(got.rating || got.horizon || got.potential || got.probability ||
                     got.deal_value);
        LB_ASSIGN_OR_RETURN(auto none, tx.FindLeadByEmail(ws_, ""));
        EXPECT_FALSE(none.has_value());
        return Ok();
    }));
}

TEST_P(LeadContract, EmptyEmailsAndExternalIdsAreNotUnique) {
    Create(BareLead());
    Create(BareLead());
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountLeads(ws_));
        EXPECT_EQ(count, 2);
        return Ok();
    }));
}

TEST_P(LeadContract, TakenEmailOrExternalIdIsAlreadyExistsWithField) {
    Create(FullLead(1));
    domain::Lead same_email = FullLead(2);
    same_email.email = FullLead(1).email;
    domain::Lead same_external = FullLead(3);
    same_external.external_id = FullLead(1).external_id;
    for (const auto& [lead, field] :
         {std::pair{same_email, "email"}, std::pair{same_external, "external_id"}}) {
        const Status status =
            InWrite([&](Transaction& tx) -> Status { return AsStatus(tx.CreateLead(lead)); });
        ASSERT_FALSE(status.has_value());
        EXPECT_EQ(status.error().code, ErrorCode::kAlreadyExists);
        EXPECT_EQ(status.error().field, field);
    }
}

TEST_P(LeadContract, TransactionStaysUsableAfterAUniqueViolation) {
    Create(FullLead(1));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        auto duplicate = tx.CreateLead(FullLead(1));
        EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
        return AsStatus(tx.CreateLead(FullLead(2)));
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountLeads(ws_));
        EXPECT_EQ(count, 2);
        return Ok();
    }));
}

TEST_P(LeadContract, MissingLeadIsNotFound) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        auto got = tx.GetLead(ws_, LeadId(424242));
        EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
        EXPECT_EQ(got.error().message, "lead 424242 not found");
        domain::Lead ghost = FullLead(9);
        ghost.id = LeadId(424242);
        EXPECT_EQ(tx.UpdateLead(ghost).error().code, ErrorCode::kNotFound);
        return Ok();
    }));
}

TEST_P(LeadContract, LeadsOfAnotherWorkspaceAreInvisible) {
    const domain::Lead lead = Create(FullLead(1));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto other, tx.CreateWorkspace(MakeWorkspace("Other", "t2")));
        EXPECT_EQ(tx.GetLead(other.id, lead.id).error().code, ErrorCode::kNotFound);
        LB_ASSIGN_OR_RETURN(auto found, tx.FindLeadByEmail(other.id, lead.email));
        EXPECT_FALSE(found.has_value());
        domain::Lead same_email = FullLead(1);
        same_email.workspace_id = other.id;
        return AsStatus(tx.CreateLead(same_email));
    }));
}

TEST_P(LeadContract, UpdateReplacesEveryFieldButCreatedAt) {
    domain::Lead lead = Create(FullLead(1));
    domain::Lead changed = BareLead();
    changed.id = lead.id;
    changed.email = "new@example.dk";
    changed.custom_fields = {{"only", "this"}};
    changed.created_at = At(5);
    changed.updated_at = At(1'800'000'000'000);
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.UpdateLead(changed); }));
    changed.created_at = lead.created_at;
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Lead got, tx.GetLead(ws_, lead.id));
        ExpectSameLead(got, changed);
        return Ok();
    }));
}

TEST_P(LeadContract, UpdateToATakenEmailIsAlreadyExists) {
    Create(FullLead(1));
    domain::Lead second = Create(FullLead(2));
    second.email = FullLead(1).email;
    const Status status = InWrite([&](Transaction& tx) { return tx.UpdateLead(second); });
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(status.error().field, "email");
}

TEST_P(LeadContract, FailedWriteLeavesNothingHalfWritten) {
    const Status status = InWrite([&](Transaction& tx) -> Status {
        LB_TRY(tx.CreateLead(FullLead(1)));
        LB_TRY(tx.CreateCompany(MakeCompany("Half")));
        return Fail(InvalidArgument("the caller changed its mind", "x"));
    });
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().field, "x");
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountLeads(ws_));
        EXPECT_EQ(count, 0);
        LB_ASSIGN_OR_RETURN(auto companies, tx.ListCompanies(ws_, CompanyFilter{}));
        EXPECT_TRUE(companies.items.empty());
        return Ok();
    }));
}

TEST_P(LeadContract, HistoryIsAppendedAndListedOldestFirst) {
    const domain::Lead lead = Create(FullLead(1));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        domain::LeadHistoryEntry stage{.id = 0,
                                       .workspace_id = ws_,
                                       .lead_id = lead.id,
                                       .kind = "stage",
                                       .from_value = "lead",
                                       .to_value = "mql",
                                       .reason = "score 72 ≥ 65",
                                       .actor = "system",
                                       .at = At(2000)};
        LB_TRY(tx.AppendLeadHistory(stage));
        domain::LeadHistoryEntry created = stage;
        created.kind = "created";
        created.at = At(1000);
        return tx.AppendLeadHistory(created);
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto history, tx.ListLeadHistory(ws_, lead.id));
        EXPECT_EQ(history.size(), 2U);
        EXPECT_EQ(history.at(0).kind, "created");
        EXPECT_EQ(history.at(1).reason, "score 72 ≥ 65");
        EXPECT_EQ(history.at(1).at, At(2000));
        EXPECT_GT(history.at(1).id, 0);
        return Ok();
    }));
}

TEST_P(LeadContract, StageArrivalsGiveEachLeadsFirstAndLastMoveIntoEachAskedStage) {
    const domain::Lead won_twice = Create(FullLead(1));
    const domain::Lead lost = Create(FullLead(2));
    const domain::Lead never_decided = Create(FullLead(3));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        const auto move = [&](const domain::Lead& lead, std::string to, std::int64_t at) {
            return tx.AppendLeadHistory({.id = 0,
                                         .workspace_id = ws_,
                                         .lead_id = lead.id,
                                         .kind = "stage",
                                         .from_value = "sql",
                                         .to_value = std::move(to),
                                         .reason = "",
                                         .actor = "test",
                                         .at = At(at)});
        };
        LB_TRY(move(won_twice, "won", 3000));
        LB_TRY(move(won_twice, "won", 9000));  // reopened and won again
        LB_TRY(move(won_twice, "won", 5000));  // appended later, but earlier in time
        LB_TRY(move(lost, "lost", 4000));
        LB_TRY(move(never_decided, "mql", 7000));
        domain::LeadHistoryEntry note{.id = 0,
                                      .workspace_id = ws_,
                                      .lead_id = never_decided.id,
                                      .kind = "owner",
                                      .from_value = "",
                                      .to_value = "won",
                                      .reason = "",
                                      .actor = "test",
                                      .at = At(8000)};
        return tx.AppendLeadHistory(note);  // not a stage move, although its value says "won"
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        const std::vector<std::string> stages = {"won", "lost"};
        LB_ASSIGN_OR_RETURN(const auto arrivals, tx.ListStageArrivals(ws_, stages));
        EXPECT_EQ(arrivals.size(), 2U);
        if (arrivals.size() != 2U) return Ok();
        EXPECT_EQ(arrivals[0].lead, won_twice.id);
        EXPECT_EQ(arrivals[0].stage, "won");
        EXPECT_EQ(arrivals[0].first_at, At(3000));
        EXPECT_EQ(arrivals[0].last_at, At(9000));
        EXPECT_EQ(arrivals[1].lead, lost.id);
        EXPECT_EQ(arrivals[1].stage, "lost");
        EXPECT_EQ(arrivals[1].first_at, At(4000));
        EXPECT_EQ(arrivals[1].last_at, At(4000));
        return Ok();
    }));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto other, tx.CreateWorkspace(MakeWorkspace("Other", "t2")));
        const std::vector<std::string> stages = {"won", "lost"};
        LB_ASSIGN_OR_RETURN(const auto none, tx.ListStageArrivals(other.id, stages));
        EXPECT_TRUE(none.empty());
        return Ok();
    }));
}

LB_INSTANTIATE_ON_ALL_BACKENDS(LeadContract);

}  // namespace
}  // namespace lb::storage
