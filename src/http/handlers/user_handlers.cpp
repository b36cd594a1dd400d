// Users and API keys (admin only, enforced by Services): /api/v1/users, /api/v1/api-keys.
#include "http/auth.hpp"
#include "http/handlers/reply.hpp"
#include "http/handlers/routes.hpp"
#include "http/json/user_json.hpp"

namespace lb::http::handlers {

namespace {

using service::Principal;
using service::Services;

Response ListUsers(Services& services, const Request&, const Principal& principal) {
    return Reply(services.ListUsers(principal),
                 [](const auto& users) { return Items(users, json::UserToJson); });
}

Response CreateUser(Services& services, const Request& request, const Principal& principal) {
    auto body = json::ParseNewUser(request.body);
    if (!body) return ErrorResponse(body.error());
    return ReplyCreated(
        services.CreateUser(principal, body->email, body->name, body->role, body->password),
        json::UserToJson,
        "/api/v1/users",
        [](const domain::User& user) { return std::to_string(user.id.value); });
}

Response ListApiKeys(Services& services, const Request&, const Principal& principal) {
    return Reply(services.ListApiKeys(principal),
                 [](const auto& keys) { return Items(keys, json::ApiKeyToJson); });
}

// The secret is in this response only; it is never stored or shown again.
Response CreateApiKey(Services& services, const Request& request, const Principal& principal) {
    auto body = json::ParseNewApiKey(request.body);
    if (!body) return ErrorResponse(body.error());
    return ReplyCreated(
        services.CreateApiKey(principal, body->role, body->name, body->user_email),
        [](const service::CreatedApiKey& created) {
            json::Json out = json::ApiKeyToJson(created.key);
            out["secret"] = created.secret;
            return out;
        },
        "/api/v1/api-keys",
        [](const service::CreatedApiKey& created) { return std::to_string(created.key.id.value); });
}

Response RevokeApiKey(Services& services, const Request& request, const Principal& principal) {
    auto id = PathId<ApiKeyId>(request);
    if (!id) return ErrorResponse(id.error());
    auto revoked = services.RevokeApiKey(principal, *id);
    if (!revoked) return ErrorResponse(revoked.error());
    return JsonResponse(204, "");
}

}  // namespace

void AddUserRoutes(Router& router, Services& services) {
    router.Add("GET", "/api/v1/users", RequireAuth(services, ListUsers));
    router.Add("POST", "/api/v1/users", RequireAuth(services, CreateUser));
    router.Add("GET", "/api/v1/api-keys", RequireAuth(services, ListApiKeys));
    router.Add("POST", "/api/v1/api-keys", RequireAuth(services, CreateApiKey));
    router.Add("DELETE", "/api/v1/api-keys/{id}", RequireAuth(services, RevokeApiKey));
}

}  // namespace lb::http::handlers
