// /api/v1/leads: create, read, patch (stage moves included), list, history and timeline.
#include "http/auth.hpp"
#include "http/handlers/reply.hpp"
#include "http/handlers/routes.hpp"
#include "http/json/lead_json.hpp"
#include "http/url.hpp"

namespace lb::http::handlers {

namespace {

using service::Principal;
using service::Services;

constexpr std::string_view kLeads = "/api/v1/leads";

std::string LeadLocationId(const service::LeadView& view) {
    return std::to_string(view.lead.id.value);
}

// The query parameters of GET /api/v1/leads, as text; Services validates their values. Unknown
// names are rejected so that a typo ("?stge=") does not silently return every lead.
Result<service::LeadQuery> ParseLeadQuery(std::string_view query_string) {
    LB_ASSIGN_OR_RETURN(auto params,
                        ParseQuery(query_string,
                                   {"stage",
                                    "channel",
                                    "business_area",
                                    "owner",
                                    "min_score",
                                    "min_predicted",
                                    "q",
                                    "sort",
                                    "limit",
                                    "cursor"}));
    return service::LeadQuery{.stage = params["stage"],
                              .channel = params["channel"],
                              .business_area = params["business_area"],
                              .owner = params["owner"],
                              .min_score = params["min_score"],
                              .min_predicted = params["min_predicted"],
                              .q = params["q"],
                              .sort = params["sort"],
                              .limit = params["limit"],
                              .cursor = params["cursor"]};
}

Response CreateLead(Services& services, const Request& request, const Principal& principal) {
    auto input = json::ParseLeadInput(request.body);
    if (!input) return ErrorResponse(input.error());
    return ReplyCreated(
        services.CreateLead(principal, *input), json::LeadToJson, kLeads, LeadLocationId);
}

Response GetLead(Services& services, const Request& request, const Principal& principal) {
    auto id = PathId<LeadId>(request);
    if (!id) return ErrorResponse(id.error());
    return Reply(services.GetLead(principal, *id), json::LeadToJson);
}

Response PatchLead(Services& services, const Request& request, const Principal& principal) {
    auto id = PathId<LeadId>(request);
    if (!id) return ErrorResponse(id.error());
    auto patch = json::ParseLeadInput(request.body);
    if (!patch) return ErrorResponse(patch.error());
    return Reply(services.UpdateLead(principal, *id, *patch), json::LeadToJson);
}

Response ListLeads(Services& services, const Request& request, const Principal& principal) {
    auto query = ParseLeadQuery(request.query_string);
    if (!query) return ErrorResponse(query.error());
    return Reply(services.ListLeads(principal, *query),
                 [](const auto& page) { return PageItems(page, json::LeadToJson); });
}

Response LeadHistory(Services& services, const Request& request, const Principal& principal) {
    auto id = PathId<LeadId>(request);
    if (!id) return ErrorResponse(id.error());
    return Reply(services.GetLeadHistory(principal, *id),
                 [](const auto& entries) { return Items(entries, json::HistoryEntryToJson); });
}

Response LeadTimeline(Services& services, const Request& request, const Principal& principal) {
    auto id = PathId<LeadId>(request);
    if (!id) return ErrorResponse(id.error());
    return Reply(services.GetLeadTimeline(principal, *id), [](const auto& touchpoints) {
        return Items(touchpoints, json::TouchpointToJson);
    });
}

}  // namespace

void AddLeadRoutes(Router& router, Services& services) {
    router.Add("POST", "/api/v1/leads", RequireAuth(services, CreateLead));
    router.Add("GET", "/api/v1/leads", RequireAuth(services, ListLeads));
    router.Add("GET", "/api/v1/leads/{id}", RequireAuth(services, GetLead));
    router.Add("PATCH", "/api/v1/leads/{id}", RequireAuth(services, PatchLead));
    router.Add("GET", "/api/v1/leads/{id}/history", RequireAuth(services, LeadHistory));
    router.Add("GET", "/api/v1/leads/{id}/timeline", RequireAuth(services, LeadTimeline));
}

}  // namespace lb::http::handlers
