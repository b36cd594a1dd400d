#include "cli/commands/train_report.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <fmt/format.h>

namespace lb::cli {

namespace predictive = scoring::predictive;

void PrintFolds(const predictive::CvReport& report, std::ostream& out) {
    std::vector<double> fit_seconds;
    for (const predictive::FoldResult& fold : report.folds) {
        out << fmt::format("fold={} train={} test={} auc={:.4f} logloss={:.4f} fit_s={:.3f}\n",
                           fold.fold,
                           fold.train_rows,
                           fold.test_rows,
                           fold.auc,
                           fold.log_loss,
                           fold.fit_seconds);
        fit_seconds.push_back(fold.fit_seconds);
    }
    std::ranges::sort(fit_seconds);
    out << fmt::format("auc={:.4f}\nlogloss={:.4f}\nfit_s_median={:.3f}\n",
                       report.auc,
                       report.log_loss,
                       fit_seconds[fit_seconds.size() / 2]);
}

void PrintTables(const predictive::CvReport& report, std::ostream& out) {
    out << "reliability (out-of-fold): bin, leads, mean predicted, observed rate\n";
    for (const predictive::ReliabilityBin& bin : report.reliability) {
        out << fmt::format("  [{:.1f},{:.1f}) {:>6} {:.3f} {:.3f}\n",
                           bin.low,
                           bin.high,
                           bin.count,
                           bin.mean_predicted,
                           bin.observed_rate);
    }
    out << "deciles (out-of-fold, best first): decile, leads, converted, rate, lift, "
           "cumulative gain, lowest score\n";
    for (const predictive::DecileRow& row : report.deciles) {
        out << fmt::format("  {:>2} {:>6} {:>6} {:.3f} {:.2f} {:.3f} {:.3f}\n",
                           row.decile,
                           row.count,
                           row.positives,
                           row.rate,
                           row.lift,
                           row.cumulative_gain,
                           row.min_score);
    }
}

std::string FoldAssignment(const predictive::Outcomes& outcomes, const std::vector<int>& folds) {
    std::string text = "row,fold\n";
    for (std::size_t idx = 0; idx < folds.size(); ++idx) {
        text += fmt::format("{},{}\n", outcomes.rows[idx], folds[idx]);
    }
    return text;
}

Status MeasureScoring(const predictive::TrainedModel& model,
                      const predictive::Table& table,
                      std::int64_t row_count,
                      std::ostream& out) {
    std::vector<std::size_t> rows(static_cast<std::size_t>(row_count));
    for (std::size_t idx = 0; idx < rows.size(); ++idx) rows[idx] = idx % table.RowCount();
    const predictive::Table repeated = table.SelectRows(rows);
    const auto start = std::chrono::steady_clock::now();
    LB_ASSIGN_OR_RETURN(const std::vector<double> scores, model.Predict(repeated));
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    out << fmt::format("scoring_rows={} scoring_s={:.3f} leads_per_s={:.0f} threads={}\n",
                       scores.size(),
                       elapsed.count(),
                       static_cast<double>(scores.size()) / elapsed.count(),
                       std::max(1U, std::thread::hardware_concurrency()));
    return Ok();
}

Status PrintExplanations(const predictive::TrainedModel& model,
                         const predictive::Table& table,
                         std::int64_t row_count,
                         std::ostream& out) {
    std::vector<std::size_t> rows;
    for (std::size_t row = 0; row < table.RowCount() && std::ssize(rows) < row_count; ++row) {
        rows.push_back(row);
    }
    const predictive::Table first = table.SelectRows(rows);
    LB_ASSIGN_OR_RETURN(const std::vector<double> scores, model.Predict(first));
    LB_ASSIGN_OR_RETURN(const auto explanations, model.Explain(first, 3));
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out << fmt::format("explain row={} p={:.3f}", row + 1, scores[row]);
        for (const predictive::Contribution& term : explanations[row]) {
            out << fmt::format(" [{} {:+.3f}]", term.feature, term.log_odds);
        }
        out << '\n';
    }
    return Ok();
}

}  // namespace lb::cli
