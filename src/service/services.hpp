// Services: the use cases that http/ and cli/ call. Each checks the principal's permission, runs
// one store transaction and returns domain values.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/entities.hpp"
#include "domain/lead_input.hpp"
#include "service/principal.hpp"
#include "storage/store.hpp"

namespace lb::service {

// A lead with what the API shows beside it.
struct LeadView {
    domain::Lead lead;
    std::optional<domain::Company> company;
    std::string owner_email;  // empty: no owner
};

// Query parameters of GET /api/v1/leads, as text, validated by ListLeads.
struct LeadQuery {
    std::string stage, channel, business_area, owner, min_score, min_predicted, q, sort, limit,
        cursor;
};

struct CreatedApiKey {
    domain::ApiKey key;
    std::string secret;  // the whole key; shown once, never stored
};

struct SignIn {
    std::string token;  // the session cookie's value; only its hash is stored
    Timestamp expires_at;
    domain::User user;
};

struct WorkspacePatch {
    domain::Update<std::string> name, currency, timezone;
    domain::Update<std::int64_t> mql_threshold, sql_deadline_days;
};

struct BusinessAreaInput {
    domain::Update<std::string> key, name;
    domain::Update<double> average_deal_value;
};

struct ChannelInput {
    domain::Update<std::string> key, name, kind;
};

// Keeps a lead's score current. Services calls it inside the write transaction that created or
// changed the lead, so the lead and its score commit together (ScoringService implements it).
class LeadScoreHook {
public:
    virtual ~LeadScoreHook() = default;
    LeadScoreHook() = default;
    LeadScoreHook(const LeadScoreHook&) = delete;
    LeadScoreHook& operator=(const LeadScoreHook&) = delete;
    // Rescores `lead`; an error rolls the caller's transaction back.
    [[nodiscard]] virtual Status LeadChanged(storage::Transaction& tx,
                                             WorkspaceId workspace,
                                             LeadId lead,
                                             std::string_view actor) = 0;
    // The touchpoints of `leads` changed and are committed (/collect, forms): rescore them soon,
    // off the caller's thread. Must be quick.
    virtual void LeadsTouched(WorkspaceId workspace, std::span<const LeadId> leads) = 0;
};

// The use cases. Thread-safe (holds only references to the thread-safe Store and Clock).
// Every method returns kPermissionDenied when the principal's role may not do it, and the store's
// errors (kUnavailable, kInternal) as they come.
// How long a tracking key found in the store is trusted without reading it again.
inline constexpr std::chrono::seconds kTrackingKeyCacheTtl{30};

class Services final {
public:
    Services(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    // --- Workspace and bootstrap ---
    // The first workspace, created (with the default channels) when the store has none.
    [[nodiscard]] Result<domain::Workspace> EnsureDefaultWorkspace();
    [[nodiscard]] Result<domain::Workspace> GetWorkspace(const Principal& principal);
    // kInvalidArgument naming the field.
    [[nodiscard]] Result<domain::Workspace> UpdateWorkspace(const Principal& principal,
                                                            const WorkspacePatch& patch);
    // Workspace looked up by its tracking key (cached for kTrackingKeyCacheTtl); kUnauthenticated
    // when none has it.
    [[nodiscard]] Result<Principal> AuthenticateTrackingKey(std::string_view tracking_key);

    // --- Credentials ---
    // kUnauthenticated for an unknown or revoked key.
    [[nodiscard]] Result<Principal> AuthenticateApiKey(std::string_view secret);
    // For the CLI (no principal): creates a key in `workspace`. `user_email`: the user a sales key
    // acts for (kInvalidArgument "user" if unknown).
    [[nodiscard]] Result<CreatedApiKey> CreateApiKey(WorkspaceId workspace,
                                                     domain::Role role,
                                                     std::string_view name,
                                                     std::string_view user_email);
    [[nodiscard]] Result<CreatedApiKey> CreateApiKey(const Principal& principal,
                                                     domain::Role role,
                                                     std::string_view name,
                                                     std::string_view user_email);
    [[nodiscard]] Result<std::vector<domain::ApiKey>> ListApiKeys(const Principal& principal);
    [[nodiscard]] Status RevokeApiKey(const Principal& principal, ApiKeyId id);
    // For the CLI: creates a user with an argon2id password hash. kAlreadyExists "email".
    // kInvalidArgument "password" when shorter than 8 characters (an empty password: no sign-in).
    [[nodiscard]] Result<domain::User> CreateUser(WorkspaceId workspace,
                                                  std::string_view email,
                                                  std::string_view name,
                                                  domain::Role role,
                                                  std::string_view password);
    [[nodiscard]] Result<domain::User> CreateUser(const Principal& principal,
                                                  std::string_view email,
                                                  std::string_view name,
                                                  domain::Role role,
                                                  std::string_view password);
    [[nodiscard]] Result<std::vector<domain::User>> ListUsers(const Principal& principal);
    // kUnauthenticated for a wrong e-mail or password (one message for both).
    [[nodiscard]] Result<SignIn> SignInWithPassword(std::string_view email,
                                                    std::string_view password);
    // kUnauthenticated for an unknown or expired session.
    [[nodiscard]] Result<Principal> AuthenticateSession(std::string_view token);
    [[nodiscard]] Status SignOut(std::string_view token);
    // The signed-in user of a principal (kNotFound for keys without a user).
    [[nodiscard]] Result<domain::User> CurrentUser(const Principal& principal);

    // --- Leads ---
    // kAlreadyExists (field email or external_id) when another lead has it.
    [[nodiscard]] Result<LeadView> CreateLead(const Principal& principal,
                                              const domain::LeadInput& input);
    // kNotFound also for leads a sales principal does not own.
    [[nodiscard]] Result<LeadView> GetLead(const Principal& principal, LeadId id);
    [[nodiscard]] Result<LeadView> UpdateLead(const Principal& principal,
                                              LeadId id,
                                              const domain::LeadInput& patch);
    // kInvalidArgument naming the query parameter (limit 1-500, min_score 0-100,
    // min_predicted 0-1, sort, stage...).
    [[nodiscard]] Result<storage::Page<LeadView>> ListLeads(const Principal& principal,
                                                            const LeadQuery& query);
    [[nodiscard]] Result<std::vector<domain::LeadHistoryEntry>> GetLeadHistory(
        const Principal& principal, LeadId id);
    // Every touchpoint of the lead, oldest first.
    [[nodiscard]] Result<std::vector<domain::Touchpoint>> GetLeadTimeline(
        const Principal& principal, LeadId id);

    // --- Companies ---
    [[nodiscard]] Result<domain::Company> CreateCompany(const Principal& principal,
                                                        const domain::CompanyInput& input);
    [[nodiscard]] Result<domain::Company> GetCompany(const Principal& principal, CompanyId id);
    [[nodiscard]] Result<domain::Company> UpdateCompany(const Principal& principal,
                                                        CompanyId id,
                                                        const domain::CompanyInput& patch);
    [[nodiscard]] Result<storage::Page<domain::Company>> ListCompanies(const Principal& principal,
                                                                       std::string_view q,
                                                                       std::string_view limit,
                                                                       std::string_view cursor);

    // --- Business areas and channels ---
    [[nodiscard]] Result<std::vector<domain::BusinessArea>> ListBusinessAreas(
        const Principal& principal);
    [[nodiscard]] Result<domain::BusinessArea> CreateBusinessArea(const Principal& principal,
                                                                  const BusinessAreaInput& input);
    [[nodiscard]] Result<domain::BusinessArea> UpdateBusinessArea(const Principal& principal,
                                                                  std::string_view key,
                                                                  const BusinessAreaInput& patch);
    [[nodiscard]] Result<std::vector<domain::Channel>> ListChannels(const Principal& principal);
    [[nodiscard]] Result<domain::Channel> CreateChannel(const Principal& principal,
                                                        const ChannelInput& input);
    [[nodiscard]] Result<domain::Channel> UpdateChannel(const Principal& principal,
                                                        std::string_view key,
                                                        const ChannelInput& patch);

    // Scores leads as they change from now on; nullptr stops it. Requires: set before serving
    // (not synchronised); `hook` outlives the Services.
    void SetScoreHook(LeadScoreHook* hook) { score_hook_ = hook; }
    [[nodiscard]] LeadScoreHook* ScoreHook() const { return score_hook_; }

    [[nodiscard]] storage::Store& Store() { return store_; }
    [[nodiscard]] const Clock& Time() const { return clock_; }

private:
    // The lead after the score hook rescored it (re-read: the score and perhaps the stage
    // changed); the lead as given when no hook is set.
    [[nodiscard]] Result<domain::Lead> Rescored(storage::Transaction& tx,
                                                const Principal& principal,
                                                domain::Lead lead);

    storage::Store& store_;
    const Clock& clock_;
    LeadScoreHook* score_hook_ = nullptr;

    // Tracking keys found in the store (never the unknown ones): every /collect and form post
    // authenticates, and a key never changes once its workspace has it. Re-read after
    // kTrackingKeyCacheTtl all the same, for keys changed elsewhere.
    struct CachedTrackingKey {
        WorkspaceId workspace;
        std::chrono::steady_clock::time_point loaded_at;
    };
    std::mutex tracking_keys_mu_;
    std::unordered_map<std::string, CachedTrackingKey> tracking_keys_;  // by tracking_keys_mu_
};

}  // namespace lb::service
