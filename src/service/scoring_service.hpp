// ScoringService: the workspace's scoring models (list, replace, import/export as YAML), scores
// kept current (a lead is rescored when it or its touchpoints change; every lead when a model
// changes, at start and once an hour so decay shows), the MQL threshold hand-off, and previews of
// draft models against all current leads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "common/thread_annotations.hpp"
#include "domain/entities.hpp"
#include "scoring/engine.hpp"
#include "scoring/model.hpp"
#include "service/lead_prediction.hpp"
#include "service/principal.hpp"
#include "service/services.hpp"

namespace lb::service {

// What a rescore did.
struct RescoreSummary {
    std::int64_t leads = 0;    // leads scored
    std::int64_t changed = 0;  // leads whose stored score changed
    std::int64_t crossed = 0;  // leads that crossed the MQL threshold upwards
    std::int64_t dropped = 0;  // leads that fell below it
};

// How a draft model would score the workspace's current leads.
struct PreviewReport {
    struct Band {
        int low = 0, high = 0;  // total score range, inclusive
        std::int64_t leads = 0, won = 0, lost = 0;
        double conversion = 0;  // won / (won + lost); 0 without outcomes
    };
    std::int64_t leads = 0;
    int threshold = 0;
    std::int64_t above_threshold = 0;      // under the draft
    std::int64_t above_threshold_now = 0;  // under the current stored scores
    std::int64_t would_cross = 0;          // below now, at or above under the draft
    std::int64_t would_drop = 0;           // at or above now, below under the draft
    std::int64_t won = 0, lost = 0;        // leads with an outcome
    std::optional<double> auc;             // won ranked above lost; nullopt without both
    double mean_total = 0;
    std::vector<Band> bands;  // 0-9, 10-19, ..., 90-100
};

// Keeps scores current. Thread-safe. Holds a reference to `services` (store, clock, permissions),
// which must outlive it. Scoring writes are serialised by one mutex so that an event's rescore
// and a full rescore never store each other's stale score.
class ScoringService final : public LeadScoreHook {
public:
    explicit ScoringService(Services& services);
    ~ScoringService() override;
    ScoringService(const ScoringService&) = delete;
    ScoringService& operator=(const ScoringService&) = delete;

    // --- Models (read: admin, marketing, sales; write: admin, marketing) ---
    // In evaluation order. A workspace that never saved models has the default model
    // (scoring::DefaultModel).
    [[nodiscard]] Result<std::vector<scoring::Model>> ListModels(const Principal& principal);
    // kNotFound naming the key.
    [[nodiscard]] Result<scoring::Model> GetModel(const Principal& principal, std::string_view key);
    // Replaces every model, then rescores every lead. kInvalidArgument for an empty list or
    // duplicate keys ("[2].key").
    [[nodiscard]] Result<RescoreSummary> ReplaceModels(const Principal& principal,
                                                       std::vector<scoring::Model> models);
    // Inserts (at the end) or replaces the model with `model.key`, then rescores every lead.
    [[nodiscard]] Result<RescoreSummary> PutModel(const Principal& principal, scoring::Model model);
    // kNotFound for an unknown key; kConflict for the last model (a workspace keeps one).
    [[nodiscard]] Result<RescoreSummary> DeleteModel(const Principal& principal,
                                                     std::string_view key);
    // Scores every current lead with `draft` alone (nothing saved).
    [[nodiscard]] Result<PreviewReport> Preview(const Principal& principal,
                                                const scoring::Model& draft);
    // Rescores every lead of the principal's workspace now.
    [[nodiscard]] Result<RescoreSummary> Rescore(const Principal& principal);
    // The lead's score history, oldest first (kNotFound as GetLead).
    [[nodiscard]] Result<std::vector<domain::ScoreHistoryEntry>> GetScoreHistory(
        const Principal& principal, LeadId lead);

