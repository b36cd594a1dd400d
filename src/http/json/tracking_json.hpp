// JSON of the tracking endpoints: the /collect reply and a visitor with its journey.
#pragma once

#include "http/json/json_io.hpp"
#include "service/tracking_service.hpp"
#include "tracking/collector.hpp"

namespace lb::http::json {

// {"accepted": N, "rejected": [{"index", "field" (null when the whole event), "reason"}]}.
[[nodiscard]] Json CollectOutcomeToJson(const tracking::CollectOutcome& outcome);

// {"lead_id": N | null, "status": "created" | "updated" | "received"} ("received": stored as a
// filtered touchpoint or already stored by an earlier post with the same _lb_message_id; no lead
// changed).
[[nodiscard]] Json FormOutcomeToJson(const service::FormOutcome& outcome);

// The body of POST /api/v1/leads/{id}/touchpoints: {"type", "name", "occurred_at", "channel",
// "campaign", "properties": {...}, "message_id"}; unknown fields rejected. kInvalidArgument
// naming the field for a wrong JSON type; values are checked by TrackingService::LogTouchpoint.
[[nodiscard]] Result<service::TouchpointInput> ParseTouchpointInput(std::string_view body);

// A logged touchpoint: TouchpointToJson (lead_json.hpp).
[[nodiscard]] Json LoggedTouchpointToJson(const service::LoggedTouchpoint& logged);

// The body of POST /api/v1/leads/{id}/merge.
struct MergeRequest {
    LeadId from;
    std::string reason;
};
// {"from": <positive lead id>, "reason": "..." (optional)}. kInvalidArgument naming the field.
[[nodiscard]] Result<MergeRequest> ParseMergeRequest(std::string_view body);

// {"lead": <the survivor, LeadToJson>, "absorbed_lead_id", "moved": {"touchpoints", "visitors",
//  "history_entries"}}.
[[nodiscard]] Json MergeOutcomeToJson(const service::MergeOutcome& outcome);

// {"anonymous_id", "lead_id" (null while anonymous), "first_seen", "last_seen", "session_id",
//  "first_touch": {"channel", "campaign"}, "latest_touch": {...}, "touchpoints": [...]}.
[[nodiscard]] Json VisitorToJson(const service::VisitorView& view);

}  // namespace lb::http::json
