#include "scoring/predictive/cross_validation.hpp"

#include <algorithm>
#include <chrono>

#include "common/rng.hpp"
#include "common/text.hpp"

namespace lb::scoring::predictive {
namespace {

bool IsOneOf(const std::vector<std::string>& values, const std::string& value) {
    const std::string lowered = ToLower(Trim(value));
    return std::ranges::any_of(values,
                               [&](const std::string& v) { return ToLower(Trim(v)) == lowered; });
}

std::string ColumnList(const Table& table) {
    std::string list;
    for (std::size_t column_idx = 0; column_idx < table.ColumnCount(); ++column_idx) {
        if (!list.empty()) list += ", ";
        list += "'" + table.Column(column_idx).name + "'";
    }
    return list;
}

Status CheckOutcomeCounts(const Outcomes& outcomes,
                          const std::string& target_column,
                          std::int64_t min_outcomes) {
    if (outcomes.positives == 0 || outcomes.negatives == 0) {
        return Fail(InvalidArgument(
            "target '" + target_column +
                "' has a single class: " + std::to_string(outcomes.positives) + " positive and " +
                std::to_string(outcomes.negatives) + " negative rows (is --positive right?)",
            "--target"));
    }
    const std::int64_t fewer = std::min(outcomes.positives, outcomes.negatives);
    if (fewer < min_outcomes) {
        return Fail(InvalidArgument(
            "too few outcomes to learn from: " + std::to_string(outcomes.positives) +
                " positive and " + std::to_string(outcomes.negatives) +
                " negative rows; training needs at least " + std::to_string(min_outcomes) +
                " of each, so no model was made",
            "--min-outcomes"));
    }
    return Ok();
}

// Trains on the rows outside `fold`, scores the rows in it (into `predictions`) and measures.
Result<FoldResult> RunFold(const Table& table,
                           std::span<const std::uint8_t> labels,
                           std::span<const int> folds,
                           int fold,
                           const std::string& target_column,
                           const ModelOptions& options,
                           std::vector<double>& predictions) {
    std::vector<std::size_t> train_rows, test_rows;
    for (std::size_t row = 0; row < folds.size(); ++row) {
        (folds[row] == fold ? test_rows : train_rows).push_back(row);
    }
    std::vector<std::uint8_t> train_labels, test_labels;
    for (const std::size_t row : train_rows) train_labels.push_back(labels[row]);
    for (const std::size_t row : test_rows) test_labels.push_back(labels[row]);
    const auto start = std::chrono::steady_clock::now();
    const Table train_table = table.SelectRows(train_rows);
    LB_ASSIGN_OR_RETURN(const TrainedModel model,
                        TrainedModel::Train(train_table, train_labels, target_column, options));
    const std::chrono::duration<double> fit_time = std::chrono::steady_clock::now() - start;
    LB_ASSIGN_OR_RETURN(const std::vector<double> scores,
                        model.Predict(table.SelectRows(test_rows)));
    for (std::size_t idx = 0; idx < test_rows.size(); ++idx)
        predictions[test_rows[idx]] = scores[idx];
    return FoldResult{.fold = fold + 1,
                      .train_rows = std::ssize(train_rows),
                      .test_rows = std::ssize(test_rows),
                      .auc = Auc(scores, test_labels),
                      .log_loss = LogLoss(scores, test_labels),
                      .fit_seconds = fit_time.count()};
}

}  // namespace

std::vector<std::string> DefaultPositiveValues() {
    return {"1", "yes", "true", "won"};
}

Result<Outcomes> ReadOutcomes(const Table& table,
                              const std::string& target_column,
                              const std::vector<std::string>& positive_values,
                              const std::vector<std::string>& missing_values,
                              std::int64_t min_outcomes) {
    const std::optional<std::size_t> column = table.FindColumn(target_column);
    if (!column) {
        return Fail(InvalidArgument(
            "no column '" + target_column + "'; the columns are " + ColumnList(table), "--target"));
    }
    Outcomes outcomes;
    for (std::size_t row = 0; row < table.RowCount(); ++row) {
        const std::string& value = table.Value(*column, row);
        if (Trim(value).empty() || IsOneOf(missing_values, value)) {
            ++outcomes.dropped;
            continue;
        }
        const bool is_positive = IsOneOf(positive_values, value);
        outcomes.rows.push_back(row);
        outcomes.labels.push_back(is_positive ? 1 : 0);
        ++(is_positive ? outcomes.positives : outcomes.negatives);
    }
    LB_TRY(CheckOutcomeCounts(outcomes, target_column, min_outcomes));
    return outcomes;
}

std::vector<int> StratifiedFolds(std::span<const std::uint8_t> labels,
                                 int fold_count,
                                 std::uint64_t seed) {
    Rng rng(seed);
    std::vector<int> folds(labels.size(), 0);
    int next_fold = 0;
    for (const std::uint8_t label_class : {std::uint8_t{1}, std::uint8_t{0}}) {
        std::vector<std::size_t> members;
        for (std::size_t row = 0; row < labels.size(); ++row) {
            if ((labels[row] != 0) == (label_class != 0)) members.push_back(row);
        }
        std::shuffle(members.begin(), members.end(), rng.Engine());
        // The second class continues where the first stopped, so fold sizes differ by <= 1.
        for (const std::size_t row : members) {
            folds[row] = next_fold;
            next_fold = (next_fold + 1) % fold_count;
        }
    }
    return folds;
}

Result<CvReport> CrossValidate(const Table& table,
                               std::span<const std::uint8_t> labels,
                               std::span<const int> folds,
                               const std::string& target_column,
                               const ModelOptions& options) {
    const int fold_count = *std::ranges::max_element(folds) + 1;
    CvReport report;
    report.predictions.assign(labels.size(), 0);
    for (int fold = 0; fold < fold_count; ++fold) {
        LB_ASSIGN_OR_RETURN(
            FoldResult result,
            RunFold(table, labels, folds, fold, target_column, options, report.predictions));
        report.folds.push_back(result);
    }
    for (const FoldResult& result : report.folds) {
        report.auc += result.auc / fold_count;
        report.log_loss += result.log_loss / fold_count;
    }
    report.reliability = Reliability(report.predictions, labels);
    report.deciles = Deciles(report.predictions, labels);
    return report;
}

}  // namespace lb::scoring::predictive
