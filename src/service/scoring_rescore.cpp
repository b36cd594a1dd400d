// ScoringService: rescoring (one lead inside the caller's transaction, every lead of a workspace
// in batches), previews of draft models, and the worker that keeps scores current.
#include <algorithm>
#include <span>
#include <utility>

#include "common/log.hpp"
#include "common/thread_name.hpp"
#include "service/detail/mql_handoff.hpp"
#include "service/detail/preview_stats.hpp"
#include "service/detail/scoring_population.hpp"
#include "service/scoring_service.hpp"

namespace lb::service {

namespace {

constexpr std::string_view kSystemActor = "system:scoring";
constexpr std::size_t kWriteBatch = 500;
constexpr int kScoringThreads = 2;

// Whether a new score differs from the stored one in what the API shows.
bool SameScore(const domain::LeadScore& a, const domain::LeadScore& b) {
    if (a.total != b.total || a.fit != b.fit || a.engagement != b.engagement ||
        a.grade != b.grade || a.breakdown.size() != b.breakdown.size())
        return false;
    for (std::size_t idx = 0; idx < a.breakdown.size(); ++idx) {
        if (a.breakdown[idx].rule != b.breakdown[idx].rule ||
            a.breakdown[idx].points != b.breakdown[idx].points)
            return false;
    }
    return true;
}

bool SameNumbers(const domain::LeadScore& a, const domain::LeadScore& b) {
    return a.total == b.total && a.fit == b.fit && a.engagement == b.engagement &&
           a.grade == b.grade;
}

// Where a new score goes: the lead's row, the score history, and the MQL hand-off.
struct ScoreWrite {
    WorkspaceId workspace;
    Timestamp now;
    int threshold = 0;
    std::string_view model_key, cause, actor;
};

// Stores `score` for `lead` (whose `score` is still the stored one) when it changed. Only the
// lead's id, workspace, stage and score are read: a full rescore passes no more (and no
// breakdown: its stored numbers differ from `score`'s, so the breakdown is never compared); a move
// to `mql` reads the whole lead.
Status StoreScore(storage::Transaction& tx,
                  const domain::Lead& lead,
                  domain::LeadScore score,
                  const ScoreWrite& write,
                  RescoreSummary* summary) {
    if (SameScore(lead.score, score)) return Ok();
    if (summary != nullptr) ++summary->changed;
    LB_TRY(tx.SaveLeadScore(write.workspace, lead.id, score));
    if (!SameNumbers(lead.score, score)) {
        LB_TRY(tx.AppendScoreHistory({.workspace_id = write.workspace,
                                      .lead_id = lead.id,
                                      .at = write.now,
                                      .total = score.total,
                                      .fit = score.fit,
                                      .engagement = score.engagement,
                                      .grade = score.grade,
                                      .model_key = std::string(write.model_key),
                                      .cause = std::string(write.cause)}));
    }
    const detail::Handoff handoff = detail::MqlHandoff(
        lead, lead.score.total, score.total, write.threshold, write.now, write.actor);
    if (summary != nullptr) {
        summary->crossed += handoff.crossed ? 1 : 0;
        summary->dropped += handoff.dropped ? 1 : 0;
    }
    for (const domain::LeadHistoryEntry& entry : handoff.history)
        LB_TRY(tx.AppendLeadHistory(entry));
    if (!handoff.new_stage) return Ok();
    LB_ASSIGN_OR_RETURN(domain::Lead moved, tx.GetLead(write.workspace, lead.id));
    moved.stage = *handoff.new_stage;
    moved.score = std::move(score);
    moved.updated_at = write.now;
    return tx.UpdateLead(moved);
}

PreviewReport Report(const detail::WorkspacePopulation& loaded,
                     std::span<const scoring::CompactScore> scores,
                     int threshold) {
    PreviewReport report;
    report.threshold = threshold;
    report.leads = static_cast<std::int64_t>(scores.size());
    std::vector<int> totals, won, lost;
    double sum = 0;
    for (std::size_t row = 0; row < scores.size(); ++row) {
        const int total = scores[row].total;
        const int now_total = loaded.stored_scores[row].total;
        totals.push_back(total);
        sum += total;
        report.above_threshold += total >= threshold ? 1 : 0;
        report.above_threshold_now += now_total >= threshold ? 1 : 0;
        report.would_cross += (now_total < threshold && total >= threshold) ? 1 : 0;
        report.would_drop += (now_total >= threshold && total < threshold) ? 1 : 0;
        if (loaded.stages[row] == "won") won.push_back(total);
        if (loaded.stages[row] == "lost") lost.push_back(total);
    }
    report.won = static_cast<std::int64_t>(won.size());
    report.lost = static_cast<std::int64_t>(lost.size());
    report.auc = detail::RankAuc(won, lost);
    report.mean_total = scores.empty() ? 0 : sum / static_cast<double>(scores.size());
    for (const detail::BandCount& band : detail::ScoreBands(totals, loaded.stages)) {
        report.bands.push_back({.low = band.low,
                                .high = band.high,
                                .leads = band.leads,
                                .won = band.won,
                                .lost = band.lost,
                                .conversion = band.conversion});
    }
    return report;
}

// What became of one row of a full rescore's snapshot.
enum class SnapshotWrite { kStored, kStale, kGone };

// Stores the snapshot's score of `row`, unless the lead changed after the snapshot was read (an
// API edit, which scored the lead itself): kStale, the caller scores it from the store instead.
Result<SnapshotWrite> StoreSnapshotScore(storage::Transaction& tx,
                                         const detail::WorkspacePopulation& loaded,
                                         std::span<const scoring::CompiledModel> models,
                                         std::uint32_t row,
                                         ScoreWrite write,
                                         RescoreSummary& summary) {
    const scoring::Population& population = loaded.population;
    auto current = tx.GetLeadWithoutBreakdown(write.workspace, population.lead_ids[row]);
    if (!current) {
        if (current.error().code == ErrorCode::kNotFound) return SnapshotWrite::kGone;
        return Fail(std::move(current.error()));
    }
    if (current->updated_at != loaded.updated_at[row] ||
        !SameNumbers(current->score, loaded.stored_scores[row]))
        return SnapshotWrite::kStale;
    const scoring::CompiledModel* model = scoring::ModelFor(models, population, row);
    domain::LeadScore score;
    if (model != nullptr) {
        score = scoring::ExplainLead(*model, population, row, write.now);
        write.model_key = model->Source().key;
    }
    LB_TRY(StoreScore(tx, *current, std::move(score), write, &summary));
    return SnapshotWrite::kStored;
}

// A model that cannot score a lead must not block editing it: logged, the old prediction kept.
Status RefreshPrediction(LeadPredictor& predictor,
                         storage::Transaction& tx,
                         WorkspaceId workspace,
                         const domain::Lead& lead,
                         const domain::Company* company,
                         std::span<const domain::Touchpoint> touches,
                         Timestamp now) {
    const Status refreshed = predictor.RefreshLead(tx, workspace, lead, company, touches, now);
    if (refreshed || refreshed.error().code != ErrorCode::kInternal) return refreshed;
    log::error("predictive: lead {}: {}", lead.id.value, refreshed.error().message);
    return Ok();
}

void AddChanges(RescoreSummary& total, const RescoreSummary& part) {
    total.changed += part.changed;
    total.crossed += part.crossed;
    total.dropped += part.dropped;
}

}  // namespace

Status ScoringService::LeadChanged(storage::Transaction& tx,
                                   WorkspaceId workspace,
                                   LeadId lead,
                                   std::string_view actor) {
    return RescoreLeadLocked(tx, workspace, lead, "lead", actor, nullptr);
}

Status ScoringService::RescoreLeadLocked(storage::Transaction& tx,
                                         WorkspaceId workspace,
                                         LeadId lead_id,
                                         std::string_view cause,
                                         std::string_view actor,
                                         RescoreSummary* summary) {
    LB_ASSIGN_OR_RETURN(const auto models, LoadModels(tx, workspace));
    LB_ASSIGN_OR_RETURN(const domain::Workspace settings, tx.GetWorkspace(workspace));
    LB_ASSIGN_OR_RETURN(domain::Lead lead, tx.GetLead(workspace, lead_id));
    std::optional<domain::Company> company;
    if (lead.company_id.IsSet()) {
        LB_ASSIGN_OR_RETURN(company, tx.GetCompany(workspace, lead.company_id));
    }
    std::string owner_email;
    if (lead.owner_id.IsSet()) {
        LB_ASSIGN_OR_RETURN(const domain::User owner, tx.GetUser(workspace, lead.owner_id));
        owner_email = owner.email;
    }
    LB_ASSIGN_OR_RETURN(const auto touches, tx.ListLeadTouchpoints(workspace, lead_id));
    const scoring::Population population =
        detail::SingleLeadPopulation(lead, company ? &*company : nullptr, owner_email, touches);
    const Timestamp now = services_.Time().Now();
    const scoring::CompiledModel* model = scoring::ModelFor(models->compiled, population, 0);
    domain::LeadScore score;
    if (model != nullptr) score = scoring::ExplainLead(*model, population, 0, now);
    if (summary != nullptr) ++summary->leads;
    LB_TRY(RefreshPrediction(
        predictor_, tx, workspace, lead, company ? &*company : nullptr, touches, now));
    const ScoreWrite write{
        .workspace = workspace,
        .now = now,
        .threshold = settings.mql_threshold,
        .model_key = model != nullptr ? std::string_view(model->Source().key) : std::string_view(),
        .cause = cause,
        .actor = actor};
    return StoreScore(tx, lead, std::move(score), write, summary);
}

Result<RescoreSummary> ScoringService::RescoreWorkspace(WorkspaceId workspace,
                                                        std::string_view cause,
                                                        Predictions predictions) {
    const std::lock_guard score_lock(score_mu_);
    const Timestamp now = services_.Time().Now();
    std::shared_ptr<const Models> models;
    int threshold = 0;
    detail::WorkspacePopulation loaded;
    LB_TRY(services_.Store().Read([&](storage::Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(models, LoadModels(tx, workspace));
        LB_ASSIGN_OR_RETURN(const domain::Workspace settings, tx.GetWorkspace(workspace));
        threshold = settings.mql_threshold;
        LB_ASSIGN_OR_RETURN(loaded, detail::LoadWorkspacePopulation(tx, workspace));
        return Ok();
    }));
    const scoring::Population& population = loaded.population;
    std::vector<scoring::CompactScore> compact(population.LeadCount());
    scoring::ScoreAll(models->compiled, population, now, compact, kScoringThreads);

    std::vector<std::uint32_t> changed;
    for (std::uint32_t row = 0; row < compact.size(); ++row) {
        const domain::LeadScore scored{.total = compact[row].total,
                                       .fit = compact[row].fit,
                                       .engagement = compact[row].engagement,
                                       .grade = compact[row].grade};
        if (!SameNumbers(scored, loaded.stored_scores[row])) changed.push_back(row);
    }
    RescoreSummary summary{.leads = static_cast<std::int64_t>(population.LeadCount())};
    const ScoreWrite write{.workspace = workspace,
                           .now = now,
                           .threshold = threshold,
                           .model_key = {},
                           .cause = cause,
                           .actor = kSystemActor};
    // One row: the snapshot's score, or, for a lead edited since the snapshot, a fresh one.
    auto store_row = [&](storage::Transaction& tx, std::uint32_t row) -> Status {
        LB_ASSIGN_OR_RETURN(const SnapshotWrite done,
                            StoreSnapshotScore(tx, loaded, models->compiled, row, write, summary));
        if (done != SnapshotWrite::kStale) return Ok();
        RescoreSummary fresh;
        const Status rescored =
            RescoreLeadLocked(tx, workspace, population.lead_ids[row], cause, kSystemActor, &fresh);
        AddChanges(summary, fresh);
        return rescored;
    };
    if (after_snapshot_for_testing_) after_snapshot_for_testing_();
    for (std::size_t begin = 0; begin < changed.size(); begin += kWriteBatch) {
        if (stopping_.load()) return Fail(Unavailable("scoring is stopping"));
        const std::size_t end = std::min(changed.size(), begin + kWriteBatch);
        LB_TRY(services_.Store().Write([&](storage::Transaction& tx) -> Status {
            for (std::size_t idx = begin; idx < end; ++idx) {
                const Status stored = store_row(tx, changed[idx]);
                if (!stored) return stored;
            }
            return Ok();
        }));
    }
    if (predictions == Predictions::kKeep) return summary;
    if (auto predicted = predictor_.RefreshWorkspace(services_.Store(), workspace, now);
        !predicted) {
        log::error("predictive: workspace {}: {}", workspace.value, predicted.error().message);
    }
    return summary;
}

Result<PreviewReport> ScoringService::Preview(const Principal& principal,
                                              const scoring::Model& draft) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    LB_ASSIGN_OR_RETURN(const scoring::CompiledModel compiled,
                        scoring::CompiledModel::Compile(draft));
    int threshold = 0;
    detail::WorkspacePopulation loaded;
    LB_TRY(services_.Store().Read([&](storage::Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Workspace settings, tx.GetWorkspace(principal.workspace));
        threshold = settings.mql_threshold;
        LB_ASSIGN_OR_RETURN(loaded, detail::LoadWorkspacePopulation(tx, principal.workspace));
        return Ok();
    }));
    std::vector<scoring::CompactScore> scores(loaded.population.LeadCount());
    scoring::ScoreAll(compiled, loaded.population, services_.Time().Now(), scores, kScoringThreads);
    return Report(loaded, scores, threshold);
}

