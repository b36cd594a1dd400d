// Services: API keys, users, sign-in sessions.
#include <chrono>

#include "common/rng.hpp"
#include "common/text.hpp"
#include "domain/validation.hpp"
#include "service/detail/run.hpp"
#include "service/detail/secrets.hpp"
#include "service/services.hpp"

namespace lb::service {

namespace {

constexpr std::string_view kApiKeyPrefix = "lb_";
constexpr std::size_t kShownPrefixLength = 10;
constexpr std::size_t kMinPasswordLength = 8;
constexpr auto kSessionLifetime = std::chrono::hours(24 * 7);

std::string ActorOf(const domain::ApiKey& key) {
    return "apikey:" + std::to_string(key.id.value);
}

}  // namespace

Result<Principal> Services::AuthenticateApiKey(std::string_view secret) {
    const auto rejected = [] {
        return Fail(Unauthenticated("the API key is not valid (unknown or revoked)"));
    };
    if (!secret.starts_with(kApiKeyPrefix) || secret.size() > 200) return rejected();
    const std::string hash = detail::Sha256Hex(secret);
    LB_ASSIGN_OR_RETURN(
        const auto key,
        detail::ReadValue<std::optional<domain::ApiKey>>(
            store_, [&](storage::Transaction& tx) { return tx.FindApiKeyByHash(hash); }));
    if (!key || key->revoked_at) return rejected();
    return Principal{key->workspace_id, key->role, key->user_id, ActorOf(*key)};
}

Result<CreatedApiKey> Services::CreateApiKey(WorkspaceId workspace,
                                             domain::Role role,
                                             std::string_view name,
                                             std::string_view user_email) {
    const std::string trimmed_name(Trim(name));
    if (trimmed_name.size() > 200)
        return Fail(InvalidArgument("is longer than 200 characters", "name"));
    return detail::WriteValue<CreatedApiKey>(
        store_, [&](storage::Transaction& tx) -> Result<CreatedApiKey> {
            CreatedApiKey created;
            created.secret = std::string(kApiKeyPrefix) + SecureRandomHex(20);
            domain::ApiKey& key = created.key;
            key.workspace_id = workspace;
            key.name =
                trimmed_name.empty() ? std::string(domain::ToString(role)) + " key" : trimmed_name;
            key.role = role;
            key.prefix = created.secret.substr(0, kShownPrefixLength);
            key.secret_hash = detail::Sha256Hex(created.secret);
            key.created_at = clock_.Now();
            if (!Trim(user_email).empty()) {
                LB_ASSIGN_OR_RETURN(const auto user,
                                    tx.FindUserByEmail(workspace, ToLower(Trim(user_email))));
                if (!user)
                    return Fail(InvalidArgument(
                        "no user with the e-mail '" + std::string(user_email) + "'", "user"));
                key.user_id = user->id;
            }
            LB_ASSIGN_OR_RETURN(key, tx.CreateApiKey(key));
            return created;
        });
}

Result<CreatedApiKey> Services::CreateApiKey(const Principal& principal,
                                             domain::Role role,
                                             std::string_view name,
                                             std::string_view user_email) {
    LB_TRY(Require(principal, Permission::kManageUsers));
    return CreateApiKey(principal.workspace, role, name, user_email);
}

Result<std::vector<domain::ApiKey>> Services::ListApiKeys(const Principal& principal) {
    LB_TRY(Require(principal, Permission::kManageUsers));
    return detail::ReadValue<std::vector<domain::ApiKey>>(
        store_, [&](storage::Transaction& tx) { return tx.ListApiKeys(principal.workspace); });
}

Status Services::RevokeApiKey(const Principal& principal, ApiKeyId id) {
    LB_TRY(Require(principal, Permission::kManageUsers));
    return store_.Write([&](storage::Transaction& tx) {
        return tx.RevokeApiKey(principal.workspace, id, clock_.Now());
    });
}

Result<domain::User> Services::CreateUser(WorkspaceId workspace,
                                          std::string_view email,
                                          std::string_view name,
                                          domain::Role role,
                                          std::string_view password) {
    domain::User user;
    user.workspace_id = workspace;
    LB_ASSIGN_OR_RETURN(user.email, domain::NormaliseEmail(email));
    user.name = std::string(Trim(name));
    if (user.name.size() > 200)
        return Fail(InvalidArgument("is longer than 200 characters", "name"));
    user.role = role;
    user.created_at = clock_.Now();
    if (!password.empty()) {
        if (password.size() < kMinPasswordLength)
            return Fail(InvalidArgument("must be at least 8 characters", "password"));
        if (password.size() > 1024)
            return Fail(InvalidArgument("must be at most 1024 characters", "password"));
        LB_ASSIGN_OR_RETURN(user.password_hash, detail::HashPassword(password));
    }
    return detail::WriteValue<domain::User>(
        store_, [&](storage::Transaction& tx) { return tx.CreateUser(user); });
}

Result<domain::User> Services::CreateUser(const Principal& principal,
                                          std::string_view email,
                                          std::string_view name,
                                          domain::Role role,
                                          std::string_view password) {
    LB_TRY(Require(principal, Permission::kManageUsers));
    return CreateUser(principal.workspace, email, name, role, password);
}

Result<std::vector<domain::User>> Services::ListUsers(const Principal& principal) {
    LB_TRY(Require(principal, Permission::kReadSettings));
    return detail::ReadValue<std::vector<domain::User>>(
        store_, [&](storage::Transaction& tx) { return tx.ListUsers(principal.workspace); });
}

Result<SignIn> Services::SignInWithPassword(std::string_view email, std::string_view password) {
    const auto rejected = [] { return Fail(Unauthenticated("wrong e-mail or password")); };
    const std::string normalised = ToLower(Trim(email));
    LB_ASSIGN_OR_RETURN(const auto workspaces,
                        detail::ReadValue<std::vector<domain::Workspace>>(
                            store_, [](storage::Transaction& tx) { return tx.ListWorkspaces(); }));
    for (const auto& workspace : workspaces) {
        LB_ASSIGN_OR_RETURN(
            const auto user,
            detail::ReadValue<std::optional<domain::User>>(store_, [&](storage::Transaction& tx) {
                return tx.FindUserByEmail(workspace.id, normalised);
            }));
        if (!user) continue;
        if (!detail::VerifyPassword(user->password_hash, password)) return rejected();
        SignIn sign_in;
        sign_in.token = SecureRandomHex(32);
        sign_in.expires_at = clock_.Now() + kSessionLifetime;
        sign_in.user = *user;
        const storage::Session session{detail::Sha256Hex(sign_in.token),
                                       user->workspace_id,
                                       user->id,
                                       clock_.Now(),
                                       sign_in.expires_at};
        LB_TRY(store_.Write([&](storage::Transaction& tx) { return tx.CreateSession(session); }));
        return sign_in;
    }
    return rejected();
}

Result<Principal> Services::AuthenticateSession(std::string_view token) {
    const auto rejected = [] {
        return Fail(Unauthenticated("the session has ended; sign in again"));
    };
    if (token.empty() || token.size() > 200) return rejected();
    const std::string hash = detail::Sha256Hex(token);
    return detail::ReadValue<Principal>(store_, [&](storage::Transaction& tx) -> Result<Principal> {
        LB_ASSIGN_OR_RETURN(const auto session, tx.FindSession(hash));
        if (!session || session->expires_at <= clock_.Now()) return rejected();
        LB_ASSIGN_OR_RETURN(const domain::User user,
                            tx.GetUser(session->workspace_id, session->user_id));
        return Principal{user.workspace_id, user.role, user.id, "user:" + user.email};
    });
}

Status Services::SignOut(std::string_view token) {
    const std::string hash = detail::Sha256Hex(token);
    return store_.Write([&](storage::Transaction& tx) { return tx.DeleteSession(hash); });
}

Result<domain::User> Services::CurrentUser(const Principal& principal) {
    if (!principal.user.IsSet()) return Fail(NotFound("this credential does not act for a user"));
    return detail::ReadValue<domain::User>(store_, [&](storage::Transaction& tx) {
        return tx.GetUser(principal.workspace, principal.user);
    });
}

}  // namespace lb::service
