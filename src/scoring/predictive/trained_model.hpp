// TrainedModel: a feature spec plus a logistic or boosted model, trained on a table's rows,
// predicting and explaining new rows, and saved as versioned JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "scoring/predictive/boosted.hpp"
#include "scoring/predictive/features.hpp"
#include "scoring/predictive/logistic.hpp"
#include "scoring/predictive/table.hpp"

namespace lb::scoring::predictive {

enum class ModelKind { kLogistic, kBoosted };

// "logistic" / "boosted".
[[nodiscard]] std::string_view ModelKindName(ModelKind kind);
// kInvalidArgument (field "--model") for another name.
[[nodiscard]] Result<ModelKind> ParseModelKind(std::string_view name);

// The version written by TrainedModel::ToJson; FromJson reads this version only.
inline constexpr int kModelFormatVersion = 1;

struct ModelOptions {
    ModelKind kind = ModelKind::kBoosted;
    FeatureOptions features;
    LogisticOptions logistic;
    BoostedOptions boosted;
};

// One feature's share of a prediction, in log-odds.
struct Contribution {
    std::string feature;  // as FeatureSpec::FeatureNames() names it
    double log_odds = 0;
};

// A trained model. Owns everything it needs (an XGBoost handle for kBoosted). Move-only. Not
// thread-safe: one caller at a time.
class TrainedModel final {
public:
    // Learns the spec from `table` (skipping `target_column`) and fits the model on its rows.
    // Errors of FitFeatureSpec, FitLogistic and BoostedModel::Fit.
    // Requires: labels.size() == table.RowCount().
    [[nodiscard]] static Result<TrainedModel> Train(const Table& table,
                                                    std::span<const std::uint8_t> labels,
                                                    const std::string& target_column,
                                                    const ModelOptions& options);
    // Reads ToJson's output; kInvalidArgument naming the problem (not JSON, another version,
    // a missing or mistyped field, a broken booster).
    [[nodiscard]] static Result<TrainedModel> FromJson(std::string_view json);
    // {"format": "leadbase-predictive", "version": 1, "kind", "target", "features": {...},
    // "absent_level": "zero" | "missing", "logistic": {...} | "booster_ubj_base64": "..."}.
    // A document without "absent_level" (written before it existed) reads as "zero".
    [[nodiscard]] Result<std::string> ToJson() const;

    // The probability of each row of `table`, encoded in chunks so memory stays bounded; the
    // chunks are shared among std::thread::hardware_concurrency() threads, each writing its own
    // rows. kInvalidArgument when a feature column is missing from the table.
    [[nodiscard]] Result<std::vector<double>> Predict(const Table& table) const;
    // Per row, the `top_n` features with the largest absolute contributions, largest first
    // (XGBoost SHAP values or logistic terms).
    [[nodiscard]] Result<std::vector<std::vector<Contribution>>> Explain(const Table& table,
                                                                         std::size_t top_n) const;

    [[nodiscard]] ModelKind Kind() const { return kind_; }
    [[nodiscard]] const std::string& Target() const { return target_; }
    [[nodiscard]] const FeatureSpec& Spec() const { return spec_; }
    // The logistic model (meaningful for kLogistic only).
    [[nodiscard]] const LogisticModel& Logistic() const { return logistic_; }

private:
    TrainedModel() = default;
    // EncodeFeatures with this model's absent_level_.
    [[nodiscard]] Result<FeatureMatrix> Encode(const Table& table,
                                               std::size_t row_begin,
                                               std::size_t row_end) const;
    [[nodiscard]] Result<std::vector<double>> PredictMatrix(const FeatureMatrix& features) const;
    // Predicts chunks first_chunk, first_chunk + chunk_stride, ... of `table` into their rows of
    // `probabilities`. Only reads the model, so threads may run it at once.
    [[nodiscard]] Status PredictChunks(const Table& table,
                                       std::size_t first_chunk,
                                       std::size_t chunk_stride,
                                       std::span<double> probabilities) const;

    ModelKind kind_ = ModelKind::kBoosted;
    std::string target_;
    FeatureSpec spec_;
    LogisticModel logistic_;
    std::optional<BoostedModel> boosted_;
    // What categorical features a row does not have hold (EncodeFeatures): 0, or NaN for boosted
    // models trained since this was stored ("absent_level": "missing" in the JSON).
    float absent_level_ = 0.0F;
};

}  // namespace lb::scoring::predictive
