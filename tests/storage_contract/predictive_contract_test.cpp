// Predictive model storage: versions numbered 1, 2, 3... per workspace, every field kept, the
// latest version found.
#include <vector>

#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using PredictiveContract = StoreContract;

StoredPredictiveModel Model(WorkspaceId ws, std::string kind, std::string model) {
    return {.workspace_id = ws,
            .kind = std::move(kind),
            .created_at = At(5'000),
            .trained_on = R"({"won":60,"lost":70})",
            .metrics = R"({"auc":0.91})",
            .model = std::move(model)};
}

TEST_P(PredictiveContract, VersionsCountFromOnePerWorkspaceAndKeepEveryField) {
    std::vector<int> versions;
    for (const char* kind : {"boosted", "logistic"}) {
        LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(const auto stored,
                                tx.InsertPredictiveModel(Model(ws_, kind, R"({"m":1})")));
            versions.push_back(stored.version);
            return Ok();
        }));
    }
    EXPECT_EQ(versions, (std::vector<int>{1, 2}));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto models, tx.ListPredictiveModels(ws_));
        EXPECT_EQ(models.size(), 2U);
        if (models.size() == 2) {
            EXPECT_EQ(models[0].version, 1);
            EXPECT_EQ(models[0].kind, "boosted");
            EXPECT_EQ(models[0].created_at, At(5'000));
            EXPECT_EQ(models[0].trained_on, R"({"won":60,"lost":70})");
            EXPECT_EQ(models[0].metrics, R"({"auc":0.91})");
            EXPECT_EQ(models[0].model, R"({"m":1})");
            EXPECT_EQ(models[1].version, 2);
        }
        LB_ASSIGN_OR_RETURN(const auto latest, tx.GetLatestPredictiveModel(ws_));
        EXPECT_TRUE(latest.has_value());
        if (latest) {
            EXPECT_EQ(latest->kind, "logistic");
        }
        return Ok();
    }));
}

TEST_P(PredictiveContract, AnotherWorkspaceStartsAtVersionOneAndSeesNoOtherModels) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) {
        return AsStatus(tx.InsertPredictiveModel(Model(ws_, "boosted", "{}")));
    }));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto other, tx.CreateWorkspace(MakeWorkspace("Other", "tk_o")));
        LB_ASSIGN_OR_RETURN(const auto before, tx.GetLatestPredictiveModel(other.id));
        EXPECT_FALSE(before.has_value());
        LB_ASSIGN_OR_RETURN(const auto stored,
                            tx.InsertPredictiveModel(Model(other.id, "logistic", "{}")));
        EXPECT_EQ(stored.version, 1);
        LB_ASSIGN_OR_RETURN(const auto listed, tx.ListPredictiveModels(other.id));
        EXPECT_EQ(listed.size(), 1U);
        return Ok();
    }));
}

TEST_P(PredictiveContract, AWorkspaceWithoutModelsHasNoLatest) {
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto latest, tx.GetLatestPredictiveModel(ws_));
        EXPECT_FALSE(latest.has_value());
        LB_ASSIGN_OR_RETURN(const auto models, tx.ListPredictiveModels(ws_));
        EXPECT_TRUE(models.empty());
        return Ok();
    }));
}

LB_INSTANTIATE_ON_ALL_BACKENDS(PredictiveContract);

}  // namespace
}  // namespace lb::storage
