// TreeEnsemble: the trees of a trained XGBoost booster copied into flat arrays and evaluated by
// our own code, so scoring calls no XGBoost function and reads the encoded rows where they are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "scoring/predictive/features.hpp"

namespace lb::scoring::predictive {

// Every node of every tree in one struct-of-arrays block (children of a node side by side, leaves
// pointing at themselves), plus the base margin. Evaluates exactly as XGBoost's CPU predictor: go
// left when value < split condition, a NaN takes the node's default direction, leaf values summed
// in float in tree order from the base margin, then the logistic function. Plain value;
// immutable after construction, so concurrent Predict calls are safe.
class TreeEnsemble final {
public:
    // From a model saved by XGBoosterSaveModelToBuffer with {"format": "json"}. kInvalidArgument
    // naming the problem when the text is not such a model, or the model uses something this
    // evaluator does not: an objective other than binary:logistic, a booster other than gbtree,
    // categorical splits, vector leaves, a child index out of range.
    [[nodiscard]] static Result<TreeEnsemble> FromXgboostJson(std::string_view json);

    // Writes the probability of each row of `rows` (row-major, `row_width` floats per row, NaN =
    // missing) into `probabilities`. Requires: row_width >= FeatureCount() and rows.size() ==
    // probabilities.size() * row_width.
    void Predict(std::span<const float> rows,
                 std::size_t row_width,
                 std::span<double> probabilities) const;
    // The probability of each row of `features`. Requires: features.cols() >= FeatureCount().
    [[nodiscard]] std::vector<double> Predict(const FeatureMatrix& features) const;

    [[nodiscard]] std::size_t TreeCount() const { return tree_root_.size(); }
    [[nodiscard]] std::size_t NodeCount() const { return split_feature_.size(); }
    // The number of features the booster was trained on.
    [[nodiscard]] std::size_t FeatureCount() const { return feature_count_; }

private:
    friend class TreeEnsembleBuilder;
    // Adds the margins of rows [row_begin, row_begin + row_count) into `margins`.
    void AddMargins(const float* rows,
                    std::size_t row_width,
                    std::size_t row_count,
                    float* margins) const;

    // Per node; a step goes right when value >= split_value_, or value is NaN and the node's
    // kMissingGoesRight bit is set. split_feature_ holds the feature index in its low 31 bits and
    // that bit on top (one load for both). Leaves: feature 0 with the bit clear, split_value_ NaN
    // (nothing is >= NaN) and left_child_ the leaf itself, so steps past a leaf stay on it.
    static constexpr std::uint32_t kMissingGoesRight = 1U << 31;
    std::vector<std::uint32_t> split_feature_;
    std::vector<float> split_value_;
    std::vector<std::uint32_t> left_child_;  // the right child is left_child_ + 1
    std::vector<float> leaf_value_;          // 0 for inner nodes
    // Per tree: its root's index and the number of steps from the root to its deepest leaf.
    std::vector<std::uint32_t> tree_root_;
    std::vector<std::uint32_t> tree_depth_;
    float base_margin_ = 0;
    std::size_t feature_count_ = 0;
};

}  // namespace lb::scoring::predictive
