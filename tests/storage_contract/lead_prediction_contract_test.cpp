// Lead predictions (issue 5): saved without touching updated_at, cleared, the latest model
// version read alone, and the lead list sorted, paged and filtered by predicted conversion.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using LeadPredictionContract = StoreContract;

domain::LeadPrediction Prediction(double probability, int version = 2) {
    return {.probability = probability,
            .model_version = version,
            .top = {{.feature = "company.industry=Retail", .log_odds = 0.41},
                    {.feature = "touches.total", .log_odds = -0.125}}};
}

TEST_P(LeadPredictionContract, SavedPredictionKeepsEveryFieldAndLeavesUpdatedAtAlone) {
    const domain::Lead lead = Create(FullLead(1));
    LB_ASSERT_OK(InWrite(
        [&](Transaction& tx) { return tx.SaveLeadPrediction(ws_, lead.id, Prediction(0.73)); }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Lead stored, tx.GetLead(ws_, lead.id));
        EXPECT_EQ(stored.updated_at, lead.updated_at);
        EXPECT_TRUE(stored.predicted.has_value());
        if (!stored.predicted) return Ok();
        EXPECT_DOUBLE_EQ(stored.predicted->probability, 0.73);
        EXPECT_EQ(stored.predicted->model_version, 2);
        EXPECT_EQ(stored.predicted->top.size(), 2U);
        if (stored.predicted->top.size() == 2) {
            EXPECT_EQ(stored.predicted->top[0].feature, "company.industry=Retail");
            EXPECT_DOUBLE_EQ(stored.predicted->top[1].log_odds, -0.125);
        }
        return Ok();
    }));
}

TEST_P(LeadPredictionContract, ANewLeadHasNoPredictionAndSavingNulloptClearsIt) {
    const domain::Lead lead = Create(FullLead(2));
    EXPECT_FALSE(lead.predicted.has_value());
    LB_ASSERT_OK(InWrite(
        [&](Transaction& tx) { return tx.SaveLeadPrediction(ws_, lead.id, Prediction(0.2)); }));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.SaveLeadPrediction(ws_, lead.id, {}); }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Lead stored, tx.GetLead(ws_, lead.id));
        EXPECT_FALSE(stored.predicted.has_value());
        return Ok();
    }));
}

TEST_P(LeadPredictionContract, SavingThePredictionOfAMissingLeadIsNotFound) {
    const Status saved =
        InWrite([&](Transaction& tx) { return tx.SaveLeadPrediction(ws_, LeadId(999'999), {}); });
    ASSERT_FALSE(saved.has_value());
    EXPECT_EQ(saved.error().code, ErrorCode::kNotFound);
}

TEST_P(LeadPredictionContract, LatestModelVersionIsNulloptWithoutModelsThenTheHighest) {
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto none, tx.GetLatestPredictiveModelVersion(ws_));
        EXPECT_FALSE(none.has_value());
        return Ok();
    }));
    for (int idx = 0; idx < 2; ++idx) {
        LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
            LB_TRY(tx.InsertPredictiveModel({.workspace_id = ws_,
                                             .kind = "logistic",
                                             .created_at = At(1'000),
                                             .trained_on = "{}",
                                             .metrics = "{}",
                                             .model = "{}"}));
            return Ok();
        }));
    }
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto latest, tx.GetLatestPredictiveModelVersion(ws_));
        EXPECT_EQ(latest, std::optional<int>(2));
        return Ok();
    }));
}

class PredictedListContract : public StoreContract {
protected:
    // 11 leads: probabilities with ties (only the id breaks them) and three without a prediction.
    void SetUp() override {
        StoreContract::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        const std::vector<std::optional<double>> probabilities = {0.5,
                                                                  std::nullopt,
                                                                  0.1,
                                                                  0.9,
                                                                  0.5,
                                                                  std::nullopt,
                                                                  0.123456789,
                                                                  0.9,
                                                                  0.5,
                                                                  std::nullopt,
                                                                  0.7};
        for (std::size_t idx = 0; idx < probabilities.size(); ++idx) {
            const domain::Lead lead = Create(FullLead(static_cast<int>(idx)));
            if (probabilities[idx]) {
                LB_ASSERT_OK(InWrite([&](Transaction& tx) {
                    return tx.SaveLeadPrediction(ws_, lead.id, Prediction(*probabilities[idx]));
                }));
            }
            keys_.emplace_back(probabilities[idx].value_or(-1.0), lead.id.value);
        }
    }

    std::vector<std::int64_t> ListAll(LeadFilter filter) {
        std::vector<std::int64_t> ids;
        filter.limit = 2;
        const Status status = TheStore().Read([&](Transaction& tx) -> Status {
            do {
                LB_ASSIGN_OR_RETURN(auto page, tx.ListLeads(ws_, filter));
                for (const auto& lead : page.items) ids.push_back(lead.id.value);
                filter.cursor = page.next_cursor;
            } while (!filter.cursor.empty());
            return Ok();
        });
        EXPECT_TRUE(status.has_value()) << status.error().message;
        return ids;
    }

    std::vector<std::pair<double, std::int64_t>> keys_;  // (probability or -1, id)
};

TEST_P(PredictedListContract, PredictedSortPagesEveryLeadOnceInOrderWithoutPredictionsLast) {
    auto ascending = keys_;
    std::sort(ascending.begin(), ascending.end());
    std::vector<std::int64_t> expected_asc;
    for (const auto& key : ascending) expected_asc.push_back(key.second);
    const std::vector<std::int64_t> expected_desc(expected_asc.rbegin(), expected_asc.rend());
    LeadFilter filter;
    filter.sort = LeadSort::kPredictedAsc;
    EXPECT_EQ(ListAll(filter), expected_asc);
    filter.sort = LeadSort::kPredictedDesc;
    EXPECT_EQ(ListAll(filter), expected_desc);
}

TEST_P(PredictedListContract, MinPredictedKeepsOnlyLeadsAtOrAboveItAndNoneWithoutPrediction) {
    LeadFilter filter;
    filter.sort = LeadSort::kPredictedDesc;
    filter.min_predicted = 0.5;
    std::vector<std::int64_t> expected;
    auto descending = keys_;
    std::sort(descending.rbegin(), descending.rend());
    for (const auto& key : descending)
        if (key.first >= 0.5) expected.push_back(key.second);
    EXPECT_EQ(ListAll(filter), expected);
    filter.min_predicted = 0.0;
    EXPECT_EQ(ListAll(filter).size(), 8U);
}

LB_INSTANTIATE_ON_ALL_BACKENDS(LeadPredictionContract);
LB_INSTANTIATE_ON_ALL_BACKENDS(PredictedListContract);

}  // namespace
}  // namespace lb::storage