// --- The worker ---

void ScoringService::Enqueue(WorkspaceId workspace, std::span<const LeadId> leads) {
    {
        const std::lock_guard lock(queue_mu_);
        if (!started_) return;
        for (const LeadId lead : leads) queue_.emplace(workspace.value, lead.value);
    }
    queue_cv_.notify_all();
}

void ScoringService::Start(std::chrono::seconds decay_refresh) {
    {
        const std::lock_guard lock(queue_mu_);
        if (started_) return;
        started_ = true;
        busy_ = true;  // the first full rescore
    }
    worker_ = std::jthread([this, decay_refresh](std::stop_token stop) {
        NameThisThread("lb-rescore");
        RunWorker(stop, decay_refresh);
    });
}

void ScoringService::Stop() {
    if (!worker_.joinable()) return;
    stopping_.store(true);
    worker_.request_stop();
    queue_cv_.notify_all();
    worker_.join();
}

void ScoringService::WaitIdle() {
    std::unique_lock lock(queue_mu_);
    queue_cv_.wait(lock, [&] { return !started_ || (queue_.empty() && !busy_); });
}

void ScoringService::RescoreEveryWorkspace(std::string_view cause) {
    std::vector<domain::Workspace> workspaces;
    const Status listed = services_.Store().Read([&](storage::Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(workspaces, tx.ListWorkspaces());
        return Ok();
    });
    if (!listed) log::error("scoring: cannot list workspaces: {}", listed.error().message);
    for (const domain::Workspace& workspace : workspaces) {
        auto summary = RescoreWorkspace(workspace.id, cause);
        if (!summary) {
            log::error("scoring: rescoring workspace {} failed: {}",
                       workspace.id.value,
                       summary.error().message);
        } else {
            log::info("scoring: workspace {} rescored ({}): {} leads, {} changed",
                      workspace.id.value,
                      cause,
                      summary->leads,
                      summary->changed);
        }
    }
}

