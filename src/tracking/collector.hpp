// The ingest pipeline of POST /collect after parsing: channel classification, noise marking, IP
// anonymisation, then (on the event writer's thread, inside its group transaction) duplicate
// suppression by messageId, sessions, visitors, identity stitching and first/latest touch.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/thread_annotations.hpp"
#include "storage/event_writer.hpp"
#include "tracking/channel_classifier.hpp"
#include "tracking/noise_filter.hpp"
#include "tracking/payload.hpp"

namespace lb::tracking {

// A visitor's session ends after this much inactivity; its next event opens a new one.
inline constexpr std::chrono::minutes kSessionTimeout{30};

// One event ready to be written: its touchpoint (workspace, channel, campaign, filtered reason,
// anonymised IP filled in) and, for `identify`, the lead it names.
struct PreparedEvent {
    domain::Touchpoint touchpoint;
    std::string identify_email;           // normalised; non-empty: resolve/create this lead
    std::string identify_traits;          // traits JSON of the identify call
    bool is_internal_navigation = false;  // a page view within the own site: not a new touch
};

// What a /collect body came to: events accepted (stored now or already stored by an earlier
// try of the same messageId) and the rejected ones with their reasons.
struct CollectOutcome {
    std::size_t accepted = 0;
    std::vector<EventRejection> rejections;
};

// Receives the outcome of CollectAsync: on the event writer's thread after the commit, or on the
// caller's thread when nothing needed writing or the writer refused. Must be quick.
using CollectDone = std::function<void(Result<CollectOutcome>)>;

// The pipeline. Thread-safe: Collect may be called from many request threads at once; the
// writes run on the EventWriter's one thread. Holds a reference to `writer`, which must outlive
// it. The rate detector's state is guarded by a mutex (jobs may run twice, see EventWriter; an
// event then counts twice towards its visitor's rate, which only makes flagging stricter).
class Collector final {
public:
    explicit Collector(storage::EventWriter& writer);

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

    // Enrichment of one parsed event (pure apart from the classifier): exposed for tests.
    // kInvalidArgument naming the field for an identify call with an invalid e-mail.
    [[nodiscard]] Result<PreparedEvent> Prepare(WorkspaceId ws, const TrackedEvent& event) const;

private:
    // Marks events of one anonymous id arriving faster than a person can (kBotRate).
    void MarkRates(std::vector<PreparedEvent>& events) LB_EXCLUDES(rate_mu_);

    storage::EventWriter& writer_;
    ChannelClassifier classifier_;
    std::mutex rate_mu_;
    RateDetector rates_ LB_GUARDED_BY(rate_mu_);
};

}  // namespace lb::tracking
