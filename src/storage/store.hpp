// The storage boundary: the Store (a pool of connections handing out transactions) and the
// Transaction interface through which everything above storage reads and writes. Implemented by
// storage/sqlite and storage/postgres; both pass tests/storage_contract.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/result.hpp"
#include "domain/entities.hpp"

namespace lb::storage {

// A UI sign-in: only the SHA-256 of the cookie's token is stored.
struct Session {
    std::string token_hash;
    WorkspaceId workspace_id;
    UserId user_id;
    Timestamp created_at;
    Timestamp expires_at;
};

enum class LeadSort {
    kCreatedDesc,    // "-created_at" (default)
    kCreatedAsc,     // "created_at"
    kUpdatedDesc,    // "-updated_at"
    kScoreDesc,      // "-score"
    kScoreAsc,       // "score"
    kNameAsc,        // "last_name" (then first name)
    kPredictedDesc,  // "-predicted_conversion" (leads without a prediction last)
    kPredictedAsc,   // "predicted_conversion" (leads without a prediction first)
};

// Parses the API's `sort=` values listed above. kInvalidArgument (field "sort") otherwise.
[[nodiscard]] Result<LeadSort> ParseLeadSort(std::string_view text);

struct LeadFilter {
    std::string stage;                    // stage id; empty: any
    std::string channel;                  // channel key; empty: any
    std::string business_area;            // business area key; empty: any
    std::optional<UserId> owner;          // only leads owned by this user
    bool only_unowned = false;            // only leads without an owner
    std::optional<int> min_score;         // score.total >= min_score
    std::optional<double> min_predicted;  // predicted probability >= it (none: excluded)
    std::string query;  // case-insensitive substring of e-mail, first/last name, company name
    LeadSort sort = LeadSort::kCreatedDesc;
    int limit = 50;      // 1-500
    std::string cursor;  // next_cursor of the previous page; empty: first page
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::string next_cursor;  // empty: no more pages
};

// A lead's touchpoint as full rescores and predictions read it: the columns they use, no more (a
// whole domain::Touchpoint per row was a sixth of a full rescore).
struct LeadTouchRow {
    TouchpointId id;
    LeadId lead_id;
    std::string type, name, url;
    std::string filtered_reason;  // empty: clean
    Timestamp occurred_at;
};

// A scoring model as stored: its key, its place in the evaluation order and its document.
struct StoredScoringModel {
    std::string key;
    int position = 0;
    std::string document;  // JSON, the model format of docs/scoring.md
    Timestamp updated_at;
};

// What Transaction::MoveLeadRecords moved.
struct LeadMoveCounts {
    std::int64_t touchpoints = 0;
    std::int64_t visitors = 0;
    std::int64_t history_entries = 0;
};

// When a lead first and last moved into a stage (from its "stage" history entries).
struct StageArrival {
    LeadId lead;
    std::string stage;
    Timestamp first_at;
    Timestamp last_at;
};

// A trained predictive model as stored: version 1, 2, 3... per workspace.
struct StoredPredictiveModel {
    WorkspaceId workspace_id;
    int version = 0;   // assigned by InsertPredictiveModel
    std::string kind;  // "logistic" or "boosted"
    Timestamp created_at;
    std::string trained_on;  // JSON: what it learned from (counts of won and lost leads...)
    std::string metrics;     // JSON: cross-validated AUC, log-loss...
    std::string model;       // JSON: scoring/predictive TrainedModel::ToJson
};

struct CompanyFilter {
    std::string query;  // case-insensitive substring of name or domain
    int limit = 50;
    std::string cursor;
};

// One transaction on one connection. Not thread-safe; valid only inside Store::Read/Write.
// Every method is scoped to a workspace. Errors: kNotFound for a missing id (Get*), kAlreadyExists
// with `field` for a unique key taken (e-mail, external_id, key, domain), kInvalidArgument for a
// malformed cursor, kUnavailable when the database cannot be reached, kInternal otherwise.
class Transaction {
public:
    virtual ~Transaction() = default;
    Transaction() = default;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Workspaces. Create assigns the id.
    [[nodiscard]] virtual Result<domain::Workspace> CreateWorkspace(
        domain::Workspace workspace) = 0;
    [[nodiscard]] virtual Result<domain::Workspace> GetWorkspace(WorkspaceId id) = 0;
    [[nodiscard]] virtual Result<std::optional<domain::Workspace>> FindWorkspaceByTrackingKey(
        std::string_view tracking_key) = 0;
    [[nodiscard]] virtual Result<std::vector<domain::Workspace>> ListWorkspaces() = 0;
    [[nodiscard]] virtual Status UpdateWorkspace(const domain::Workspace& workspace) = 0;

