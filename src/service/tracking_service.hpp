// TrackingService: the tracking use cases beside Services: POST /collect (parse, authenticate by
// the workspace's tracking key, ingest durably), form posts, offline touchpoints, lead merges and
// a visitor's journey.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/entities.hpp"
#include "service/principal.hpp"
#include "service/services.hpp"
#include "storage/event_writer.hpp"
#include "tracking/collector.hpp"

namespace lb::service {

// A visitor and its touchpoints, oldest first.
struct VisitorView {
    domain::Visitor visitor;
    std::vector<domain::Touchpoint> touchpoints;
};

// The workspace's own channel rules as stored (empty: the defaults only). kInvalidArgument when
// the stored document no longer reads; the store's errors.
[[nodiscard]] Result<tracking::ChannelRules> LoadChannelRules(storage::Store& store,
                                                              WorkspaceId ws);

// A form post as the HTTP layer received it (views into the request, valid during the call).
struct FormPost {
    std::string_view form_key;  // the path key: the workspace's tracking key
    std::string_view content_type;
    std::string_view body;
    std::string_view referer;  // the Referer header: the form's page when _lb_page is absent
    std::string_view user_agent;
};

// What a form post came to.
struct FormOutcome {
    LeadId lead;  // unset for a filtered (spam, bot) post: stored as noise, no lead touched
    bool is_created = false;
    std::string filtered_reason;        // non-empty: the post was noise
    std::string redirect;               // _lb_redirect; empty: none
    std::vector<LeadId> touched_leads;  // for re-scoring (see tracking::WriteSummary)
};

using FormDone = std::function<void(Result<FormOutcome>)>;

// A touchpoint logged through the API (an offline or sales activity), as text from the caller.
struct TouchpointInput {
    std::string type;         // one of OfflineTouchpointTypes(); required
    std::string name;         // e.g. "Intro call with Ann"; optional
    std::string occurred_at;  // ISO 8601; empty: now
    std::string channel;      // a channel key of the workspace; empty: none (no touch recorded)
    std::string campaign;
    std::string properties_json = "{}";  // a JSON object
    std::string message_id;              // optional idempotency key, unique per workspace
};

// The API touchpoint types: call, meeting, event_attendance, demo_booked, trial_started,
// email_sent, email_opened, email_clicked, content_downloaded. email_opened and email_clicked
// are stored as email_open and email_click, the types /collect stores (and are accepted so).
[[nodiscard]] std::span<const std::string_view> OfflineTouchpointTypes();

struct LoggedTouchpoint {
    domain::Touchpoint touchpoint;
    bool is_created = false;            // false: the message_id was stored before (a retry)
    std::vector<LeadId> touched_leads;  // the lead, for re-scoring
};

// What a merge did.
struct MergeOutcome {
    LeadView survivor;
    LeadId absorbed;
    storage::LeadMoveCounts moved;
    std::vector<LeadId> touched_leads;  // the survivor, for re-scoring
};

// Thread-safe. Holds references to `services` (for the store, the clock and tracking-key
// authentication) and to `writer` (the one event writer); both must outlive it.
class TrackingService final {
public:
    TrackingService(Services& services, storage::EventWriter& writer);

    // Ingests one /collect body. The tracking key is the body's "writeKey", else `query_key`
    // (?key=). Returns once every accepted event is durable. Errors: kTooLarge (body over
    // tracking::kMaxCollectBodyBytes, more than tracking::kMaxBatchEvents events),
    // kInvalidArgument (malformed body, see tracking::ParseCollectBody), kUnauthenticated (no key
    // or an unknown one), kUnavailable (writer overloaded or stopping, database unreachable).
    // Nothing is stored on any error.
    [[nodiscard]] Result<tracking::CollectOutcome> Collect(std::string_view body,
                                                           std::string_view query_key);
    // The same without blocking the calling thread while the events are written: `done` gets
    // what Collect would return (see tracking::CollectDone for the thread it runs on).
    void CollectAsync(std::string_view body,
                      std::string_view query_key,
                      tracking::CollectDone done);