void ScoringService::RunWorker(std::stop_token stop, std::chrono::seconds decay_refresh) {
    RescoreEveryWorkspace("startup");
    auto next_refresh = std::chrono::steady_clock::now() + decay_refresh;
    while (!stop.stop_requested()) {
        std::pair<std::int64_t, std::int64_t> item;
        {
            std::unique_lock lock(queue_mu_);
            busy_ = false;
            queue_cv_.notify_all();
            const bool has_work =
                queue_cv_.wait_until(lock, stop, next_refresh, [&] { return !queue_.empty(); });
            if (stop.stop_requested()) break;
            busy_ = true;
            if (!has_work) {
                lock.unlock();
                RescoreEveryWorkspace("decay");
                next_refresh = std::chrono::steady_clock::now() + decay_refresh;
                continue;
            }
            item = *queue_.begin();
            queue_.erase(queue_.begin());
        }
        RescoreQueued(WorkspaceId(item.first), LeadId(item.second));
    }
    const std::lock_guard lock(queue_mu_);
    busy_ = false;
    started_ = false;
    queue_cv_.notify_all();
}

void ScoringService::RescoreQueued(WorkspaceId workspace, LeadId lead) {
    const std::lock_guard score_lock(score_mu_);
    const Status done = services_.Store().Write([&](storage::Transaction& tx) {
        return RescoreLeadLocked(tx, workspace, lead, "event", kSystemActor, nullptr);
    });
    if (!done && done.error().code != ErrorCode::kNotFound) {
        log::error("scoring: rescoring lead {} failed: {}", lead.value, done.error().message);
    }
}

}  // namespace lb::service
