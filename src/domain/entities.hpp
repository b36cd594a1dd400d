// The stored things of a workspace: workspace, user, API key, company, lead, business area,
// channel, touchpoint and lead history. Plain value types; validation lives in validation.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "domain/enums.hpp"
#include "domain/money.hpp"

namespace lb::domain {

// Workspace settings: everything a team configures about itself.
struct Workspace {
    WorkspaceId id;
    std::string name;
    std::string currency = "DKK";  // ISO 4217, 3 capital letters
    std::string timezone = "Europe/Copenhagen";
    std::string tracking_key;    // public key for /collect and forms; not a secret
    int mql_threshold = 65;      // score total (0-100) at which a lead becomes an MQL
    int sql_deadline_days = 21;  // days sales has to qualify an accepted lead
    Timestamp created_at;
};

// A person who signs in to the UI. `password_hash` is an argon2id string (libsodium).
struct User {
    UserId id;
    WorkspaceId workspace_id;
    std::string email;  // normalised (lowercase, trimmed)
    std::string name;
    Role role = Role::kSales;
    std::string password_hash;  // empty: may not sign in with a password
    Timestamp created_at;
};

// A credential for scripts and integrations. Only the SHA-256 of the secret is stored.
struct ApiKey {
    ApiKeyId id;
    WorkspaceId workspace_id;
    std::string name;
    Role role = Role::kAdmin;
    UserId user_id;           // the user a sales key acts for; unset for other keys
    std::string prefix;       // the first characters of the key, shown in lists to recognise it
    std::string secret_hash;  // hex SHA-256 of the whole key
    Timestamp created_at;
    std::optional<Timestamp> revoked_at;
};

struct Company {
    CompanyId id;
    WorkspaceId workspace_id;
    std::string name;
    std::string domain;    // lowercase host, e.g. "acme.dk"; empty when unknown
    std::string industry;  // industry code or name, e.g. NACE "58.1" or "Media"
    std::optional<std::int64_t> employees;
    std::optional<Money> annual_revenue;
    std::string country;  // ISO 3166-1 alpha-2, e.g. "DK"; empty when unknown
    CustomerStatus customer_status = CustomerStatus::kProspect;
    Timestamp created_at;
    Timestamp updated_at;
};

// One line of a score's explanation: which rule gave how many points, from which touchpoint,
// decaying how.
struct ScoreItem {
    std::string rule;              // the rule's id
    int points = 0;                // rounded contribution (after decay and cap)
    std::string category{};        // "fit" or "engagement"
    double exact_points = 0;       // unrounded contribution
    std::string detail{};          // human reason, e.g. "3 visits matching /pricing* in 30 days"
    TouchpointId touchpoint_id{};  // the touchpoint it came from; unset for fit rules
    std::optional<Timestamp> occurred_at{};  // when that touchpoint happened
    double decay = 1;                        // factor applied (1: none)
    std::optional<double> half_life_days{};  // the rule's half-life, when it decays
};

struct LeadScore {
    int total = 0;        // 0-100
    int fit = 0;          // 0-100
    int engagement = 0;   // 0-100
    std::string grade{};  // fit A-D x engagement 1-4, e.g. "B2"; empty before the first scoring
    std::vector<ScoreItem> breakdown{};
};

// One feature's share of a lead's predicted conversion, in log-odds.
struct PredictedFeature {
    std::string feature;  // as the model's feature spec names it, e.g. "company.industry=Retail"
    double log_odds = 0;

    friend bool operator==(const PredictedFeature&, const PredictedFeature&) = default;
};

// A lead's conversion probability under the workspace's latest stored predictive model.
struct LeadPrediction {
    double probability = 0;               // in (0, 1)
    int model_version = 0;                // the predictive_models version that computed it
    std::vector<PredictedFeature> top{};  // up to 3, largest absolute contribution first

