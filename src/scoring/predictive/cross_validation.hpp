// Outcomes from a table's target column, thin-data checks, stratified folds and k-fold
// cross-validation of a TrainedModel (the spec is learned on each training fold only).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "scoring/predictive/metrics.hpp"
#include "scoring/predictive/table.hpp"
#include "scoring/predictive/trained_model.hpp"

namespace lb::scoring::predictive {

// Target values that count as a positive outcome (compared trimmed, ignoring case).
[[nodiscard]] std::vector<std::string> DefaultPositiveValues();

// The labelled rows of a table: rows whose target is not empty (nor a missing value).
struct Outcomes {
    std::vector<std::size_t> rows;     // indexes into the table, ascending
    std::vector<std::uint8_t> labels;  // 1 positive, 0 negative; one per entry of rows
    std::int64_t dropped = 0;          // rows without a target value
    std::int64_t positives = 0;
    std::int64_t negatives = 0;
};

// Reads `target_column`. Values equal to one of `positive_values` are 1, other non-empty values 0.
// kInvalidArgument (field "--target") when the column does not exist (the message lists the
// columns) or when all labelled rows have one class; (field "--min-outcomes") when positives or
// negatives are fewer than `min_outcomes`.
[[nodiscard]] Result<Outcomes> ReadOutcomes(const Table& table,
                                            const std::string& target_column,
                                            const std::vector<std::string>& positive_values,
                                            const std::vector<std::string>& missing_values,
                                            std::int64_t min_outcomes);

// The fold (0..fold_count-1) of each label: each class is shuffled with `seed` and dealt round
// robin, so every fold holds each class's share to within one row. Requires: fold_count >= 2.
[[nodiscard]] std::vector<int> StratifiedFolds(std::span<const std::uint8_t> labels,
                                               int fold_count,
                                               std::uint64_t seed);

struct FoldResult {
    int fold = 0;
    std::int64_t train_rows = 0;
    std::int64_t test_rows = 0;
    double auc = 0;
    double log_loss = 0;
    double fit_seconds = 0;  // feature spec + encoding + model fit on the training rows
};

struct CvReport {
    std::vector<FoldResult> folds;
    double auc = 0;                           // mean over folds
    double log_loss = 0;                      // mean over folds
    std::vector<double> predictions;          // out-of-fold probability per labelled row
    std::vector<ReliabilityBin> reliability;  // of the out-of-fold predictions
    std::vector<DecileRow> deciles;           // of the out-of-fold predictions
};

// Cross-validates: per fold, trains on the other folds' rows of `table` and scores this fold's.
// `labels` and `folds` have one entry per table row. Errors of TrainedModel::Train / Predict.
// Requires: fold numbers 0..k-1 with k >= 2, each fold and its complement non-empty.
[[nodiscard]] Result<CvReport> CrossValidate(const Table& table,
                                             std::span<const std::uint8_t> labels,
                                             std::span<const int> folds,
                                             const std::string& target_column,
                                             const ModelOptions& options);

}  // namespace lb::scoring::predictive
