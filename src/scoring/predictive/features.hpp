// Turning a Table into numbers: which columns are numeric or categorical, which levels are kept,
// what counts as missing (FeatureSpec, learned from training rows only), and the encoding itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "common/result.hpp"
#include "scoring/predictive/table.hpp"

namespace lb::scoring::predictive {

// Rows are examples, columns features; row-major so XGBoost can read it as is.
using FeatureMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct FeatureOptions {
    // Values meaning "no value" (compared trimmed, ignoring case), e.g. a form's "Select".
    std::vector<std::string> missing_values{"", "Select"};
    // Columns never used as features (ids, fields filled in after the outcome). The target column
    // is always excluded.
    std::vector<std::string> excluded_columns;
    // Categorical levels seen fewer times than this in the training rows share one "__other__"
    // feature.
    std::int64_t min_level_count = 10;
};

enum class ColumnKind { kNumeric, kCategorical };

inline constexpr const char* kOtherLevel = "__other__";
inline constexpr const char* kMissingLevel = "__missing__";

// How one column becomes features, starting at feature index `first_feature`.
// kNumeric: the value (`median` when missing), then a 0/1 missing indicator when the training
// rows had missing values. kCategorical: one 0/1 feature per kept level in `levels` order, then
// "__other__" (rare or unseen levels), then "__missing__".
struct ColumnEncoding {
    std::string name;
    ColumnKind kind = ColumnKind::kCategorical;
    std::size_t first_feature = 0;
    double median = 0;
    bool has_missing_indicator = false;
    std::vector<std::string> levels;
};

// Everything needed to encode new rows the way the training rows were encoded. Plain value.
struct FeatureSpec {
    std::vector<std::string> missing_values;
    std::vector<ColumnEncoding> columns;
    std::size_t feature_count = 0;

    // One name per feature: "Lead Source=Google", "TotalVisits", "TotalVisits=__missing__".
    [[nodiscard]] std::vector<std::string> FeatureNames() const;
    // True when `value` is one of missing_values (trimmed, ignoring case).
    [[nodiscard]] bool IsMissing(const std::string& value) const;
};

// Learns the spec from every row of `table`, skipping `target_column` and the excluded columns.
// A column is numeric when every non-missing value parses as a finite number (and one does).
// kInvalidArgument (field "--exclude") when an excluded column is not in the table, or when no
// column is left to learn from.
[[nodiscard]] Result<FeatureSpec> FitFeatureSpec(const Table& table,
                                                 const std::string& target_column,
                                                 const FeatureOptions& options);

// Encodes rows [row_begin, row_end) of `table` (RowCount() rows when row_end is larger).
// `absent_level` is what a categorical feature holds when the row has another level: 0 for the
// logistic model; NaN for trees, so XGBoost stores only the level a row has (a sparse matrix, a
// few entries per column instead of one per level: the same splits, fewer entries to bin).
// kInvalidArgument naming the column when a column of the spec is not in the table.
[[nodiscard]] Result<FeatureMatrix> EncodeFeatures(const FeatureSpec& spec,
                                                   const Table& table,
                                                   std::size_t row_begin = 0,
                                                   std::size_t row_end = SIZE_MAX,
                                                   float absent_level = 0.0F);

// The number in `text` (trimmed) when all of it is a finite number.
[[nodiscard]] std::optional<double> ParseNumber(const std::string& text);

}  // namespace lb::scoring::predictive
