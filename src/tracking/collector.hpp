// The ingest pipeline of POST /collect after parsing: channel classification, noise marking, IP
// anonymisation, then (on the event writer's thread, inside its group transaction) duplicate
// suppression by messageId, sessions, visitors, identity stitching and first/latest touch.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/thread_annotations.hpp"
#include "domain/lead_input.hpp"
#include "storage/event_writer.hpp"
#include "tracking/channel_classifier.hpp"
#include "tracking/noise_filter.hpp"
#include "tracking/payload.hpp"

namespace lb::tracking {

// A visitor's session ends after this much inactivity; its next event opens a new one.
inline constexpr std::chrono::minutes kSessionTimeout{30};

// Cached channel rules are reloaded after this long, so that a PUT on another instance (many
// servers on one PostgreSQL) reaches this one too; a PUT on this instance applies at once.
inline constexpr std::chrono::seconds kChannelRulesCacheTtl{30};

// One event ready to be written: its touchpoint (workspace, channel, campaign, filtered reason,
// anonymised IP filled in) and, for `identify`, the lead it names.
struct PreparedEvent {
    domain::Touchpoint touchpoint;
    std::string identify_email;           // normalised; non-empty: resolve/create this lead
    std::string identify_traits;          // traits JSON of the identify call
    bool is_internal_navigation = false;  // a page view within the own site: not a new touch
    // Forms: every lead field the submission carries (validated by the caller), used instead of
    // identify_traits to create or update the lead of identify_email.
    std::optional<domain::LeadInput> lead_input;
};

// The lead an identifying event (identify call, form) resolved to.
struct ResolvedLead {
    std::size_t event_position = 0;  // position in the written span of PreparedEvents
    LeadId lead;
    bool is_created = false;
};

// What one write job did to leads: every lead that got a touchpoint (new, or attached
// retroactively from its anonymous history) or was created/updated, once each, ascending; and
// the resolution of each identifying event. For the scoring hook: re-score `touched_leads`.
struct WriteSummary {
    std::vector<LeadId> touched_leads;
    std::vector<ResolvedLead> resolved;
};

// What a /collect body came to: events accepted (stored now or already stored by an earlier
// try of the same messageId) and the rejected ones with their reasons.
struct CollectOutcome {
    std::size_t accepted = 0;
    std::vector<EventRejection> rejections;
    std::vector<LeadId> touched_leads;  // see WriteSummary
};

// Receives the outcome of CollectAsync: on the event writer's thread after the commit, or on the
// caller's thread when nothing needed writing or the writer refused. Must be quick.
using CollectDone = std::function<void(Result<CollectOutcome>)>;
// Receives the outcome of WriteAsync, on the event writer's thread. Must be quick.
using WriteEventsDone = std::function<void(Result<WriteSummary>)>;

// Reads a workspace's own channel rules (empty: the defaults only); called on a cache miss.
using ChannelRulesLoader = std::function<Result<ChannelRules>(WorkspaceId)>;

// The pipeline. Thread-safe: Collect may be called from many request threads at once; the
// writes run on the EventWriter's one thread. Holds a reference to `writer`, which must outlive
// it. The rate detector's state is guarded by a mutex (jobs may run twice, see EventWriter; an
// event then counts twice towards its visitor's rate, which only makes flagging stricter).
//
// Channels are classified with each workspace's rules (its own, then the defaults), compiled
// once per workspace from `load_rules` and cached until InvalidateChannelRules or for
// kChannelRulesCacheTtl. Without a loader, or when loading fails, the defaults apply (a failed
// load is retried next time).
class Collector final {
public:
    explicit Collector(storage::EventWriter& writer, ChannelRulesLoader load_rules = {});

    // Forgets the cached rules of `ws` (after they were saved); the next event reloads them.
    void InvalidateChannelRules(WorkspaceId ws) LB_EXCLUDES(classifiers_mu_);

    // Prepares the accepted events of `payload` for workspace `ws`, hands them to the writer as
    // one job and waits until they are durable. Events whose identify e-mail is invalid become
    // rejections. `received_at` is the server's receive time (lead creation time).
    // Errors: kUnavailable (writer stopped or overloaded, database unreachable), kInternal.
    [[nodiscard]] Result<CollectOutcome> Collect(WorkspaceId ws,
                                                 CollectPayload payload,
                                                 Timestamp received_at) LB_EXCLUDES(rate_mu_);
    // The same without blocking: `done` gets what Collect would return.
    void CollectAsync(WorkspaceId ws,
                      CollectPayload payload,
                      Timestamp received_at,
                      CollectDone done) LB_EXCLUDES(rate_mu_);

    // Writes already prepared events (forms build theirs themselves) as one job of the event
    // writer; `done` gets the summary once they are durable, or the writer's/store's error.
    void WriteAsync(WorkspaceId ws,
                    std::vector<PreparedEvent> events,
                    Timestamp received_at,
                    WriteEventsDone done);

    // Enrichment of one parsed event (pure apart from the classifier): exposed for tests.
    // kInvalidArgument naming the field for an identify call with an invalid e-mail.
    [[nodiscard]] Result<PreparedEvent> Prepare(WorkspaceId ws, const TrackedEvent& event)
        LB_EXCLUDES(classifiers_mu_);

private:
    // The workspace's compiled rules (shared: a request keeps using what it got while a PUT
    // replaces the cache entry).
    [[nodiscard]] std::shared_ptr<const ChannelClassifier> ClassifierFor(WorkspaceId ws)
        LB_EXCLUDES(classifiers_mu_);
    [[nodiscard]] static Result<PreparedEvent> PrepareWith(const ChannelClassifier& classifier,
                                                           WorkspaceId ws,
                                                           const TrackedEvent& event);
    // Marks events of one anonymous id arriving faster than a person can (kBotRate).
    void MarkRates(std::vector<PreparedEvent>& events) LB_EXCLUDES(rate_mu_);

    storage::EventWriter& writer_;
    ChannelRulesLoader load_rules_;
    std::shared_ptr<const ChannelClassifier> default_classifier_;
    std::mutex classifiers_mu_;
    struct CachedClassifier {
        std::shared_ptr<const ChannelClassifier> classifier;
        std::chrono::steady_clock::time_point loaded_at;
    };
    std::unordered_map<WorkspaceId, CachedClassifier> classifiers_ LB_GUARDED_BY(classifiers_mu_);
    std::mutex rate_mu_;
    RateDetector rates_ LB_GUARDED_BY(rate_mu_);
};

}  // namespace lb::tracking
