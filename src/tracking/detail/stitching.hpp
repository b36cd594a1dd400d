// The write half of the collector: runs inside the event writer's transaction for one request's
// prepared events. Private to tracking.
#pragma once

#include <span>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/store.hpp"
#include "tracking/collector.hpp"

namespace lb::tracking::detail {

// Writes `events` of workspace `ws` in `tx`: skips events whose messageId is already stored,
// assigns sessions (kSessionTimeout), saves visitors with their first and latest touch, resolves
// identify calls to a lead (tracking::UpsertLead; a new lead gets the visitor's first-touch
// channel and campaign), gives later events of a known visitor its lead, attaches every earlier
// anonymous touchpoint of an identified visitor to the lead, and records lead touches.
// `received_at` stamps created/updated leads. Returns the leads touched and the lead each
// identifying event resolved to. Errors: the store's; UpsertLead's for an event with a
// `lead_input` (a form) that does not fit the stored lead.
[[nodiscard]] Result<WriteSummary> WriteEvents(storage::Transaction& tx,
                                               WorkspaceId ws,
                                               std::span<const PreparedEvent> events,
                                               Timestamp received_at);

}  // namespace lb::tracking::detail
