#include "scoring/predictive/trained_model.hpp"

#include <algorithm>
#include <cmath>

namespace lb::scoring::predictive {
namespace {

// Rows encoded at a time: a few MiB of floats, and enough rows to keep XGBoost's threads busy.
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
    LB_ASSIGN_OR_RETURN(model.spec_, FitFeatureSpec(table, target_column, options.features));
    LB_ASSIGN_OR_RETURN(const FeatureMatrix features, EncodeFeatures(model.spec_, table));
    if (options.kind == ModelKind::kLogistic) {
        LB_ASSIGN_OR_RETURN(model.logistic_, FitLogistic(features, labels, options.logistic));
    } else {
        LB_ASSIGN_OR_RETURN(BoostedModel boosted,
                            BoostedModel::Fit(features, labels, options.boosted));
        model.boosted_ = std::move(boosted);
    }
    return model;
}

Result<std::vector<double>> TrainedModel::PredictMatrix(const FeatureMatrix& features) const {
    if (kind_ == ModelKind::kLogistic) return logistic_.Predict(features);
    return boosted_->Predict(features);
}

Result<std::vector<double>> TrainedModel::Predict(const Table& table) const {
    std::vector<double> probabilities;
    probabilities.reserve(table.RowCount());
    for (std::size_t begin = 0; begin < table.RowCount(); begin += kChunkRows) {
        LB_ASSIGN_OR_RETURN(const FeatureMatrix features,
                            EncodeFeatures(spec_, table, begin, begin + kChunkRows));
        LB_ASSIGN_OR_RETURN(const std::vector<double> chunk, PredictMatrix(features));
        probabilities.insert(probabilities.end(), chunk.begin(), chunk.end());
    }
    return probabilities;
}

Result<std::vector<std::vector<Contribution>>> TrainedModel::Explain(const Table& table,
                                                                     std::size_t top_n) const {
    const std::vector<std::string> names = spec_.FeatureNames();
    LB_ASSIGN_OR_RETURN(const FeatureMatrix features, EncodeFeatures(spec_, table));
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