    // --- Keeping scores current ---
    // Whether a full rescore also refreshes the predicted conversions. They do not read the
    // points models, so a model change keeps them; time (recency features) and data change them.
    enum class Predictions { kRefresh, kKeep };
    // Rescores every lead of `workspace` (CLI import, startup, decay refresh, model change) and,
    // with kRefresh, every lead's predicted conversion (LeadPredictor; a failure there is logged,
    // not returned).
    [[nodiscard]] Result<RescoreSummary> RescoreWorkspace(
        WorkspaceId workspace,
        std::string_view cause,
        Predictions predictions = Predictions::kRefresh);
    // LeadScoreHook: rescores the lead and refreshes its predicted conversion inside the caller's
    // write transaction.
    [[nodiscard]] Status LeadChanged(storage::Transaction& tx,
                                     WorkspaceId workspace,
                                     LeadId lead,
                                     std::string_view actor) override;
    // Queues leads whose touchpoints changed (after /collect committed them); the worker thread
    // rescores them within milliseconds. Does nothing before Start.
    void Enqueue(WorkspaceId workspace, std::span<const LeadId> leads);
    // LeadScoreHook: Enqueue.
    void LeadsTouched(WorkspaceId workspace, std::span<const LeadId> leads) override {
        Enqueue(workspace, leads);
    }
    // Starts the worker: rescores every workspace once, then drains the queue, and rescores
    // every workspace again each `decay_refresh` so that decaying points show without events.
    void Start(std::chrono::seconds decay_refresh = std::chrono::hours(1));
    // Stops the worker after the lead or the batch of a full rescore it is writing (a full
    // rescore cut short leaves the rest for the next start). Idempotent; the destructor calls it.
    void Stop();
    // Blocks until the queue is empty and the worker idle (tests, graceful shutdown).
    void WaitIdle();

    // Tests only: runs inside RescoreWorkspace after its snapshot is read, before any write.
    void SetAfterSnapshotForTesting(std::function<void()> hook) {
        after_snapshot_for_testing_ = std::move(hook);
    }

private:
    struct Models {  // a workspace's compiled models, in evaluation order
        std::vector<scoring::CompiledModel> compiled;
    };
    [[nodiscard]] Result<std::shared_ptr<const Models>> LoadModels(storage::Transaction& tx,
                                                                   WorkspaceId workspace);
    [[nodiscard]] Result<std::vector<scoring::Model>> StoredModels(storage::Transaction& tx,
                                                                   WorkspaceId workspace);
    [[nodiscard]] Result<RescoreSummary> SaveModelsAndRescore(const Principal& principal,
                                                              std::vector<scoring::Model> models);
    [[nodiscard]] Status RescoreLeadLocked(storage::Transaction& tx,
                                           WorkspaceId workspace,
                                           LeadId lead,
                                           std::string_view cause,
                                           std::string_view actor,
                                           RescoreSummary* summary);
    void RunWorker(std::stop_token stop, std::chrono::seconds decay_refresh);
    void RescoreEveryWorkspace(std::string_view cause);
    void RescoreQueued(WorkspaceId workspace, LeadId lead);

    Services& services_;
    LeadPredictor predictor_;
    std::function<void()> after_snapshot_for_testing_;
    std::mutex score_mu_;  // serialises every scoring write
    std::mutex models_mu_;
    std::map<std::int64_t, std::shared_ptr<const Models>> models_ LB_GUARDED_BY(models_mu_);

    std::mutex queue_mu_;
    std::condition_variable_any queue_cv_;
    std::set<std::pair<std::int64_t, std::int64_t>> queue_ LB_GUARDED_BY(queue_mu_);
    bool busy_ LB_GUARDED_BY(queue_mu_) = false;
    bool started_ LB_GUARDED_BY(queue_mu_) = false;
    std::atomic<bool> stopping_{false};  // a full rescore ends between batches once set
    std::jthread worker_;
};

}  // namespace lb::service