    // Users and their UI sessions.
    [[nodiscard]] virtual Result<domain::User> CreateUser(domain::User user) = 0;
    [[nodiscard]] virtual Result<domain::User> GetUser(WorkspaceId ws, UserId id) = 0;
    [[nodiscard]] virtual Result<std::optional<domain::User>> FindUserByEmail(
        WorkspaceId ws, std::string_view email) = 0;
    [[nodiscard]] virtual Result<std::vector<domain::User>> ListUsers(WorkspaceId ws) = 0;
    [[nodiscard]] virtual Status CreateSession(const Session& session) = 0;
    [[nodiscard]] virtual Result<std::optional<Session>> FindSession(
        std::string_view token_hash) = 0;
    [[nodiscard]] virtual Status DeleteSession(std::string_view token_hash) = 0;

    // API keys. FindApiKeyByHash searches all workspaces and also returns revoked keys.
    [[nodiscard]] virtual Result<domain::ApiKey> CreateApiKey(domain::ApiKey key) = 0;
    [[nodiscard]] virtual Result<std::optional<domain::ApiKey>> FindApiKeyByHash(
        std::string_view secret_hash) = 0;
    [[nodiscard]] virtual Result<std::vector<domain::ApiKey>> ListApiKeys(WorkspaceId ws) = 0;
    [[nodiscard]] virtual Status RevokeApiKey(WorkspaceId ws, ApiKeyId id, Timestamp at) = 0;

    // Companies. Domains are unique per workspace when set.
    [[nodiscard]] virtual Result<domain::Company> CreateCompany(domain::Company company) = 0;
    [[nodiscard]] virtual Result<domain::Company> GetCompany(WorkspaceId ws, CompanyId id) = 0;
    // The companies of `ids` that exist, in any order.
    [[nodiscard]] virtual Result<std::vector<domain::Company>> GetCompanies(
        WorkspaceId ws, std::span<const CompanyId> ids) = 0;
    [[nodiscard]] virtual Result<std::optional<domain::Company>> FindCompanyByDomain(
        WorkspaceId ws, std::string_view domain) = 0;
    [[nodiscard]] virtual Status UpdateCompany(const domain::Company& company) = 0;
    // Ordered by name, then id.
    [[nodiscard]] virtual Result<Page<domain::Company>> ListCompanies(
        WorkspaceId ws, const CompanyFilter& filter) = 0;

