// LeadPredictor: each lead's predicted conversion (probability and top contributing features)
// under its workspace's latest stored predictive model (issue 5), refreshed for one lead inside
// the caller's transaction or for every lead of a workspace.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <utility>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/thread_annotations.hpp"
#include "domain/entities.hpp"
#include "scoring/predictive/trained_model.hpp"
#include "storage/store.hpp"

namespace lb::service {

// How many features a stored prediction keeps (largest absolute contribution first).
inline constexpr std::size_t kPredictedTopFeatures = 3;

// Predicts with the latest stored model of each workspace, keeping the parsed model of each
// workspace until a newer version is stored (the version is read per call, the model only once).
// Thread-safe; owns its cached models.
class LeadPredictor final {
public:
    LeadPredictor() = default;
    LeadPredictor(const LeadPredictor&) = delete;
    LeadPredictor& operator=(const LeadPredictor&) = delete;

    // Computes and saves the prediction of `lead` (as stored, with its company, which may be
    // null, and its touchpoints up to `now`) inside `tx`. Does nothing when the workspace has no
    // stored model. Errors of the store; kInternal when the stored model is unreadable or cannot
    // score the lead (nothing is saved then).
    [[nodiscard]] Status RefreshLead(storage::Transaction& tx,
                                     WorkspaceId workspace,
                                     const domain::Lead& lead,
                                     const domain::Company* company,
                                     std::span<const domain::Touchpoint> touches,
                                     Timestamp now);

    // Predicts every lead of the workspace from one read snapshot and saves the predictions that
    // changed in batches of write transactions; a lead edited after the snapshot is left to its
    // own refresh. Returns how many leads were saved (0 without a stored model, or when every
    // stored prediction is current). Errors as RefreshLead.
    [[nodiscard]] Result<std::int64_t> RefreshWorkspace(storage::Store& store,
                                                        WorkspaceId workspace,
                                                        Timestamp now);

private:
    // A parsed model and the custom keys and touchpoint types its columns name. Its mutex
    // serialises prediction (TrainedModel is one caller at a time).
    struct LoadedModel {
        LoadedModel(int model_version, scoring::predictive::TrainedModel trained)
            : version(model_version), model(std::move(trained)) {}
        int version = 0;
        scoring::predictive::TrainedModel model;
        std::set<std::string> custom_keys, touch_types;
        std::mutex mu;
    };
    // The workspace's latest model, parsed once per version; nullptr when none is stored.
    [[nodiscard]] Result<std::shared_ptr<LoadedModel>> LatestModel(storage::Transaction& tx,
                                                                   WorkspaceId workspace);

    std::mutex cache_mu_;
    std::map<std::int64_t, std::shared_ptr<LoadedModel>> cache_ LB_GUARDED_BY(cache_mu_);
};

}  // namespace lb::service
