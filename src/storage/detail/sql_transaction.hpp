// The one implementation of storage::Transaction, over any SqlConnection. Its methods are split by
// responsibility across sql_transaction_*.cpp (accounts, companies, leads, lead lists,
// touchpoints, visitors, merges and channel rules).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "storage/detail/sql_connection.hpp"
#include "storage/store.hpp"

namespace lb::storage::detail {

// A transaction already begun on `conn`; SqlStore commits or rolls it back. Not thread-safe.
// Borrows the connection and the dialect for its lifetime.
class SqlTransaction final : public Transaction {
public:
    SqlTransaction(SqlConnection& conn, const SqlDialect& dialect, bool is_write)
        : conn_(conn), dialect_(dialect), is_write_(is_write) {}

    Result<domain::Workspace> CreateWorkspace(domain::Workspace workspace) override;
    Result<domain::Workspace> GetWorkspace(WorkspaceId id) override;
    Result<std::optional<domain::Workspace>> FindWorkspaceByTrackingKey(
        std::string_view tracking_key) override;
    Result<std::vector<domain::Workspace>> ListWorkspaces() override;
    Status UpdateWorkspace(const domain::Workspace& workspace) override;

    Result<domain::User> CreateUser(domain::User user) override;
    Result<domain::User> GetUser(WorkspaceId ws, UserId id) override;
    Result<std::optional<domain::User>> FindUserByEmail(WorkspaceId ws,
                                                        std::string_view email) override;
    Result<std::vector<domain::User>> ListUsers(WorkspaceId ws) override;
    Status CreateSession(const Session& session) override;
    Result<std::optional<Session>> FindSession(std::string_view token_hash) override;
    Status DeleteSession(std::string_view token_hash) override;

    Result<domain::ApiKey> CreateApiKey(domain::ApiKey key) override;
    Result<std::optional<domain::ApiKey>> FindApiKeyByHash(std::string_view secret_hash) override;
    Result<std::vector<domain::ApiKey>> ListApiKeys(WorkspaceId ws) override;
    Status RevokeApiKey(WorkspaceId ws, ApiKeyId id, Timestamp at) override;

    Result<domain::Company> CreateCompany(domain::Company company) override;
    Result<domain::Company> GetCompany(WorkspaceId ws, CompanyId id) override;
    Result<std::vector<domain::Company>> GetCompanies(WorkspaceId ws,
                                                      std::span<const CompanyId> ids) override;
    Result<std::optional<domain::Company>> FindCompanyByDomain(WorkspaceId ws,
                                                               std::string_view domain) override;
    Status UpdateCompany(const domain::Company& company) override;
    Result<Page<domain::Company>> ListCompanies(WorkspaceId ws,
                                                const CompanyFilter& filter) override;

    Result<domain::Lead> CreateLead(domain::Lead lead) override;
    Result<domain::Lead> GetLead(WorkspaceId ws, LeadId id) override;
    Result<domain::Lead> GetLeadWithoutBreakdown(WorkspaceId ws, LeadId id) override;
    Result<std::optional<domain::Lead>> FindLeadByExternalId(WorkspaceId ws,
                                                             std::string_view external_id) override;
    Result<std::optional<domain::Lead>> FindLeadByEmail(WorkspaceId ws,
                                                        std::string_view email) override;
    Status UpdateLead(const domain::Lead& lead) override;
    Result<Page<domain::Lead>> ListLeads(WorkspaceId ws, const LeadFilter& filter) override;
    Result<std::int64_t> CountLeads(WorkspaceId ws) override;
    Status AppendLeadHistory(const domain::LeadHistoryEntry& entry) override;
    Result<std::vector<domain::LeadHistoryEntry>> ListLeadHistory(WorkspaceId ws,
                                                                  LeadId lead) override;
    Result<std::vector<StageArrival>> ListStageArrivals(
        WorkspaceId ws, std::span<const std::string> stages) override;

    Result<domain::BusinessArea> CreateBusinessArea(domain::BusinessArea area) override;
    Result<std::vector<domain::BusinessArea>> ListBusinessAreas(WorkspaceId ws) override;
    Result<std::optional<domain::BusinessArea>> FindBusinessArea(WorkspaceId ws,
                                                                 std::string_view key) override;
    Status UpdateBusinessArea(const domain::BusinessArea& area) override;
    Result<domain::Channel> CreateChannel(domain::Channel channel) override;
    Result<std::vector<domain::Channel>> ListChannels(WorkspaceId ws) override;
    Result<std::optional<domain::Channel>> FindChannel(WorkspaceId ws,
                                                       std::string_view key) override;
    Status UpdateChannel(const domain::Channel& channel) override;

    Status AppendTouchpoints(std::span<const domain::Touchpoint> events) override;
    Result<std::vector<domain::Touchpoint>> ListLeadTouchpoints(WorkspaceId ws,
                                                                LeadId lead) override;
    Result<std::int64_t> CountTouchpoints(WorkspaceId ws) override;
    Result<std::vector<std::string>> FindTouchpointMessageIds(
        WorkspaceId ws, std::span<const std::string> message_ids) override;
    Result<std::vector<domain::Touchpoint>> ListVisitorTouchpoints(
        WorkspaceId ws, std::string_view anonymous_id) override;
    Result<std::int64_t> AttachVisitorTouchpoints(WorkspaceId ws,
                                                  std::string_view anonymous_id,
                                                  LeadId lead) override;
    Result<std::optional<domain::Visitor>> FindVisitor(WorkspaceId ws,
                                                       std::string_view anonymous_id) override;
    Status SaveVisitor(const domain::Visitor& visitor) override;
    Result<std::vector<domain::Visitor>> FindVisitors(
        WorkspaceId ws, std::span<const std::string> anonymous_ids) override;
    Status SaveVisitors(std::span<const domain::Visitor> visitors) override;
    Result<domain::LeadTouches> GetLeadTouches(WorkspaceId ws, LeadId lead) override;
    Status RecordLeadTouch(WorkspaceId ws,
                           LeadId lead,
                           std::string_view channel,
                           std::string_view campaign,
                           Timestamp at) override;

