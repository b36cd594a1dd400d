// The body of `POST /collect` (docs API.md): one Segment-shaped event or {"batch": [...]}, parsed
// and validated into TrackedEvents plus a rejection per bad event. Pure: no I/O, no store.
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/entities.hpp"

namespace lb::tracking {

// Limits. The body size (1 MB) is checked by the caller on the bytes before parsing.
inline constexpr std::size_t kMaxCollectBodyBytes = 1024 * 1024;
inline constexpr std::size_t kMaxBatchEvents = 500;
inline constexpr std::size_t kMaxJsonDepth = 32;    // nesting of objects and arrays, whole body
inline constexpr std::size_t kMaxIdBytes = 256;     // ids, event names, writeKey, campaign fields
inline constexpr std::size_t kMaxTextBytes = 1024;  // page title, user agent
inline constexpr std::size_t kMaxUrlBytes = 2048;   // url, referrer, path
inline constexpr std::size_t kMaxObjectJsonBytes = 16 * 1024;  // properties, traits (compact)
// Event times further ahead of the receive time than this are clamped to the receive time: a
// client with a wrong clock still loses no event, and no touch lands in the future.
inline constexpr std::chrono::minutes kMaxFutureSkew{5};

// The event types /collect accepts, lowercase (case-insensitive in the body):
// - Segment's "page", "track" and "identify";
// - touchpoints that reach us outside the browser (API, integrations): "call", "meeting",
//   "event_attendance", "email_sent", "email_open", "email_click", "form".
// Demo bookings, trial starts and content downloads are `track` events with the conventional
// names "demo_booked", "trial_started" and "content_download" (any name is accepted).
[[nodiscard]] std::span<const std::string_view> TrackedEventTypes();

struct PageContext {
    std::string url;
    std::string referrer;
    std::string title;
    std::string path;
};

// context.campaign: the UTM parameters under Segment's names (name = utm_campaign).
struct CampaignContext {
    std::string source;
    std::string medium;
    std::string name;
    std::string term;
    std::string content;
};

// One accepted event. Strings are empty when not given.
struct TrackedEvent {
    std::size_t index = 0;     // position in the batch (0 for a single event)
    std::string type;          // one of TrackedEventTypes()
    std::string name;          // track: `event` (required); page: `name`; others: `event` if given
    std::string anonymous_id;  // at least one of anonymous_id and user_id is set
    std::string user_id;       // a number in the body becomes its decimal text
    std::string message_id;    // the sender's id for idempotent retries; unique within a body
    std::string properties_json = "{}";  // compact JSON object
    std::string traits_json = "{}";      // compact JSON object
    // context.page, each field falling back to the same-named string in properties (Segment's
    // page calls put url, referrer, title and path there).
    PageContext page;
    CampaignContext campaign;
    std::string user_agent;  // context.userAgent
    std::string ip;          // context.ip, as sent: anonymise before storing
    // `timestamp` corrected by the sender's clock skew (receive time - `sentAt`, when sentAt is
    // given on the event or the batch); the receive time when there is no timestamp.
    Timestamp occurred_at;
    bool is_clamped = false;  // occurred_at was beyond kMaxFutureSkew and set to the receive time
};

// Why one event of a body was not accepted. `field` is a path in the event ("context.page.url");
// empty when the event as a whole is wrong (not an object).
struct EventRejection {
    std::size_t index = 0;
    std::string field;
    std::string reason;
};

struct CollectPayload {
    std::string write_key;  // top-level "writeKey"; empty when absent (the caller may use ?key=)
    std::vector<TrackedEvent> events;        // in body order
    std::vector<EventRejection> rejections;  // in body order; one per rejected event
};

// Parses a /collect body received at `received_at`. Every event is accepted or rejected on its
// own (its first problem: wrong type, missing ids, over-long string, bad timestamp, a messageId
// repeated within the body, ...). Whole-body errors:
// - kInvalidArgument: malformed JSON (the message names the 0-based byte offset where parsing
//   failed, which is the body's length when it ends early), nesting deeper than
//   kMaxJsonDepth, a body that is not an object, "batch" that is not an array, a bad writeKey
//   or sentAt on the batch;
// - kTooLarge: more than kMaxBatchEvents events.
// Unknown fields are ignored (Segment libraries send more: integrations, context.library, ...).
// Never throws or asserts on any input. Pure; thread-safe.
[[nodiscard]] Result<CollectPayload> ParseCollectBody(std::string_view body, Timestamp received_at);

// The touchpoint fields an event determines: type, name (for a page: its name, else its title),
// anonymous_id, url, campaign, properties_json and occurred_at. The caller adds workspace,
// lead, channel and filtered_reason.
[[nodiscard]] domain::Touchpoint ToTouchpoint(const TrackedEvent& event);

}  // namespace lb::tracking
