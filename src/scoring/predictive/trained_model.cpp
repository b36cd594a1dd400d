#include "scoring/predictive/trained_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace lb::scoring::predictive {
namespace {

// Rows encoded at a time: a few MiB of floats per thread.
constexpr std::size_t kChunkRows = 8192;

std::vector<Contribution> TopContributions(const std::vector<std::string>& names,
                                           std::span<const float> values,
                                           std::size_t top_n) {
    std::vector<Contribution> all;
    for (std::size_t feature = 0; feature < names.size(); ++feature) {
        if (values[feature] != 0.0F) all.push_back({names[feature], values[feature]});
    }
    const std::size_t kept = std::min(top_n, all.size());
    std::partial_sort(all.begin(),
                      all.begin() + static_cast<std::ptrdiff_t>(kept),
                      all.end(),
                      [](const Contribution& a, const Contribution& b) {
                          return std::abs(a.log_odds) > std::abs(b.log_odds);
                      });
    all.resize(kept);
    return all;
}

}  // namespace

std::string_view ModelKindName(ModelKind kind) {
    return kind == ModelKind::kLogistic ? "logistic" : "boosted";
}

Result<ModelKind> ParseModelKind(std::string_view name) {
    if (name == "logistic") return ModelKind::kLogistic;
    if (name == "boosted") return ModelKind::kBoosted;
    return Fail(
        InvalidArgument("must be logistic or boosted, not '" + std::string(name) + "'", "--model"));
}

Result<TrainedModel> TrainedModel::Train(const Table& table,
                                         std::span<const std::uint8_t> labels,
                                         const std::string& target_column,
                                         const ModelOptions& options) {
    TrainedModel model;
    model.kind_ = options.kind;
    model.target_ = target_column;
    if (options.kind == ModelKind::kBoosted) {
        model.absent_level_ = std::numeric_limits<float>::quiet_NaN();
    }
    LB_ASSIGN_OR_RETURN(model.spec_, FitFeatureSpec(table, target_column, options.features));
    LB_ASSIGN_OR_RETURN(const FeatureMatrix features, model.Encode(table, 0, SIZE_MAX));
    if (options.kind == ModelKind::kLogistic) {
        LB_ASSIGN_OR_RETURN(model.logistic_, FitLogistic(features, labels, options.logistic));
    } else {
        LB_ASSIGN_OR_RETURN(BoostedModel boosted,
                            BoostedModel::Fit(features, labels, options.boosted));
        model.boosted_ = std::move(boosted);
    }
    return model;
}

Result<FeatureMatrix> TrainedModel::Encode(const Table& table,
                                           std::size_t row_begin,
                                           std::size_t row_end) const {
    return EncodeFeatures(spec_, table, row_begin, row_end, absent_level_);
}

Result<std::vector<double>> TrainedModel::PredictMatrix(const FeatureMatrix& features) const {
    if (kind_ == ModelKind::kLogistic) return logistic_.Predict(features);
    return boosted_->Predict(features);
}

Status TrainedModel::PredictChunks(const Table& table,
                                   std::size_t first_chunk,
                                   std::size_t chunk_stride,
                                   std::span<double> probabilities) const {
    for (std::size_t begin = first_chunk * kChunkRows; begin < table.RowCount();
         begin += chunk_stride * kChunkRows) {
        LB_ASSIGN_OR_RETURN(const FeatureMatrix features, Encode(table, begin, begin + kChunkRows));
        LB_ASSIGN_OR_RETURN(const std::vector<double> chunk, PredictMatrix(features));
        std::ranges::copy(chunk, probabilities.begin() + static_cast<std::ptrdiff_t>(begin));
    }
    return Ok();
}

Result<std::vector<double>> TrainedModel::Predict(const Table& table) const {
    std::vector<double> probabilities(table.RowCount());
    const std::size_t chunk_count = (table.RowCount() + kChunkRows - 1) / kChunkRows;
    const std::size_t thread_count =
        std::min<std::size_t>(chunk_count, std::max(1U, std::thread::hardware_concurrency()));
    std::vector<Status> statuses(std::max<std::size_t>(thread_count, 1), Ok());
    {
        std::vector<std::jthread> workers;
        for (std::size_t worker = 1; worker < thread_count; ++worker) {
            workers.emplace_back([&, worker] {
                statuses[worker] = PredictChunks(table, worker, thread_count, probabilities);
            });
        }
        statuses[0] =
            PredictChunks(table, 0, std::max<std::size_t>(thread_count, 1), probabilities);
    }
    for (const Status& status : statuses) LB_TRY(status);
    return probabilities;
}

Result<std::vector<std::vector<Contribution>>> TrainedModel::Explain(const Table& table,
                                                                     std::size_t top_n) const {
    const std::vector<std::string> names = spec_.FeatureNames();
    LB_ASSIGN_OR_RETURN(const FeatureMatrix features, Encode(table, 0, SIZE_MAX));
    std::vector<std::vector<Contribution>> explanations;
    if (kind_ == ModelKind::kBoosted) {
        LB_ASSIGN_OR_RETURN(const std::vector<float> values, boosted_->Contributions(features));
        const std::size_t stride = names.size() + 1;  // the bias closes each row
        for (std::size_t row = 0; row < table.RowCount(); ++row) {
            explanations.push_back(TopContributions(
                names, std::span<const float>(values).subspan(row * stride, names.size()), top_n));
        }
        return explanations;
    }
    for (Eigen::Index row = 0; row < features.rows(); ++row) {
        const std::vector<double> terms = logistic_.Terms(features, row);
        const std::vector<float> values(terms.begin(), terms.end());
        explanations.push_back(TopContributions(names, values, top_n));
    }
    return explanations;
}

}  // namespace lb::scoring::predictive