    // Takes one form post (tracking/form_submission.hpp): creates or updates the lead of its
    // e-mail through the one lead writer, records a `form` touchpoint (name: the `form` field;
    // url: _lb_page, else the Referer; channel from the page's UTM parameters and referrer),
    // attaches the visitor's anonymous history (_lb_anonymous_id), all as one job of the event
    // writer; `done` runs once that is durable. Spam (honeypot, too fast) and bot user agents
    // are stored as a filtered touchpoint and change no lead. Errors: kTooLarge (body over
    // tracking::kMaxFormBodyBytes), kNotFound "form_key" (no workspace has the key),
    // kInvalidArgument naming the field (see ReadFormSubmission), kUnavailable.
    void SubmitFormAsync(const FormPost& post, FormDone done);

    // Logs an offline or sales touchpoint on lead `lead` (kWriteLeads; sales only on their own
    // leads). It shows in the timeline, and with a channel it becomes the lead's latest touch
    // (and first touch when there is none or it is earlier). A message_id stored before returns
    // that touchpoint (is_created false) when it belongs to this lead. Errors: kNotFound (lead),
    // kInvalidArgument naming "type", "occurred_at", "channel", "properties", "name",
    // "campaign" or "message_id"; kConflict for a message_id of another lead's touchpoint.
    [[nodiscard]] Result<LoggedTouchpoint> LogTouchpoint(const Principal& principal,
                                                         LeadId lead,
                                                         const TouchpointInput& input);

    // Merges lead `absorbed` into `survivor` in one transaction (admin, marketing; ADR 0004):
    // the survivor keeps its fields and fills the empty ones from the absorbed lead (custom
    // fields too: the survivor wins on conflict), takes over its touchpoints, visitors and
    // history (plus a "merged" entry naming the absorbed id and e-mail, with actor and reason);
    // its first touch becomes the earlier of both, its latest touch the later; the absorbed
    // lead is deleted (GET then answers 404). Errors: kInvalidArgument "from" (same lead),
    // kNotFound (either lead), kPermissionDenied.
    [[nodiscard]] Result<MergeOutcome> MergeLeads(const Principal& principal,
                                                  LeadId survivor,
                                                  LeadId absorbed,
                                                  std::string_view reason);

    // The workspace's own channel rules (tried before the defaults; empty: defaults only).
    // kReadSettings.
    [[nodiscard]] Result<tracking::ChannelRules> GetChannelRules(const Principal& principal);
    // Replaces the workspace's own channel rules with the JSON `document`
    // (tracking::ParseChannelRulesJson) and makes /collect and forms use them from the next
    // request on. kWriteSettings (admin, marketing). kInvalidArgument naming the place, e.g.
    // "rules[2].channel" for a channel the workspace does not have.
    [[nodiscard]] Result<tracking::ChannelRules> SetChannelRules(const Principal& principal,
                                                                 std::string_view document);

    // The visitor with this anonymous id and every touchpoint it sent. kNotFound when unknown
    // (also for a sales principal unless the visitor's lead is theirs).
    [[nodiscard]] Result<VisitorView> GetVisitor(const Principal& principal,
                                                 std::string_view anonymous_id);

private:
    // A parsed body and the workspace its key names.
    struct Admitted {
        WorkspaceId workspace;
        tracking::CollectPayload payload;
        Timestamp received_at;
    };
    // Checks size, parses, authenticates (the errors of Collect).
    [[nodiscard]] Result<Admitted> Admit(std::string_view body, std::string_view query_key);

    // Hands leads whose touchpoints changed to the score hook, when one is set.
    void LeadsTouched(WorkspaceId workspace, std::span<const LeadId> leads);

    Services& services_;
    tracking::Collector collector_;
};

}  // namespace lb::service