    // Leads, with their custom fields and score. E-mail and external_id are unique per workspace
    // when set. Update replaces every field, custom fields included.
    [[nodiscard]] virtual Result<domain::Lead> CreateLead(domain::Lead lead) = 0;
    [[nodiscard]] virtual Result<domain::Lead> GetLead(WorkspaceId ws, LeadId id) = 0;
    // The same without the score's breakdown (score.breakdown empty): what a full rescore reads
    // to see whether a lead changed since its snapshot, where parsing breakdowns cost a tenth.
    [[nodiscard]] virtual Result<domain::Lead> GetLeadWithoutBreakdown(WorkspaceId ws,
                                                                       LeadId id) = 0;
    [[nodiscard]] virtual Result<std::optional<domain::Lead>> FindLeadByExternalId(
        WorkspaceId ws, std::string_view external_id) = 0;
    [[nodiscard]] virtual Result<std::optional<domain::Lead>> FindLeadByEmail(
        WorkspaceId ws, std::string_view email) = 0;
    [[nodiscard]] virtual Status UpdateLead(const domain::Lead& lead) = 0;
    [[nodiscard]] virtual Result<Page<domain::Lead>> ListLeads(WorkspaceId ws,
                                                               const LeadFilter& filter) = 0;
    [[nodiscard]] virtual Result<std::int64_t> CountLeads(WorkspaceId ws) = 0;
    // Appends to the lead's history (assigns entry.id); entries are never changed.
    [[nodiscard]] virtual Status AppendLeadHistory(const domain::LeadHistoryEntry& entry) = 0;
    // Oldest first.
    [[nodiscard]] virtual Result<std::vector<domain::LeadHistoryEntry>> ListLeadHistory(
        WorkspaceId ws, LeadId lead) = 0;
    // Per lead and per stage of `stages` the lead ever moved into: the moments of its first and
    // its latest "stage" history entry into that stage. One read for a whole workspace (training
    // reads the outcome moment of every decided lead). Ordered by lead id, then stage.
    [[nodiscard]] virtual Result<std::vector<StageArrival>> ListStageArrivals(
        WorkspaceId ws, std::span<const std::string> stages) = 0;

    // Business areas and channels, unique by key per workspace. Lists are ordered by name.
    [[nodiscard]] virtual Result<domain::BusinessArea> CreateBusinessArea(
        domain::BusinessArea area) = 0;
    [[nodiscard]] virtual Result<std::vector<domain::BusinessArea>> ListBusinessAreas(
        WorkspaceId ws) = 0;
    [[nodiscard]] virtual Result<std::optional<domain::BusinessArea>> FindBusinessArea(
        WorkspaceId ws, std::string_view key) = 0;
    [[nodiscard]] virtual Status UpdateBusinessArea(const domain::BusinessArea& area) = 0;
    [[nodiscard]] virtual Result<domain::Channel> CreateChannel(domain::Channel channel) = 0;
    [[nodiscard]] virtual Result<std::vector<domain::Channel>> ListChannels(WorkspaceId ws) = 0;
    [[nodiscard]] virtual Result<std::optional<domain::Channel>> FindChannel(
        WorkspaceId ws, std::string_view key) = 0;
    [[nodiscard]] virtual Status UpdateChannel(const domain::Channel& channel) = 0;

    // Touchpoints. Append assigns no ids back (bulk path); List is oldest first.
    [[nodiscard]] virtual Status AppendTouchpoints(std::span<const domain::Touchpoint> events) = 0;
    [[nodiscard]] virtual Result<std::vector<domain::Touchpoint>> ListLeadTouchpoints(
        WorkspaceId ws, LeadId lead) = 0;
    [[nodiscard]] virtual Result<std::int64_t> CountTouchpoints(WorkspaceId ws) = 0;

