#include "tracking/payload.hpp"

#include <array>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "tracking/detail/event_reader.hpp"

namespace lb::tracking {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 10> kEventTypes = {
    "page",
    "track",
    "identify",
    "call",
    "meeting",
    "event_attendance",
    "email_sent",
    "email_open",
    "email_click",
    "form",
};

constexpr std::size_t kMaxParserMessage = 200;

// nlohmann's parser is iterative, but dump() and the destructor of deep values recurse; a
// 1 MB body of '[' would exhaust the stack. So the nesting is bounded on the bytes first.
Status CheckNesting(std::string_view body) {
    std::size_t depth = 0;
    bool is_in_string = false;
    bool is_escaped = false;
    for (std::size_t pos = 0; pos < body.size(); ++pos) {
        const char c = body[pos];
        if (is_in_string) {
            if (is_escaped) {
                is_escaped = false;
            } else if (c == '\\') {
                is_escaped = true;
            } else if (c == '"') {
                is_in_string = false;
            }
            continue;
        }
        if (c == '"') {
            is_in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth) {
                return Fail(InvalidArgument("the JSON nests deeper than " +
                                            std::to_string(kMaxJsonDepth) + " levels at byte " +
                                            std::to_string(pos)));
            }
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return Ok();
}

Result<json> ParseJson(std::string_view body) {
    LB_TRY(CheckNesting(body));
    try {
        return json::parse(body.begin(), body.end());
    } catch (const json::parse_error& error) {
        std::string detail = error.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
        if (const auto colon = detail.find(": "); colon != std::string::npos)
            detail.erase(0, colon + 2);
        if (detail.size() > kMaxParserMessage) detail.resize(kMaxParserMessage);
        // nlohmann counts bytes read (1-based); the message names the 0-based offset, like
        // the nesting check's.
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        return Fail(
            InvalidArgument("malformed JSON at byte " + std::to_string(offset) + ": " + detail));
    } catch (const json::exception& error) {
        return Fail(InvalidArgument(std::string("malformed JSON: ") + error.what()));
    }
}

// The events of a body: the "batch" array, or the body itself as the one event.
Result<std::vector<const json*>> EventsOf(const json& body) {
    std::vector<const json*> events;
    const auto batch = body.find("batch");
    if (batch == body.end()) {
        events.push_back(&body);
        return events;
    }
    if (!batch->is_array()) return Fail(InvalidArgument("must be an array of events", "batch"));
    if (batch->size() > kMaxBatchEvents) {
        return Fail(TooLarge("the batch has " + std::to_string(batch->size()) +
                             " events; the limit is " + std::to_string(kMaxBatchEvents) +
                             " per request"));
    }
    events.reserve(batch->size());
    for (const json& event : *batch) events.push_back(&event);
    return events;
}

// Reads events into `payload`, rejecting a messageId seen earlier in the same body.
void ReadEvents(const std::vector<const json*>& events,
                std::optional<Timestamp> batch_sent_at,
                Timestamp received_at,
                CollectPayload& payload) {
    std::unordered_map<std::string, std::size_t> first_by_message_id;
    for (std::size_t event_idx = 0; event_idx < events.size(); ++event_idx) {
        auto event = detail::ReadEvent(*events[event_idx], batch_sent_at, received_at);
        if (!event) {
            payload.rejections.push_back(
                {event_idx, std::move(event.error().field), std::move(event.error().message)});
            continue;
        }
        if (!event->message_id.empty()) {
            const auto [seen, is_new] = first_by_message_id.emplace(event->message_id, event_idx);
            if (!is_new) {
                payload.rejections.push_back(
                    {event_idx,
                     "messageId",
                     "repeats the messageId of event " + std::to_string(seen->second)});
                continue;
            }
        }
        event->index = event_idx;
        payload.events.push_back(std::move(*event));
    }
}

}  // namespace

std::span<const std::string_view> TrackedEventTypes() {
    return kEventTypes;
}

Result<CollectPayload> ParseCollectBody(std::string_view body, Timestamp received_at) {
    LB_ASSIGN_OR_RETURN(const json parsed, ParseJson(body));
    if (!parsed.is_object())
        return Fail(
            InvalidArgument("the body must be a JSON object: one event or {\"batch\": [...]}"));
    // Reading a parsed value does not throw; the catch keeps that promise should it ever change.
    try {
        CollectPayload payload;
        LB_ASSIGN_OR_RETURN(payload.write_key,
                            detail::ReadString(parsed, "writeKey", "writeKey", kMaxIdBytes));
        LB_ASSIGN_OR_RETURN(const auto events, EventsOf(parsed));
        std::optional<Timestamp> batch_sent_at;
        if (parsed.contains("batch")) {
            LB_ASSIGN_OR_RETURN(batch_sent_at, detail::ReadTime(parsed, "sentAt", "sentAt"));
        }
        ReadEvents(events, batch_sent_at, received_at, payload);
        return payload;
    } catch (const json::exception& error) {
        return Fail(InvalidArgument(std::string("unreadable event: ") + error.what()));
    }
}

domain::Touchpoint ToTouchpoint(const TrackedEvent& event) {
    domain::Touchpoint touchpoint;
    touchpoint.anonymous_id = event.anonymous_id;
    touchpoint.type = event.type;
    touchpoint.name = event.name;
    if (touchpoint.name.empty() && event.type == "page") touchpoint.name = event.page.title;
    touchpoint.url = event.page.url;
    touchpoint.campaign = event.campaign.name;
    touchpoint.properties_json = event.properties_json;
    touchpoint.occurred_at = event.occurred_at;
    return touchpoint;
}

}  // namespace lb::tracking