    Result<std::vector<StoredScoringModel>> ListScoringModels(WorkspaceId ws) override;
    Status ReplaceScoringModels(WorkspaceId ws,
                                std::span<const StoredScoringModel> models) override;
    Status SaveLeadScore(WorkspaceId ws, LeadId lead, const domain::LeadScore& score) override;
    Status SaveLeadPrediction(WorkspaceId ws,
                              LeadId lead,
                              const std::optional<domain::LeadPrediction>& prediction) override;
    Status AppendScoreHistory(const domain::ScoreHistoryEntry& entry) override;
    Result<std::vector<domain::ScoreHistoryEntry>> ListScoreHistory(WorkspaceId ws,
                                                                    LeadId lead) override;
    Result<std::vector<domain::Lead>> ListLeadsAfter(WorkspaceId ws,
                                                     LeadId after,
                                                     int limit) override;
    Result<std::vector<LeadTouchRow>> ListLeadTouchpointsAfter(WorkspaceId ws,
                                                               TouchpointId after,
                                                               int limit) override;

    Result<LeadMoveCounts> MoveLeadRecords(WorkspaceId ws, LeadId from, LeadId into) override;
    Status DeleteLead(WorkspaceId ws, LeadId id) override;
    Result<std::string> GetChannelRulesJson(WorkspaceId ws) override;
    Status SaveChannelRulesJson(WorkspaceId ws, std::string_view rules_json, Timestamp at) override;
    Result<StoredPredictiveModel> InsertPredictiveModel(StoredPredictiveModel model) override;
    Result<std::vector<StoredPredictiveModel>> ListPredictiveModels(WorkspaceId ws) override;
    Result<std::optional<StoredPredictiveModel>> GetLatestPredictiveModel(WorkspaceId ws) override;
    Result<std::optional<int>> GetLatestPredictiveModelVersion(WorkspaceId ws) override;

private:
    // Runs `body` inside a savepoint so that a failed statement (a unique key taken) undoes only
    // this call and leaves the transaction usable on both backends (PostgreSQL would otherwise
    // refuse every later statement). Unique violations become kAlreadyExists naming the field.
    [[nodiscard]] Status Guarded(std::string_view what, const std::function<Status()>& body);
    // The single id of an INSERT ... RETURNING id.
    [[nodiscard]] Result<std::int64_t> InsertReturningId(std::string_view sql,
                                                         std::span<const SqlValue> params);
    // `rows_changed` must be 1, else kNotFound "<what> <id> not found".
    [[nodiscard]] static Status ExpectFound(std::int64_t rows_changed,
                                            std::string_view what,
                                            std::int64_t id);
    // " FOR UPDATE" in a PostgreSQL write transaction, so read-modify-write loses nothing.
    [[nodiscard]] std::string_view RowLock() const;

    [[nodiscard]] Result<std::vector<domain::Lead>> SelectLeads(std::string_view sql,
                                                                std::span<const SqlValue> params);
    // One lead by id, reading `columns` (LeadColumns or LeadColumnsWithoutBreakdown).
    [[nodiscard]] Result<domain::Lead> GetLeadWith(std::string_view columns,
                                                   WorkspaceId ws,
                                                   LeadId id);
    [[nodiscard]] Status LoadCustomFields(WorkspaceId ws, std::vector<domain::Lead>& leads);
    [[nodiscard]] Status WriteCustomFields(const domain::Lead& lead);
    [[nodiscard]] Result<std::optional<domain::Lead>> FindLeadBy(WorkspaceId ws,
                                                                 std::string_view column,
                                                                 std::string_view value);

    SqlConnection& conn_;
    const SqlDialect& dialect_;
    bool is_write_;
};

// A score breakdown as the JSON text of the score_breakdown column, and back (an unreadable
// text gives an empty breakdown).
[[nodiscard]] std::string BreakdownJson(const std::vector<domain::ScoreItem>& breakdown);
[[nodiscard]] std::vector<domain::ScoreItem> ParseBreakdown(const std::string& text);
// The predicted_top column: [{"feature", "log_odds"}, ...]; unreadable text reads as empty.
[[nodiscard]] std::string PredictedTopJson(const std::vector<domain::PredictedFeature>& top);
[[nodiscard]] std::vector<domain::PredictedFeature> ParsePredictedTop(const std::string& text);

// The lead columns every lead SELECT reads, in the order ReadLead expects.
[[nodiscard]] std::string_view LeadColumns();
// The same with an empty score_breakdown (whole-workspace scans, which never read it: parsing it
// was a fifth of a full rescore).
[[nodiscard]] std::string_view LeadColumnsWithoutBreakdown();

// Maps a unique violation's backend detail (index name or column list) to the lead/company field
// it concerns: "email", "external_id", "domain", "key", ...; empty when unknown.
[[nodiscard]] std::string UniqueViolationField(std::string_view detail);

}  // namespace lb::storage::detail
