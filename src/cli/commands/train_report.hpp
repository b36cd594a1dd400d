// What `leadbase train` prints: per-fold lines with the cross-validated auc= and logloss=, the
// reliability and decile tables, the fold of each row, scoring speed and explanations.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "scoring/predictive/cross_validation.hpp"
#include "scoring/predictive/trained_model.hpp"

namespace lb::cli {

// One line per fold, then auc=, logloss= and fit_s_median= (the lines scripts read).
void PrintFolds(const scoring::predictive::CvReport& report, std::ostream& out);

// The reliability table (calibration) and lift/gains per decile, out of fold.
void PrintTables(const scoring::predictive::CvReport& report, std::ostream& out);

// "row,fold" CSV: the fold each labelled row was tested in.
[[nodiscard]] std::string FoldAssignment(const scoring::predictive::Outcomes& outcomes,
                                         const std::vector<int>& folds);

// Times predicting `row_count` rows: the labelled rows repeated (TrainedModel::Predict uses
// every hardware thread); prints scoring_rows=, scoring_s=, leads_per_s= and threads=.
[[nodiscard]] Status MeasureScoring(const scoring::predictive::TrainedModel& model,
                                    const scoring::predictive::Table& table,
                                    std::int64_t row_count,
                                    std::ostream& out);

// Prints the probability and the 3 largest contributions of the first `row_count` rows.
[[nodiscard]] Status PrintExplanations(const scoring::predictive::TrainedModel& model,
                                       const scoring::predictive::Table& table,
                                       std::int64_t row_count,
                                       std::ostream& out);

}  // namespace lb::cli
