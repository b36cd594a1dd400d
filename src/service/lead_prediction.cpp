#include "service/lead_prediction.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "service/detail/predictive_rows.hpp"
#include "service/detail/run.hpp"

namespace lb::service {

namespace {

namespace predictive = scoring::predictive;

constexpr int kLeadScanBatch = 2'000;
constexpr std::size_t kWriteBatch = 500;

// The custom keys and touchpoint types of the columns `spec` reads, so that a prediction table
// has every column the model was trained with.
void ColumnKeys(const predictive::FeatureSpec& spec,
                std::set<std::string>& custom_keys,
                std::set<std::string>& touch_types) {
    constexpr std::string_view kCustom = "custom.";
    constexpr std::string_view kTouches = "touches.";
    for (const predictive::ColumnEncoding& column : spec.columns) {
        const std::string_view name = column.name;
        if (name.starts_with(kCustom)) custom_keys.emplace(name.substr(kCustom.size()));
        if (name.starts_with(kTouches) && name != "touches.total")
            touch_types.emplace(name.substr(kTouches.size()));
    }
}

Error ModelError(int version, const Error& cause) {
    return Internal("predictive model version " + std::to_string(version) +
                    " cannot score leads: " + cause.message);
}

}  // namespace

Result<std::shared_ptr<LeadPredictor::LoadedModel>> LeadPredictor::LatestModel(
    storage::Transaction& tx, WorkspaceId workspace) {
    LB_ASSIGN_OR_RETURN(const std::optional<int> version,
                        tx.GetLatestPredictiveModelVersion(workspace));
    if (!version) return std::shared_ptr<LoadedModel>();
    {
        const std::lock_guard lock(cache_mu_);
        const auto found = cache_.find(workspace.value);
        if (found != cache_.end() && found->second->version == *version) return found->second;
    }
    LB_ASSIGN_OR_RETURN(const auto stored, tx.GetLatestPredictiveModel(workspace));
    if (!stored) return std::shared_ptr<LoadedModel>();
    auto model = predictive::TrainedModel::FromJson(stored->model);
    if (!model) return Fail(ModelError(stored->version, model.error()));
    auto loaded = std::make_shared<LoadedModel>(stored->version, std::move(*model));
    ColumnKeys(loaded->model.Spec(), loaded->custom_keys, loaded->touch_types);
    const std::lock_guard lock(cache_mu_);
    cache_[workspace.value] = loaded;
    return loaded;
}

namespace {

// The predictions of every row of `table` under `model` (locked by the caller).
Result<std::vector<domain::LeadPrediction>> PredictRows(const predictive::TrainedModel& model,
                                                        int version,
                                                        const predictive::Table& table) {
    auto probabilities = model.Predict(table);
    if (!probabilities) return Fail(ModelError(version, probabilities.error()));
    auto explained = model.Explain(table, kPredictedTopFeatures);
    if (!explained) return Fail(ModelError(version, explained.error()));
    std::vector<domain::LeadPrediction> predictions;
    predictions.reserve(probabilities->size());
    for (std::size_t row = 0; row < probabilities->size(); ++row) {
        domain::LeadPrediction prediction{.probability = (*probabilities)[row],
                                          .model_version = version};
        for (const predictive::Contribution& item : (*explained)[row]) {
            if (prediction.top.size() == kPredictedTopFeatures) break;
            prediction.top.push_back({.feature = item.feature, .log_odds = item.log_odds});
        }
        predictions.push_back(std::move(prediction));
    }
    return predictions;
}

// One row per entry, in order, with the columns of `loaded`'s model.
template <typename LoadedModel>
Result<predictive::Table> PredictionTable(const LoadedModel& loaded,
                                          const std::vector<detail::PredictiveLead>& leads,
                                          const detail::CompaniesById& companies) {
    predictive::Table table(detail::FeatureColumnNames(loaded.custom_keys, loaded.touch_types));
    for (const detail::PredictiveLead& entry : leads) {
        const auto company = companies.find(entry.lead.company_id.value);
        LB_TRY(table.AppendRow(
            detail::FeatureRowValues(entry,
                                     company == companies.end() ? nullptr : &company->second,
                                     loaded.custom_keys,
                                     loaded.touch_types)));
    }
    return table;
}

}  // namespace

Status LeadPredictor::RefreshLead(storage::Transaction& tx,
                                  WorkspaceId workspace,
                                  const domain::Lead& lead,
                                  const domain::Company* company,
                                  std::span<const domain::Touchpoint> touches,
                                  Timestamp now) {
    LB_ASSIGN_OR_RETURN(const std::shared_ptr<LoadedModel> loaded, LatestModel(tx, workspace));
    if (!loaded) return Ok();
    std::vector<detail::PredictiveLead> entries(1);
    entries[0].lead = lead;
    entries[0].until = now;
    for (const domain::Touchpoint& touch : touches) detail::AddTouch(entries[0], touch);
    detail::CompaniesById companies;
    if (company != nullptr) companies.emplace(company->id.value, *company);
    std::vector<domain::LeadPrediction> predictions;
    {
        const std::lock_guard lock(loaded->mu);
        LB_ASSIGN_OR_RETURN(const predictive::Table table,
                            PredictionTable(*loaded, entries, companies));
        LB_ASSIGN_OR_RETURN(predictions, PredictRows(loaded->model, loaded->version, table));
    }
    return tx.SaveLeadPrediction(workspace, lead.id, predictions.at(0));
}

namespace {

// Every lead of the workspace with its touchpoints up to `now`, and their companies.
Status ReadWorkspaceLeads(storage::Transaction& tx,
                          WorkspaceId workspace,
                          Timestamp now,
                          std::vector<detail::PredictiveLead>& leads,
                          detail::CompaniesById& companies) {
    LeadId after;
    while (true) {
        LB_ASSIGN_OR_RETURN(auto batch, tx.ListLeadsAfter(workspace, after, kLeadScanBatch));
        if (batch.empty()) break;
        after = batch.back().id;
        for (domain::Lead& lead : batch) leads.push_back({.lead = std::move(lead), .until = now});
    }
    LB_TRY(detail::AddTouchAggregates(tx, workspace, leads));
    LB_ASSIGN_OR_RETURN(companies, detail::LoadCompanies(tx, workspace, leads));
    return Ok();
}

// Saves predictions[idx] for leads[idx] in batches, skipping leads whose stored prediction is
// already that one, and leads deleted or edited since the snapshot (their own edit refreshed
// them). Returns how many were saved.
Result<std::int64_t> SavePredictions(storage::Store& store,
                                     WorkspaceId workspace,
                                     const std::vector<detail::PredictiveLead>& leads,
                                     const std::vector<domain::LeadPrediction>& predictions) {
    std::int64_t saved = 0;
    for (std::size_t begin = 0; begin < leads.size(); begin += kWriteBatch) {
        const std::size_t end = std::min(leads.size(), begin + kWriteBatch);
        std::int64_t batch_saved = 0;
        const Status written = store.Write([&](storage::Transaction& tx) -> Status {
            batch_saved = 0;
            for (std::size_t idx = begin; idx < end; ++idx) {
                if (leads[idx].lead.predicted == predictions[idx]) continue;
                auto current = tx.GetLeadWithoutBreakdown(workspace, leads[idx].lead.id);
                if (!current && current.error().code == ErrorCode::kNotFound) continue;
                if (!current) return Fail(std::move(current.error()));
                if (current->updated_at != leads[idx].lead.updated_at) continue;
                LB_TRY(tx.SaveLeadPrediction(workspace, current->id, predictions[idx]));
                ++batch_saved;
            }
            return Ok();
        });
        if (!written) return Fail(written.error());
        saved += batch_saved;
    }
    return saved;
}

}  // namespace

Result<std::int64_t> LeadPredictor::RefreshWorkspace(storage::Store& store,
                                                     WorkspaceId workspace,
                                                     Timestamp now) {
    std::shared_ptr<LoadedModel> loaded;
    std::vector<detail::PredictiveLead> leads;
    detail::CompaniesById companies;
    const Status read = store.Read([&](storage::Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(loaded, LatestModel(tx, workspace));
        if (!loaded) return Ok();
        return ReadWorkspaceLeads(tx, workspace, now, leads, companies);
    });
    if (!read) return Fail(read.error());
    if (!loaded || leads.empty()) return std::int64_t{0};
    std::vector<domain::LeadPrediction> predictions;
    {
        const std::lock_guard lock(loaded->mu);
        LB_ASSIGN_OR_RETURN(const predictive::Table table,
                            PredictionTable(*loaded, leads, companies));
        LB_ASSIGN_OR_RETURN(predictions, PredictRows(loaded->model, loaded->version, table));
    }
    return SavePredictions(store, workspace, leads, predictions);
}

}  // namespace lb::service
