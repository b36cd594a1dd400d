#include "service/scoring_service.hpp"

#include <algorithm>
#include <utility>

#include "scoring/model_parser.hpp"
#include "service/detail/run.hpp"

namespace lb::service {

namespace {

// Keys unique and every model valid; errors name the model's index ("[2].rules[0].points").
Status ValidateModelList(const std::vector<scoring::Model>& models) {
    if (models.empty())
        return Fail(InvalidArgument("a workspace needs at least one scoring model", "items"));
    for (std::size_t idx = 0; idx < models.size(); ++idx) {
        const std::string prefix = "[" + std::to_string(idx) + "]";
        if (auto valid = scoring::ValidateModel(models[idx]); !valid) {
            Error error = valid.error();
            error.field = prefix + (error.field.empty() ? "" : "." + error.field);
            return Fail(std::move(error));
        }
        for (std::size_t other = 0; other < idx; ++other) {
            if (models[other].key == models[idx].key) {
                return Fail(InvalidArgument("the key '" + models[idx].key + "' is used twice",
                                            prefix + ".key"));
            }
        }
    }
    return Ok();
}

}  // namespace

ScoringService::ScoringService(Services& services) : services_(services) {
}

ScoringService::~ScoringService() {
    Stop();
}

Result<std::vector<scoring::Model>> ScoringService::StoredModels(storage::Transaction& tx,
                                                                 WorkspaceId workspace) {
    LB_ASSIGN_OR_RETURN(const auto stored, tx.ListScoringModels(workspace));
    std::vector<scoring::Model> models;
    for (const storage::StoredScoringModel& row : stored) {
        auto model = scoring::ParseModelJson(row.document);
        if (!model) {
            return Fail(Internal("the stored scoring model '" + row.key +
                                 "' is unreadable: " + model.error().message));
        }
        models.push_back(std::move(*model));
    }
    if (models.empty()) models.push_back(scoring::DefaultModel());
    return models;
}

Result<std::shared_ptr<const ScoringService::Models>> ScoringService::LoadModels(
    storage::Transaction& tx, WorkspaceId workspace) {
    {
        const std::lock_guard lock(models_mu_);
        if (auto found = models_.find(workspace.value); found != models_.end())
            return found->second;
    }
    LB_ASSIGN_OR_RETURN(const auto models, StoredModels(tx, workspace));
    auto compiled = std::make_shared<Models>();
    for (const scoring::Model& model : models) {
        LB_ASSIGN_OR_RETURN(auto one, scoring::CompiledModel::Compile(model));
        compiled->compiled.push_back(std::move(one));
    }
    const std::lock_guard lock(models_mu_);
    models_[workspace.value] = compiled;
    return std::shared_ptr<const Models>(compiled);
}

Result<std::vector<scoring::Model>> ScoringService::ListModels(const Principal& principal) {
    LB_TRY(Require(principal, Permission::kReadSettings));
    using ModelList = std::vector<scoring::Model>;
    return detail::ReadValue<ModelList>(services_.Store(), [&](storage::Transaction& tx) {
        return StoredModels(tx, principal.workspace);
    });
}

Result<scoring::Model> ScoringService::GetModel(const Principal& principal, std::string_view key) {
    LB_ASSIGN_OR_RETURN(auto models, ListModels(principal));
    for (scoring::Model& model : models) {
        if (model.key == key) return std::move(model);
    }
    return Fail(NotFound("scoring model '" + std::string(key) + "' not found"));
}

Result<RescoreSummary> ScoringService::SaveModelsAndRescore(const Principal& principal,
                                                            std::vector<scoring::Model> models) {
    LB_TRY(ValidateModelList(models));
    const Timestamp now = services_.Time().Now();
    std::vector<storage::StoredScoringModel> stored;
    for (const scoring::Model& model : models) {
        stored.push_back(
            {.key = model.key, .document = scoring::WriteModelJson(model), .updated_at = now});
    }
    LB_TRY(services_.Store().Write([&](storage::Transaction& tx) {
        return tx.ReplaceScoringModels(principal.workspace, stored);
    }));
    {
        const std::lock_guard lock(models_mu_);
        models_.erase(principal.workspace.value);
    }
    return RescoreWorkspace(principal.workspace, "model", Predictions::kKeep);
}

Result<RescoreSummary> ScoringService::ReplaceModels(const Principal& principal,
                                                     std::vector<scoring::Model> models) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    return SaveModelsAndRescore(principal, std::move(models));
}

Result<RescoreSummary> ScoringService::PutModel(const Principal& principal, scoring::Model model) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    LB_ASSIGN_OR_RETURN(auto models, ListModels(principal));
    const auto same_key = [&](const scoring::Model& one) { return one.key == model.key; };
    if (auto found = std::find_if(models.begin(), models.end(), same_key); found != models.end())
        *found = std::move(model);
    else
        models.push_back(std::move(model));
    return SaveModelsAndRescore(principal, std::move(models));
}

Result<RescoreSummary> ScoringService::DeleteModel(const Principal& principal,
                                                   std::string_view key) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    LB_ASSIGN_OR_RETURN(auto models, ListModels(principal));
    const auto same_key = [&](const scoring::Model& one) { return one.key == key; };
    const auto found = std::find_if(models.begin(), models.end(), same_key);
    if (found == models.end())
        return Fail(NotFound("scoring model '" + std::string(key) + "' not found"));
    if (models.size() == 1)
        return Fail(Conflict("a workspace keeps at least one scoring model; replace it instead"));
    models.erase(found);
    return SaveModelsAndRescore(principal, std::move(models));
}

Result<std::vector<domain::ScoreHistoryEntry>> ScoringService::GetScoreHistory(
    const Principal& principal, LeadId lead) {
    LB_TRY(services_.GetLead(principal, lead));  // permission and visibility
    using History = std::vector<domain::ScoreHistoryEntry>;
    return detail::ReadValue<History>(services_.Store(), [&](storage::Transaction& tx) {
        return tx.ListScoreHistory(principal.workspace, lead);
    });
}

Result<RescoreSummary> ScoringService::Rescore(const Principal& principal) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    return RescoreWorkspace(principal.workspace, "manual");
}

}  // namespace lb::service