    friend bool operator==(const LeadPrediction&, const LeadPrediction&) = default;
};

// Where a lead came from first and most recently (channel keys and campaigns of touchpoints).
struct LeadTouches {
    std::string first_channel, first_campaign;
    std::optional<Timestamp> first_at;  // nullopt: no touch recorded yet
    std::string latest_channel, latest_campaign;
    std::optional<Timestamp> latest_at;
};

// A lead: a person (contact) at a company, somewhere in the funnel. Empty strings mean "not set".
struct Lead {
    LeadId id;
    WorkspaceId workspace_id;
    std::string external_id;  // the id in another system (CRM, import); unique per workspace
    std::string email;        // normalised; unique per workspace when set
    std::string first_name;
    std::string last_name;
    std::string title;
    std::string phone;
    CompanyId company_id;  // unset: no company known
    std::string channel;   // channel key (first touch)
    std::string campaign;
    std::string business_area;  // business area key
    std::optional<Rating> rating;
    std::optional<Horizon> horizon;
    std::string expected_month;  // "YYYY-MM" when the horizon is known more precisely
    std::optional<Potential> potential;
    std::optional<int> probability;  // 1 (high) to 3 (low)
    std::string stage = "lead";
    UserId owner_id;
    bool do_not_email = false;
    bool do_not_call = false;
    std::optional<Money> deal_value;  // the amount of the deal when won (or expected when open)
    LeadScore score;
    std::map<std::string, std::string> custom_fields;
    Timestamp created_at;
    Timestamp updated_at;
    // Read-only here: kept by Transaction::RecordLeadTouch; CreateLead and UpdateLead ignore it.
    LeadTouches touches;
    // Read-only here: kept by Transaction::SaveLeadPrediction; nullopt before a model exists.
    std::optional<LeadPrediction> predicted;
};

// An interest area, e.g. Radio, Web, TV, Print.
struct BusinessArea {
    BusinessAreaId id;
    WorkspaceId workspace_id;
    std::string key;  // slug, e.g. "radio"
    std::string name;
    Money average_deal_value;
};

// Where leads come from: website, campaigns, cold canvassing, events, referrals...
struct Channel {
    ChannelId id;
    WorkspaceId workspace_id;
    std::string key;  // slug, e.g. "cold-canvassing"
    std::string name;
    ChannelKind kind = ChannelKind::kOnline;
};

// One touchpoint of a lead's journey (page view, form, call, meeting...). lead_id is unset while
// the visitor is anonymous.
struct Touchpoint {
    TouchpointId id;
    WorkspaceId workspace_id;
    LeadId lead_id;
    std::string anonymous_id;
    std::string type;  // "page", "track", "identify", "form", "call", "meeting", "email_click", ...
    std::string name;  // event name or page title
    std::string url;
    std::string channel;
    std::string campaign;
    std::string properties_json = "{}";
    std::string filtered_reason;  // non-empty: noise (bot, spam), kept but excluded from reports
    Timestamp occurred_at;
    // The sender's id for idempotent retries; unique per workspace when non-empty.
    std::string message_id;
    std::string session_id;  // "<anonymous_id>:<session start, epoch ms>"; empty when unknown
    std::string user_agent;
    std::string ip;  // anonymised (tracking/ip_anonymiser.hpp); never the full address
    std::string referrer;
    std::string utm_source, utm_medium, utm_term, utm_content;  // utm_campaign is `campaign`
};

// An anonymous visitor of the workspace's site (the snippet's first-party id), with the lead it
// identified as (unset while anonymous), its current session and its first and latest touch.
struct Visitor {
    WorkspaceId workspace_id;
    std::string anonymous_id;
    LeadId lead_id;
    Timestamp first_seen;
    Timestamp last_seen;
    std::string session_id;
    std::string first_touch_channel, first_touch_campaign;
    std::string latest_touch_channel, latest_touch_campaign;
};

// An appended record of a lead's score after it changed: what it became, under which model,
// and why it was recomputed ("event", "lead", "model", "decay").
struct ScoreHistoryEntry {
    std::int64_t id = 0;
    WorkspaceId workspace_id;
    LeadId lead_id;
    Timestamp at;
    int total = 0, fit = 0, engagement = 0;
    std::string grade;
    std::string model_key;
    std::string cause;
};

// An appended, never edited, record of a change to a lead (stage move, owner change, ...).
struct LeadHistoryEntry {
    std::int64_t id = 0;
    WorkspaceId workspace_id;
    LeadId lead_id;
    std::string kind;  // "created", "stage", "owner", "imported"
    std::string from_value;
    std::string to_value;
    std::string reason;
    std::string actor;  // "apikey:3", "user:ann@x.dk", "import", "system"
    Timestamp at;
};

}  // namespace lb::domain
