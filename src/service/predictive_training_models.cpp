// Cross-validating and storing models trained on an OutcomeTable (predictive_training.hpp).
#include <string>

#include <nlohmann/json.hpp>

#include "service/detail/run.hpp"
#include "service/predictive_training.hpp"

namespace lb::service {

namespace {

namespace predictive = scoring::predictive;

std::string MetricsJson(const predictive::CvReport& report) {
    nlohmann::json folds = nlohmann::json::array();
    for (const predictive::FoldResult& fold : report.folds) {
        folds.push_back({{"fold", fold.fold},
                         {"train_rows", fold.train_rows},
                         {"test_rows", fold.test_rows},
                         {"auc", fold.auc},
                         {"logloss", fold.log_loss}});
    }
    return nlohmann::json{{"auc", report.auc}, {"logloss", report.log_loss}, {"folds", folds}}
        .dump();
}

}  // namespace

Result<predictive::CvReport> CrossValidateOutcomes(const OutcomeTable& outcomes,
                                                   int fold_count,
                                                   std::uint64_t seed,
                                                   const predictive::ModelOptions& options) {
    const std::vector<int> folds = predictive::StratifiedFolds(outcomes.labels, fold_count, seed);
    return predictive::CrossValidate(
        outcomes.table, outcomes.labels, folds, std::string(kOutcomeColumn), options);
}

Result<storage::StoredPredictiveModel> SavePredictiveModel(storage::Store& store,
                                                           WorkspaceId workspace,
                                                           const OutcomeTable& outcomes,
                                                           const predictive::CvReport& report,
                                                           const predictive::ModelOptions& options,
                                                           Timestamp now) {
    LB_ASSIGN_OR_RETURN(const predictive::TrainedModel model,
                        predictive::TrainedModel::Train(
                            outcomes.table, outcomes.labels, std::string(kOutcomeColumn), options));
    LB_ASSIGN_OR_RETURN(std::string model_json, model.ToJson());
    storage::StoredPredictiveModel row{
        .workspace_id = workspace,
        .kind = std::string(predictive::ModelKindName(options.kind)),
        .created_at = now,
        .trained_on = nlohmann::json{{"won", outcomes.won}, {"lost", outcomes.lost}}.dump(),
        .metrics = MetricsJson(report),
        .model = std::move(model_json)};
    return detail::WriteValue<storage::StoredPredictiveModel>(
        store, [&](storage::Transaction& tx) { return tx.InsertPredictiveModel(row); });
}

}  // namespace lb::service
