// Gradient-boosted trees through XGBoost's C API: training, per-feature contributions (SHAP
// values) and the model as bytes; prediction by our own evaluator of the trees (TreeEnsemble).
// XGBoost handles live in RAII owners.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "scoring/predictive/features.hpp"
#include "scoring/predictive/tree_ensemble.hpp"

namespace lb::scoring::predictive {

// Defaults chosen by inner cross-validation inside the training folds of the X Education
// benchmark, never by its test folds (docs/predictive.md, "Choosing the boosted settings"): per
// outer fold the grid's best was learning rate 0.1, depth 5 (3 of 5 folds), column sample 0.5
// (3 of 5) and 93-147 rounds; their inner-CV AUC equals the former 300 rounds at 0.05 (0.9272
// both) with 2.5x fewer trees to fit and to score.
struct BoostedOptions {
    int rounds = 120;
    double learning_rate = 0.1;
    int max_depth = 5;
    double min_child_weight = 1;
    double subsample = 0.8;
    double colsample_bytree = 0.5;
    double l2 = 1;      // XGBoost's lambda
    int max_bin = 256;  // histogram bins per numeric feature (tree_method=hist)
    // XGBoost threads; 0 = std::thread::hardware_concurrency().
    int threads = 0;
    std::uint64_t seed = 42;
};

namespace detail {
struct BoosterFree {
    void operator()(void* handle) const noexcept;
};
}  // namespace detail

// A trained booster (binary:logistic). Owns its XGBoost handle. Move-only. Not thread-safe: one
// caller at a time per model.
class BoostedModel final {
public:
    // Trains on `features` (rows = examples). kInvalidArgument for an empty or mismatched input;
    // kInternal with XGBoost's message when XGBoost fails.
    [[nodiscard]] static Result<BoostedModel> Fit(const FeatureMatrix& features,
                                                  std::span<const std::uint8_t> labels,
                                                  const BoostedOptions& options = {});
    // A model from bytes of SaveBytes(); kInvalidArgument when XGBoost cannot read them.
    [[nodiscard]] static Result<BoostedModel> FromBytes(const std::string& bytes, int threads = 2);

    // The probability of each row, from the trees copied out of XGBoost (TreeEnsemble; equal to
    // PredictWithXgboost to float rounding). kInvalidArgument when the matrix has fewer columns
    // than the model has features.
    [[nodiscard]] Result<std::vector<double>> Predict(const FeatureMatrix& features) const;
    // The probability of each row from XGBoost's own predictor (the reference Predict is checked
    // against); kInternal on an XGBoost failure.
    [[nodiscard]] Result<std::vector<double>> PredictWithXgboost(
        const FeatureMatrix& features) const;
    // The trees Predict evaluates.
    [[nodiscard]] const TreeEnsemble& Trees() const { return trees_; }
    // Per row, one contribution per feature (log-odds, SHAP) followed by the bias:
    // (features.cols() + 1) values per row, row after row.
    [[nodiscard]] Result<std::vector<float>> Contributions(const FeatureMatrix& features) const;
    // The model in XGBoost's UBJSON format.
    [[nodiscard]] Result<std::string> SaveBytes() const;

private:
    explicit BoostedModel(void* handle) : booster_(handle) {}
    // Copies the trees out of the booster into trees_; kInternal when XGBoost cannot dump them.
    [[nodiscard]] Status LoadTrees();

    std::unique_ptr<void, detail::BoosterFree> booster_;
    TreeEnsemble trees_;
};

}  // namespace lb::scoring::predictive
