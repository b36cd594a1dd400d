// Workspace settings: /api/v1/workspace, /api/v1/business-areas and /api/v1/channels.
#include "http/auth.hpp"
#include "http/handlers/reply.hpp"
#include "http/handlers/routes.hpp"
#include "http/json/settings_json.hpp"

namespace lb::http::handlers {

namespace {

using service::Principal;
using service::Services;

Response GetWorkspace(Services& services, const Request&, const Principal& principal) {
    return Reply(services.GetWorkspace(principal), json::WorkspaceToJson);
}

Response PatchWorkspace(Services& services, const Request& request, const Principal& principal) {
    auto patch = json::ParseWorkspacePatch(request.body);
    if (!patch) return ErrorResponse(patch.error());
    return Reply(services.UpdateWorkspace(principal, *patch), json::WorkspaceToJson);
}

Response ListBusinessAreas(Services& services, const Request&, const Principal& principal) {
    return Reply(services.ListBusinessAreas(principal),
                 [](const auto& areas) { return Items(areas, json::BusinessAreaToJson); });
}

Response CreateBusinessArea(Services& services,
                            const Request& request,
                            const Principal& principal) {
    auto input = json::ParseBusinessAreaInput(request.body);
    if (!input) return ErrorResponse(input.error());
    return ReplyCreated(services.CreateBusinessArea(principal, *input),
                        json::BusinessAreaToJson,
                        "/api/v1/business-areas",
                        [](const domain::BusinessArea& area) { return area.key; });
}

Response PatchBusinessArea(Services& services, const Request& request, const Principal& principal) {
    auto patch = json::ParseBusinessAreaInput(request.body);
    if (!patch) return ErrorResponse(patch.error());
    return Reply(services.UpdateBusinessArea(principal, PathText(request, "key"), *patch),
                 json::BusinessAreaToJson);
}

Response ListChannels(Services& services, const Request&, const Principal& principal) {
    return Reply(services.ListChannels(principal),
                 [](const auto& channels) { return Items(channels, json::ChannelToJson); });
}

Response CreateChannel(Services& services, const Request& request, const Principal& principal) {
    auto input = json::ParseChannelInput(request.body);
    if (!input) return ErrorResponse(input.error());
    return ReplyCreated(services.CreateChannel(principal, *input),
                        json::ChannelToJson,
                        "/api/v1/channels",
                        [](const domain::Channel& channel) { return channel.key; });
}

Response PatchChannel(Services& services, const Request& request, const Principal& principal) {
    auto patch = json::ParseChannelInput(request.body);
    if (!patch) return ErrorResponse(patch.error());
    return Reply(services.UpdateChannel(principal, PathText(request, "key"), *patch),
                 json::ChannelToJson);
}

}  // namespace

void AddSettingsRoutes(Router& router, Services& services) {
    router.Add("GET", "/api/v1/workspace", RequireAuth(services, GetWorkspace));
    router.Add("PATCH", "/api/v1/workspace", RequireAuth(services, PatchWorkspace));
    router.Add("GET", "/api/v1/business-areas", RequireAuth(services, ListBusinessAreas));
    router.Add("POST", "/api/v1/business-areas", RequireAuth(services, CreateBusinessArea));
    router.Add("PATCH", "/api/v1/business-areas/{key}", RequireAuth(services, PatchBusinessArea));
    router.Add("GET", "/api/v1/channels", RequireAuth(services, ListChannels));
    router.Add("POST", "/api/v1/channels", RequireAuth(services, CreateChannel));
    router.Add("PATCH", "/api/v1/channels/{key}", RequireAuth(services, PatchChannel));
}

}  // namespace lb::http::handlers
