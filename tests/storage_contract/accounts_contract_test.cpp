// Workspaces, users, sessions and API keys.
#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using AccountContract = StoreContract;

TEST_P(AccountContract, WorkspacesRoundTripAndUpdate) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(domain::Workspace workspace, tx.GetWorkspace(ws_));
        EXPECT_EQ(workspace.name, "Acme Media");
        EXPECT_EQ(workspace.currency, "DKK");
        EXPECT_EQ(workspace.created_at, At(1'700'000'000'000));
        workspace.name = "Acme Medier ÆØÅ";
        workspace.currency = "EUR";
        workspace.timezone = "Europe/Berlin";
        workspace.mql_threshold = 70;
        workspace.sql_deadline_days = 14;
        workspace.tracking_key = "tk_new";
        LB_TRY(tx.UpdateWorkspace(workspace));
        LB_ASSIGN_OR_RETURN(auto by_key, tx.FindWorkspaceByTrackingKey("tk_new"));
        EXPECT_TRUE(by_key && by_key->name == "Acme Medier ÆØÅ" && by_key->mql_threshold == 70 &&
                    by_key->sql_deadline_days == 14 && by_key->timezone == "Europe/Berlin");
        LB_ASSIGN_OR_RETURN(auto old_key, tx.FindWorkspaceByTrackingKey("tk_main"));
        EXPECT_FALSE(old_key.has_value());
        LB_ASSIGN_OR_RETURN(auto second, tx.CreateWorkspace(MakeWorkspace("Second", "tk_2")));
        LB_ASSIGN_OR_RETURN(auto all, tx.ListWorkspaces());
        EXPECT_EQ(all.size(), 2U);
        EXPECT_EQ(all.at(1).id, second.id);
        EXPECT_EQ(tx.GetWorkspace(WorkspaceId(999)).error().code, ErrorCode::kNotFound);
        workspace.id = WorkspaceId(999);
        EXPECT_EQ(tx.UpdateWorkspace(workspace).error().code, ErrorCode::kNotFound);
        return Ok();
    }));
}

TEST_P(AccountContract, TrackingKeysAreUnique) {
    const Status status = InWrite([&](Transaction& tx) {
        return AsStatus(tx.CreateWorkspace(MakeWorkspace("Copy", "tk_main")));
    });
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(status.error().field, "tracking_key");
}

TEST_P(AccountContract, UsersRoundTripAndEmailsAreUniquePerWorkspace) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::User ann, tx.CreateUser(MakeUser("ann@acme.dk")));
        LB_ASSIGN_OR_RETURN(const domain::User got, tx.GetUser(ws_, ann.id));
        EXPECT_EQ(got.email, "ann@acme.dk");
        EXPECT_EQ(got.name, "Ann Ødegaard");
        EXPECT_EQ(got.role, domain::Role::kMarketing);
        EXPECT_EQ(got.password_hash, "$argon2id$v=19$stub");
        EXPECT_EQ(got.created_at, At(1'700'000'000'123));
        LB_ASSIGN_OR_RETURN(auto found, tx.FindUserByEmail(ws_, "ann@acme.dk"));
        EXPECT_TRUE(found && found->id == ann.id);
        LB_ASSIGN_OR_RETURN(auto missing, tx.FindUserByEmail(ws_, "bob@acme.dk"));
        EXPECT_FALSE(missing.has_value());
        auto duplicate = tx.CreateUser(MakeUser("ann@acme.dk"));
        EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
        EXPECT_EQ(duplicate.error().field, "email");
        LB_TRY(tx.CreateUser(MakeUser("bob@acme.dk")));
        LB_ASSIGN_OR_RETURN(auto users, tx.ListUsers(ws_));
        EXPECT_EQ(users.size(), 2U);
        EXPECT_EQ(tx.GetUser(ws_, UserId(999)).error().code, ErrorCode::kNotFound);
        return Ok();
    }));
}

TEST_P(AccountContract, SessionsAreCreatedFoundAndDeleted) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::User ann, tx.CreateUser(MakeUser("ann@acme.dk")));
        const Session session{.token_hash = "abc123",
                              .workspace_id = ws_,
                              .user_id = ann.id,
                              .created_at = At(10),
                              .expires_at = At(20)};
        LB_TRY(tx.CreateSession(session));
        EXPECT_EQ(tx.CreateSession(session).error().field, "token_hash");
        LB_ASSIGN_OR_RETURN(auto found, tx.FindSession("abc123"));
        EXPECT_TRUE(found && found->user_id == ann.id && found->workspace_id == ws_ &&
                    found->created_at == At(10) && found->expires_at == At(20));
        LB_TRY(tx.DeleteSession("abc123"));
        LB_ASSIGN_OR_RETURN(auto gone, tx.FindSession("abc123"));
        EXPECT_FALSE(gone.has_value());
        return Ok();
    }));
}

TEST_P(AccountContract, ApiKeysRoundTripAndRevoke) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::User ann, tx.CreateUser(MakeUser("ann@acme.dk")));
        domain::ApiKey key;
        key.workspace_id = ws_;
        key.name = "CRM sync";
        key.role = domain::Role::kSales;
        key.user_id = ann.id;
        key.prefix = "lb_abc";
        key.secret_hash = "f00d";
        key.created_at = At(5);
        LB_ASSIGN_OR_RETURN(key, tx.CreateApiKey(key));
        domain::ApiKey admin = key;
        admin.user_id = UserId();
        admin.role = domain::Role::kAdmin;
        admin.secret_hash = "beef";
        LB_TRY(tx.CreateApiKey(admin));
        EXPECT_EQ(tx.CreateApiKey(admin).error().field, "secret_hash");
        LB_TRY(tx.RevokeApiKey(ws_, key.id, At(99)));
        EXPECT_EQ(tx.RevokeApiKey(ws_, ApiKeyId(999), At(99)).error().code, ErrorCode::kNotFound);
        LB_ASSIGN_OR_RETURN(auto found, tx.FindApiKeyByHash("f00d"));
        EXPECT_TRUE(found && found->id == key.id && found->name == "CRM sync" &&
                    found->role == domain::Role::kSales && found->user_id == ann.id &&
                    found->prefix == "lb_abc" && found->created_at == At(5));
        EXPECT_EQ(found->revoked_at, std::optional<Timestamp>(At(99)));
        LB_ASSIGN_OR_RETURN(auto keys, tx.ListApiKeys(ws_));
        EXPECT_EQ(keys.size(), 2U);
        EXPECT_FALSE(keys.at(1).revoked_at.has_value());
        EXPECT_FALSE(keys.at(1).user_id.IsSet());
        return Ok();
    }));
}

LB_INSTANTIATE_ON_ALL_BACKENDS(AccountContract);

}  // namespace
}  // namespace lb::storage
