#include "scoring/predictive/tree_ensemble.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/rng.hpp"
#include "scoring/predictive/boosted.hpp"

namespace lb::scoring::predictive {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

// Rows with 6 features: two numeric with a signal (each missing 15 % of the time, and missing
// itself leans positive in one and negative in the other, so trees learn both default
// directions), two 0/1 columns and two noise columns. Label drawn from a logistic of them.
struct Sample {
    FeatureMatrix features;
    std::vector<std::uint8_t> labels;
};

Sample MakeSample(int rows, std::uint64_t seed) {
    Rng rng(seed);
    Sample sample{FeatureMatrix(rows, 6), {}};
    for (int row = 0; row < rows; ++row) {
        const double visits = rng.Unit() * 20;
        const double minutes = rng.Unit() * 30;
        const bool is_event = rng.Chance(0.3);
        const bool visits_missing = rng.Chance(0.15);
        const bool minutes_missing = rng.Chance(0.15);
        double log_odds = (visits - 10) / 4 - (minutes - 15) / 8 + (is_event ? 1.5 : 0);
        if (visits_missing) log_odds = 1.0;
        if (minutes_missing) log_odds -= 1.0;
        sample.labels.push_back(rng.Chance(1 / (1 + std::exp(-log_odds))) ? 1 : 0);
        sample.features.row(row) << (visits_missing ? kMissing : static_cast<float>(visits)),
            (minutes_missing ? kMissing : static_cast<float>(minutes)), is_event ? 1.0F : 0.0F,
            rng.Chance(0.5) ? 1.0F : 0.0F, static_cast<float>(rng.Unit()),
            static_cast<float>(rng.Unit() * 100);
    }
    return sample;
}

TEST(TreeEnsemble, GivesXgboostsOwnProbabilitiesOnHeldOutRowsWithMissingValues) {
    const Sample train = MakeSample(3000, 1);
    const Sample held_out = MakeSample(2000, 2);
    BoostedOptions options;
    options.rounds = 120;
    options.max_depth = 6;
    const auto model = BoostedModel::Fit(train.features, train.labels, options);
    ASSERT_TRUE(model) << model.error().message;
    EXPECT_EQ(model->Trees().TreeCount(), 120U);
    const auto ours = model->Predict(held_out.features);
    const auto xgboost = model->PredictWithXgboost(held_out.features);
    ASSERT_TRUE(ours && xgboost);
    ASSERT_EQ(ours->size(), xgboost->size());
    int missing_rows = 0;
    for (Eigen::Index row = 0; row < held_out.features.rows(); ++row) {
        if (std::isnan(held_out.features(row, 0)) || std::isnan(held_out.features(row, 1))) {
            ++missing_rows;
        }
        const auto idx = static_cast<std::size_t>(row);
        ASSERT_NEAR((*ours)[idx], (*xgboost)[idx], 1e-6) << "row " << row;
    }
    EXPECT_GT(missing_rows, 400);
}

TEST(TreeEnsemble, RejectsRowsWithFewerFeaturesThanTheModel) {
    const Sample train = MakeSample(500, 3);
    BoostedOptions options;
    options.rounds = 10;
    const auto model = BoostedModel::Fit(train.features, train.labels, options);
    ASSERT_TRUE(model) << model.error().message;
    FeatureMatrix narrow = train.features.leftCols(4);
    EXPECT_FALSE(model->Predict(narrow));
}

// One tree: feature 1 < 0.5 goes left (leaf -1), else right (leaf +2); missing goes left.
std::string StumpModel(const std::string& objective, const std::string& default_left) {
    return R"({"learner": {"objective": {"name": ")" + objective +
           R"("}, "gradient_booster": {"name": "gbtree", "model": {"trees": [{
        "left_children": [1, -1, -1], "right_children": [2, -1, -1],
        "split_indices": [1, 0, 0], "split_conditions": [0.5, -1.0, 2.0],
        "default_left": [)" +
           default_left + R"(, 0, 0], "split_type": [0, 0, 0],
        "tree_param": {"num_nodes": "3", "size_leaf_vector": "0"}}]}},
        "learner_model_param": {"base_score": "5E-1", "num_class": "0",
        "num_feature": "2", "num_target": "1"}}})";
}

double Logistic(double margin) {
    return 1 / (1 + std::exp(-margin));
}

TEST(TreeEnsemble, SendsMissingValuesTheDefaultWay) {
    const auto left = TreeEnsemble::FromXgboostJson(StumpModel("binary:logistic", "1"));
    const auto right = TreeEnsemble::FromXgboostJson(StumpModel("binary:logistic", "0"));
    ASSERT_TRUE(left && right) << (left ? right.error().message : left.error().message);
    FeatureMatrix rows(4, 2);
    rows << 9, 0.2F, 9, 0.5F, 9, 0.7F, 9, kMissing;
    const std::vector<double> by_left = left->Predict(rows);
    EXPECT_NEAR(by_left[0], Logistic(-1), 1e-7);
    EXPECT_NEAR(by_left[1], Logistic(2), 1e-7);  // not less than the split: right
    EXPECT_NEAR(by_left[2], Logistic(2), 1e-7);
    EXPECT_NEAR(by_left[3], Logistic(-1), 1e-7);
    EXPECT_NEAR(right->Predict(rows)[3], Logistic(2), 1e-7);
}

TEST(TreeEnsemble, RejectsModelsItCannotEvaluate) {
    EXPECT_FALSE(TreeEnsemble::FromXgboostJson("not json"));
    EXPECT_FALSE(TreeEnsemble::FromXgboostJson("{}"));
    const auto softmax = TreeEnsemble::FromXgboostJson(StumpModel("multi:softprob", "1"));
    ASSERT_FALSE(softmax);
    EXPECT_NE(softmax.error().message.find("multi:softprob"), std::string::npos);
    std::string bad_child = StumpModel("binary:logistic", "1");
    bad_child.replace(bad_child.find("[2, -1, -1]"), 11, "[7, -1, -1]");
    EXPECT_FALSE(TreeEnsemble::FromXgboostJson(bad_child));
}

}  // namespace
}  // namespace lb::scoring::predictive
