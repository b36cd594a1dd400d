// JSON of the tracking endpoints: the /collect reply and a visitor with its journey.
#pragma once

#include "http/json/json_io.hpp"
#include "service/tracking_service.hpp"
#include "tracking/collector.hpp"

namespace lb::http::json {

// {"accepted": N, "rejected": [{"index", "field" (null when the whole event), "reason"}]}.
[[nodiscard]] Json CollectOutcomeToJson(const tracking::CollectOutcome& outcome);

// {"anonymous_id", "lead_id" (null while anonymous), "first_seen", "last_seen", "session_id",
//  "first_touch": {"channel", "campaign"}, "latest_touch": {...}, "touchpoints": [...]}.
[[nodiscard]] Json VisitorToJson(const service::VisitorView& view);

}  // namespace lb::http::json
