// Tracking on known leads: POST /api/v1/leads/{id}/touchpoints (offline and sales activities)
// and POST /api/v1/leads/{id}/merge; and the workspace's channel rules (GET/PUT
// /api/v1/channel-rules).
#include "http/auth.hpp"
#include "http/handlers/reply.hpp"
#include "http/handlers/routes.hpp"
#include "http/json/tracking_json.hpp"
#include "tracking/channel_rules_json.hpp"

namespace lb::http::handlers {

namespace {

using service::Principal;
using service::TrackingService;

Response LogTouchpoint(TrackingService& tracking,
                       const Request& request,
                       const Principal& principal) {
    auto id = PathId<LeadId>(request);
    if (!id) return ErrorResponse(id.error());
    auto input = json::ParseTouchpointInput(request.body);
    if (!input) return ErrorResponse(input.error());
    auto logged = tracking.LogTouchpoint(principal, *id, *input);
    // A retried message_id answers 200 with the touchpoint stored the first time.
    const unsigned status = logged && !logged->is_created ? 200 : 201;
    return Reply(logged, json::LoggedTouchpointToJson, status);
}

Response MergeLeads(TrackingService& tracking, const Request& request, const Principal& principal) {
    auto id = PathId<LeadId>(request);
    if (!id) return ErrorResponse(id.error());
    auto merge = json::ParseMergeRequest(request.body);
    if (!merge) return ErrorResponse(merge.error());
    return Reply(tracking.MergeLeads(principal, *id, merge->from, merge->reason),
                 json::MergeOutcomeToJson);
}

Response ChannelRulesReply(const Result<tracking::ChannelRules>& rules) {
    if (!rules) return ErrorResponse(rules.error());
    return JsonResponse(200, tracking::ChannelRulesToJson(*rules));
}

}  // namespace

void AddLeadTrackingRoutes(Router& router, service::Services& services, TrackingService& tracking) {
    router.Add("POST",
               "/api/v1/leads/{id}/touchpoints",
               RequireAuth(services, [&tracking](const Request& request, const Principal& who) {
                   return LogTouchpoint(tracking, request, who);
               }));
    router.Add("POST",
               "/api/v1/leads/{id}/merge",
               RequireAuth(services, [&tracking](const Request& request, const Principal& who) {
                   return MergeLeads(tracking, request, who);
               }));
    router.Add("GET",
               "/api/v1/channel-rules",
               RequireAuth(services, [&tracking](const Request&, const Principal& who) {
                   return ChannelRulesReply(tracking.GetChannelRules(who));
               }));
    router.Add("PUT",
               "/api/v1/channel-rules",
               RequireAuth(services, [&tracking](const Request& request, const Principal& who) {
                   return ChannelRulesReply(tracking.SetChannelRules(who, request.body));
               }));
}

}  // namespace lb::http::handlers