    // --- Tracking (issue 3) ---
    // AppendTouchpoints skips (without error) a touchpoint whose non-empty message_id is already
    // stored in its workspace, so a retried batch is stored once; this returns those of
    // `message_ids` that are already stored, in any order.
    [[nodiscard]] virtual Result<std::vector<std::string>> FindTouchpointMessageIds(
        WorkspaceId ws, std::span<const std::string> message_ids) = 0;
    // The visitor's touchpoints (identified or not), oldest first.
    [[nodiscard]] virtual Result<std::vector<domain::Touchpoint>> ListVisitorTouchpoints(
        WorkspaceId ws, std::string_view anonymous_id) = 0;
    // Sets lead_id on every touchpoint of `anonymous_id` that has none; returns how many.
    [[nodiscard]] virtual Result<std::int64_t> AttachVisitorTouchpoints(
        WorkspaceId ws, std::string_view anonymous_id, LeadId lead) = 0;
    // Visitors, unique by (workspace, anonymous_id). Save inserts or replaces every field.
    [[nodiscard]] virtual Result<std::optional<domain::Visitor>> FindVisitor(
        WorkspaceId ws, std::string_view anonymous_id) = 0;
    [[nodiscard]] virtual Status SaveVisitor(const domain::Visitor& visitor) = 0;
    // The visitors among `anonymous_ids` that exist, in no particular order (for the bulk path:
    // a few statements for any number of ids).
    [[nodiscard]] virtual Result<std::vector<domain::Visitor>> FindVisitors(
        WorkspaceId ws, std::span<const std::string> anonymous_ids) = 0;
    // SaveVisitor for each, in a few multi-row statements. Requires: no two with the same
    // (workspace, anonymous_id).
    [[nodiscard]] virtual Status SaveVisitors(std::span<const domain::Visitor> visitors) = 0;
    // A lead's first and latest touch. kNotFound for a missing lead.
    [[nodiscard]] virtual Result<domain::LeadTouches> GetLeadTouches(WorkspaceId ws,
                                                                     LeadId lead) = 0;
    // Records a touch of the lead at `at`: it becomes the first touch when there is none or it
    // is earlier, and the latest touch when there is none or it is not earlier. kNotFound for a
    // missing lead.
    [[nodiscard]] virtual Status RecordLeadTouch(WorkspaceId ws,
                                                 LeadId lead,
                                                 std::string_view channel,
                                                 std::string_view campaign,
                                                 Timestamp at) = 0;

    // --- Scoring (issue 4) ---
    // The workspace's scoring models in evaluation order (documents as docs/scoring.md shows).
    [[nodiscard]] virtual Result<std::vector<StoredScoringModel>> ListScoringModels(
        WorkspaceId ws) = 0;
    // Replaces every model of the workspace with `models` (positions taken from their order).
    [[nodiscard]] virtual Status ReplaceScoringModels(
        WorkspaceId ws, std::span<const StoredScoringModel> models) = 0;
    // Writes only the score columns of the lead (not updated_at: a score is derived, not an
    // edit). kNotFound for a missing lead.
    [[nodiscard]] virtual Status SaveLeadScore(WorkspaceId ws,
                                               LeadId lead,
                                               const domain::LeadScore& score) = 0;
    // Writes only the lead's predicted_conversion, predicted_model_version and predicted_top
    // (not updated_at: a prediction is derived); nullopt clears them. kNotFound for a missing lead.
    [[nodiscard]] virtual Status SaveLeadPrediction(
        WorkspaceId ws, LeadId lead, const std::optional<domain::LeadPrediction>& prediction) = 0;
    [[nodiscard]] virtual Status AppendScoreHistory(const domain::ScoreHistoryEntry& entry) = 0;
    // Oldest first.
    [[nodiscard]] virtual Result<std::vector<domain::ScoreHistoryEntry>> ListScoreHistory(
        WorkspaceId ws, LeadId lead) = 0;
    // Every lead with an id above `after`, ascending, at most `limit`, with custom fields but
    // without the score's breakdown (score.breakdown empty): the scan behind a full rescore and
    // the predictions.
    [[nodiscard]] virtual Result<std::vector<domain::Lead>> ListLeadsAfter(WorkspaceId ws,
                                                                           LeadId after,
                                                                           int limit) = 0;
    // Touchpoints that belong to a lead, with an id above `after`, ascending, at most `limit`.
    [[nodiscard]] virtual Result<std::vector<LeadTouchRow>> ListLeadTouchpointsAfter(
        WorkspaceId ws, TouchpointId after, int limit) = 0;

