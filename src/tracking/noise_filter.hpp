// Noise detection for tracking: bots by user agent and by impossible event rates, spam form
// posts by honeypot and submission speed. Noise is kept and marked with a filtered reason
// (domain::Touchpoint::filtered_reason), never dropped; these functions only name the reason.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace lb::tracking {

// The filtered reasons this file produces. Stable strings: stored and shown in reports.
inline constexpr std::string_view kBotUserAgent = "bot:user-agent";
inline constexpr std::string_view kBotRate = "bot:rate";
inline constexpr std::string_view kSpamHoneypot = "spam:honeypot";
inline constexpr std::string_view kSpamTooFast = "spam:too-fast";

// Returns kBotUserAgent when `user_agent` looks like a crawler, monitor, headless browser or
// HTTP library (case-insensitive substrings such as "bot", "crawler", "spider", "HeadlessChrome",
// "PhantomJS", "python-requests", "curl/", "Wget", "Lighthouse"; the list is in the .cpp), and
// an empty view otherwise. An empty user agent is not a bot signal: server-side senders of
// /collect and offline touchpoints legitimately have none. Pure; thread-safe.
[[nodiscard]] std::string_view DetectBotUserAgent(std::string_view user_agent);

// The spam signals of one form post. Timestamps are both the client's (the snippet writes them
// into the form), so clock skew between client and server cannot fake a fast submission.
struct FormSignals {
    std::string_view honeypot_value;        // the hidden field's value; empty when untouched
    std::optional<Timestamp> rendered_at;   // when the form was shown; nullopt when unknown
    std::optional<Timestamp> submitted_at;  // when it was submitted; nullopt when unknown
};

// Form field names of POST /forms/{form_key} (tracking/form_submission.hpp).
inline constexpr std::string_view kHoneypotField = "_lb_hp";            // hidden, must stay empty
inline constexpr std::string_view kRenderedAtField = "_lb_started_at";  // epoch ms or ISO 8601
inline constexpr std::string_view kSubmittedAtField = "_lb_submitted_at";

// Submissions faster than this after rendering are not made by people.
inline constexpr std::chrono::milliseconds kMinFormFillTime{1000};

// Returns kSpamHoneypot when the honeypot holds anything but spaces, else kSpamTooFast when both
// times are known and the form was submitted less than kMinFormFillTime after it was rendered
// (also when "submitted" precedes "rendered": a forged pair), else an empty view. Pure.
[[nodiscard]] std::string_view DetectFormSpam(const FormSignals& signals);

// Reads a form timestamp field: epoch milliseconds ("1767225600000") or ISO 8601. nullopt for
// empty or unreadable text (the timing check is then skipped, never failed). Pure.
[[nodiscard]] std::optional<Timestamp> ParseFormTimestamp(std::string_view text);

// Flags "impossible rates": more than `max_events_per_second` events of one anonymous id within
// one second. Windows are fixed per id: the first event opens a one-second window, and an event
// at least a second away from the window's start (either way, since batches arrive out of order)
// opens a new one. Every event beyond the limit in a window is flagged, earlier ones are not.
// Pass event times (occurred_at), not receive times: the snippet sends batches, so many events
// arrive at once honestly. Memory is bounded by `max_tracked_ids`, in two generations of at most
// half as many ids each: new windows go to the young one; when it is full, the old generation is
// dropped and the young one becomes old, so an id not seen during the last max_tracked_ids / 2 new
// ids loses its window (that can only miss a burst, never flag a person). An id found in the old
// generation moves back to the young one. O(1) per event: no scan and no freeing of single
// entries under the caller's lock.
// Ids are kept as 64-bit hashes (two ids sharing one would share a window: about one chance in
// 10^9 at the bound). Not thread-safe: guarded by the caller.
class RateDetector final {
public:
    struct Options {
        int max_events_per_second = 20;
        std::size_t max_tracked_ids = 100'000;
    };

    explicit RateDetector(Options options);

    // Counts one event of `anonymous_id` at `at`. Returns kBotRate when it is over the limit,
    // an empty view otherwise. Events without an anonymous id are never flagged.
    [[nodiscard]] std::string_view Record(std::string_view anonymous_id, Timestamp at);

    // Ids with a window (for tests and metrics).
    [[nodiscard]] std::size_t TrackedIds() const { return young_.Size() + old_.Size(); }

private:
    struct Window {
        Timestamp start;
        int count = 0;
    };

    // Up to `max_ids` windows by id hash: open addressing with linear probing at most half full,
    // no deletion, emptied at once by Clear (no entry to free one by one). Its slots are allocated
    // at the first Insert.
    class Generation final {
    public:
        explicit Generation(std::size_t max_ids);
        [[nodiscard]] Window* Find(std::uint64_t id);
        // `id` must not be present and the generation must not be full.
        Window& Insert(std::uint64_t id, Window window);
        void Clear();
        [[nodiscard]] std::size_t Size() const { return size_; }
        [[nodiscard]] bool IsFull() const { return size_ >= max_ids_; }

    private:
        struct Slot {
            std::uint64_t id = 0;  // 0: empty (ids are never 0)
            Window window;
        };
        [[nodiscard]] std::size_t SlotOf(std::uint64_t id) const;

        std::size_t max_ids_;
        std::size_t mask_;  // slot count - 1, a power of two ≥ 2 × max_ids_
        std::vector<Slot> slots_;
        std::size_t size_ = 0;
    };

    // The window of `id` in the young generation: found there, copied from the old one (whose
    // stale copy goes with it), or new.
    Window& WindowOf(std::uint64_t id, Timestamp at);

    Options options_;
    Generation young_;
    Generation old_;
};

}  // namespace lb::tracking
