// POST /api/v1/leads/{id}/touchpoints: offline and sales activities logged on a lead. Written in
// a plain store transaction (not through the event writer): these are few and come from people,
// and the reply carries the stored row.
#include <algorithm>
#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/rng.hpp"
#include "domain/validation.hpp"
#include "service/detail/run.hpp"
#include "service/tracking_service.hpp"
#include "tracking/payload.hpp"

namespace lb::service {

namespace {

constexpr std::array<std::string_view, 9> kOfflineTypes = {"call",
                                                           "meeting",
                                                           "event_attendance",
                                                           "demo_booked",
                                                           "trial_started",
                                                           "email_sent",
                                                           "email_opened",
                                                           "email_clicked",
                                                           "content_downloaded"};

// The type an activity is stored as (domain::CanonicalTouchpointType); empty when unknown. The
// names /collect stores, email_open and email_click, are accepted too.
std::string_view StoredType(std::string_view type) {
    const std::string_view stored = domain::CanonicalTouchpointType(type);
    if (stored == "email_open" || stored == "email_click") return stored;
    if (std::find(kOfflineTypes.begin(), kOfflineTypes.end(), stored) != kOfflineTypes.end())
        return stored;
    return {};
}

std::string Joined(std::span<const std::string_view> items) {
    std::string text;
    for (const std::string_view item : items)
        text += (text.empty() ? "" : ", ") + std::string(item);
    return text;
}

Status CheckText(const std::string& value, std::size_t limit, const char* field) {
    if (value.size() <= limit) return Ok();
    return Fail(InvalidArgument("is over " + std::to_string(limit) + " bytes", field));
}

// Validates everything that needs no store; returns the touchpoint to write (no lead, no id).
Result<domain::Touchpoint> ToTouchpoint(const TouchpointInput& input, Timestamp now) {
    if (input.type.empty())
        return Fail(InvalidArgument("type is required; one of: " + Joined(kOfflineTypes), "type"));
    const std::string_view stored_type = StoredType(input.type);
    if (stored_type.empty())
        return Fail(InvalidArgument(
            "unknown type '" + input.type + "'; one of: " + Joined(kOfflineTypes), "type"));
    LB_TRY(CheckText(input.name, tracking::kMaxTextBytes, "name"));
    LB_TRY(CheckText(input.campaign, tracking::kMaxIdBytes, "campaign"));
    LB_TRY(CheckText(input.message_id, tracking::kMaxIdBytes, "message_id"));
    LB_TRY(CheckText(input.properties_json, tracking::kMaxObjectJsonBytes, "properties"));
    const auto properties = nlohmann::json::parse(input.properties_json, nullptr, false);
    if (!properties.is_object())
        return Fail(InvalidArgument("must be a JSON object", "properties"));
    domain::Touchpoint touchpoint;
    touchpoint.type = std::string(stored_type);
    touchpoint.name = input.name;
    touchpoint.channel = input.channel;
    touchpoint.campaign = input.campaign;
    touchpoint.properties_json = properties.dump();
    touchpoint.occurred_at = now;
    if (!input.occurred_at.empty()) {
        auto at = ParseIso8601(input.occurred_at);
        if (!at)
            return Fail(InvalidArgument(
                "'" + input.occurred_at + "' is not an ISO 8601 time such as 2026-03-01T09:30:00Z",
                "occurred_at"));
        touchpoint.occurred_at = *at;
    }
    // Without a key of its own a logged activity still gets one, so that it can be found again
    // after the bulk insert (which assigns no ids back).
    touchpoint.message_id =
        input.message_id.empty() ? "api-" + SecureRandomHex(16) : input.message_id;
    return touchpoint;
}

Status CheckChannel(storage::Transaction& tx, WorkspaceId ws, const std::string& channel) {
    if (channel.empty()) return Ok();
    LB_ASSIGN_OR_RETURN(const auto found, tx.FindChannel(ws, channel));
    if (found) return Ok();
    LB_ASSIGN_OR_RETURN(const auto known, tx.ListChannels(ws));
    std::string keys;
    for (const domain::Channel& item : known) keys += (keys.empty() ? "" : ", ") + item.key;
    return Fail(InvalidArgument("unknown channel '" + channel + "'; known: " + keys, "channel"));
}

Result<std::optional<domain::Touchpoint>> FindByMessageId(storage::Transaction& tx,
                                                          WorkspaceId ws,
                                                          LeadId lead,
                                                          const std::string& message_id) {
    const std::array<std::string, 1> ids = {message_id};
    LB_ASSIGN_OR_RETURN(const auto stored, tx.FindTouchpointMessageIds(ws, ids));
    if (stored.empty()) return std::optional<domain::Touchpoint>();
    LB_ASSIGN_OR_RETURN(const auto timeline, tx.ListLeadTouchpoints(ws, lead));
    for (const domain::Touchpoint& touchpoint : timeline)
        if (touchpoint.message_id == message_id) return std::optional(touchpoint);
    return Fail(Conflict("message_id '" + message_id +
                         "' is already stored for another touchpoint of this workspace"));
}

}  // namespace

std::span<const std::string_view> OfflineTouchpointTypes() {
    return kOfflineTypes;
}

Result<LoggedTouchpoint> TrackingService::LogTouchpoint(const Principal& principal,
                                                        LeadId lead,
                                                        const TouchpointInput& input) {
    LB_TRY(Require(principal, Permission::kWriteLeads));
    LB_ASSIGN_OR_RETURN(domain::Touchpoint touchpoint, ToTouchpoint(input, services_.Time().Now()));
    const WorkspaceId ws = principal.workspace;
    touchpoint.workspace_id = ws;
    touchpoint.lead_id = lead;
    return detail::WriteValue<LoggedTouchpoint>(
        services_.Store(), [&](storage::Transaction& tx) -> Result<LoggedTouchpoint> {
            LB_ASSIGN_OR_RETURN(const domain::Lead stored_lead, tx.GetLead(ws, lead));
            if (IsOwnerScoped(principal) && stored_lead.owner_id != principal.user)
                return Fail(NotFound("lead " + std::to_string(lead.value) + " not found"));
            LB_TRY(CheckChannel(tx, ws, touchpoint.channel));
            LB_ASSIGN_OR_RETURN(auto earlier, FindByMessageId(tx, ws, lead, touchpoint.message_id));
            if (earlier) return LoggedTouchpoint{std::move(*earlier), false, {lead}};
            LB_TRY(tx.AppendTouchpoints(std::span(&touchpoint, 1)));
            if (!touchpoint.channel.empty())
                LB_TRY(tx.RecordLeadTouch(
                    ws, lead, touchpoint.channel, touchpoint.campaign, touchpoint.occurred_at));
            LB_ASSIGN_OR_RETURN(auto created, FindByMessageId(tx, ws, lead, touchpoint.message_id));
            if (!created) return Fail(Internal("the logged touchpoint was not stored"));
            // Scored in the same transaction: the reply's lead score already counts it.
            if (LeadScoreHook* hook = services_.ScoreHook(); hook != nullptr)
                LB_TRY(hook->LeadChanged(tx, ws, lead, principal.actor));
            return LoggedTouchpoint{std::move(*created), true, {lead}};
        });
}

}  // namespace lb::service