    // --- Merge and channel rules (tracking) ---
    // Moves every touchpoint, visitor and history row of lead `from` to lead `into` (history
    // rows keep their kind, values, actor and time). Returns how many rows moved. kNotFound when
    // either lead is missing; kInvalidArgument when from == into.
    [[nodiscard]] virtual Result<LeadMoveCounts> MoveLeadRecords(WorkspaceId ws,
                                                                 LeadId from,
                                                                 LeadId into) = 0;
    // Deletes the lead and its custom fields. kNotFound when missing; kConflict when rows still
    // refer to it (move them first).
    [[nodiscard]] virtual Status DeleteLead(WorkspaceId ws, LeadId id) = 0;
    // The workspace's channel rules as the JSON text tracking::ChannelRulesToJson wrote; empty
    // when never saved (the defaults apply).
    [[nodiscard]] virtual Result<std::string> GetChannelRulesJson(WorkspaceId ws) = 0;
    // Inserts or replaces the workspace's channel rules.
    [[nodiscard]] virtual Status SaveChannelRulesJson(WorkspaceId ws,
                                                      std::string_view rules_json,
                                                      Timestamp at) = 0;

    // --- Predictive models (issue 5) ---
    // Stores `model` as the workspace's next version (1 + the highest so far, 1 for the first)
    // and returns it with that version. kAlreadyExists (field "version") when a concurrent
    // transaction took the same version.
    [[nodiscard]] virtual Result<StoredPredictiveModel> InsertPredictiveModel(
        StoredPredictiveModel model) = 0;
    // Every stored model of the workspace, oldest version first.
    [[nodiscard]] virtual Result<std::vector<StoredPredictiveModel>> ListPredictiveModels(
        WorkspaceId ws) = 0;
    // The highest version, or nullopt when none is stored.
    [[nodiscard]] virtual Result<std::optional<StoredPredictiveModel>> GetLatestPredictiveModel(
        WorkspaceId ws) = 0;
    // The highest stored version without reading the model, or nullopt when none is stored.
    [[nodiscard]] virtual Result<std::optional<int>> GetLatestPredictiveModelVersion(
        WorkspaceId ws) = 0;
};

using TransactionFn = std::function<Status(Transaction&)>;

// A database: migrated on open, with a pool of connections. Thread-safe: any thread may call Read
// and Write at any time; each call gets its own connection.
class Store {
public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Runs `fn` in a read-only transaction that sees one consistent snapshot. Returns fn's Status.
    [[nodiscard]] virtual Status Read(const TransactionFn& fn) = 0;
    // Runs `fn` in a write transaction: commits (durably) when fn returns Ok, rolls back when it
    // returns an error, which is then returned. kUnavailable when the database cannot commit.
    [[nodiscard]] virtual Status Write(const TransactionFn& fn) = 0;
    // Write, except that the commit may reach the disk later: Ok means committed and visible to
    // readers; it is durable once a later SyncCommits returns Ok. For the event writer, which
    // answers a group's callers only after that sync and meanwhile writes its next group (the
    // disk wait then overlaps work instead of stalling it). A store that cannot defer makes
    // every commit durable here; its SyncCommits has nothing left to do.
    [[nodiscard]] virtual Status WriteUnsynced(const TransactionFn& fn) { return Write(fn); }
    // Makes every commit of WriteUnsynced that returned before this call durable. kUnavailable
    // when the disk refuses (those commits may then be lost on power failure). Called by one
    // thread at a time.
    [[nodiscard]] virtual Status SyncCommits() { return Ok(); }
    // True when WriteUnsynced really defers the disk to SyncCommits (SQLite); false when every
    // commit is durable by itself (PostgreSQL), so that SyncCommits costs nothing.
    [[nodiscard]] virtual bool DefersSync() const { return false; }
    // "sqlite" or "postgres".
    [[nodiscard]] virtual std::string_view Backend() const = 0;
    // The schema version after migration (the highest applied migration number).
    [[nodiscard]] virtual Result<int> SchemaVersion() = 0;
};

}  // namespace lb::storage
