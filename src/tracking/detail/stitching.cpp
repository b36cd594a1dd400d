// Why one class per job: visitors are loaded once per job and saved once at its end, however
// many of its events they sent, and identified visitors are attached after the job's own
// touchpoints are stored, so that earlier events of the same body are attached too.
#include "tracking/detail/stitching.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tracking/lead_writer.hpp"

namespace lb::tracking::detail {

namespace {

// The text of the first of `names` that is a non-empty string in `traits`.
std::string Trait(const nlohmann::json& traits, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        const auto it = traits.find(name);
        if (it != traits.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
            return it->get<std::string>();
    }
    return {};
}

void SetIfGiven(domain::Update<std::string>& field, std::string value) {
    if (!value.empty()) field = domain::Update<std::string>::Set(std::move(value));
}

// The lead fields an identify call's traits carry (Segment's names and snake_case).
domain::LeadInput TraitsInput(const std::string& traits_json) {
    domain::LeadInput input;
    const auto traits = nlohmann::json::parse(traits_json, nullptr, false);
    if (!traits.is_object()) return input;
    SetIfGiven(input.first_name, Trait(traits, {"firstName", "first_name"}));
    SetIfGiven(input.last_name, Trait(traits, {"lastName", "last_name"}));
    SetIfGiven(input.title, Trait(traits, {"title"}));
    SetIfGiven(input.phone, Trait(traits, {"phone"}));
    std::string company = Trait(traits, {"company"});
    if (const auto it = traits.find("company"); it != traits.end() && it->is_object())
        company = Trait(*it, {"name"});
    if (!company.empty()) {
        input.company.emplace();
        SetIfGiven(input.company->name, std::move(company));
    }
    return input;
}

class JobWriter final {
public:
    JobWriter(storage::Transaction& tx, WorkspaceId ws, Timestamp received_at)
        : tx_(tx), ws_(ws), received_at_(received_at) {}

    Result<WriteSummary> Write(std::span<const PreparedEvent> events) {
        LB_ASSIGN_OR_RETURN(const std::set<std::string> stored, StoredMessageIds(events));
        LB_TRY(LoadVisitors(events, stored));
        std::vector<domain::Touchpoint> rows;
        rows.reserve(events.size());
        for (std::size_t event_idx = 0; event_idx < events.size(); ++event_idx) {
            const PreparedEvent& event = events[event_idx];
            if (stored.contains(event.touchpoint.message_id)) continue;  // a retry: done already
            position_ = event_idx;
            LB_ASSIGN_OR_RETURN(domain::Touchpoint row, Stitch(event));
            if (row.lead_id.IsSet()) touched_.insert(row.lead_id);
            rows.push_back(std::move(row));
        }
        LB_TRY(tx_.AppendTouchpoints(rows));
        std::vector<domain::Visitor> visitors;
        visitors.reserve(visitors_.size());
        for (auto& [anonymous_id, visitor] : visitors_) visitors.push_back(std::move(visitor));
        LB_TRY(tx_.SaveVisitors(visitors));
        for (const auto& [anonymous_id, lead] : identified_)
            LB_TRY(tx_.AttachVisitorTouchpoints(ws_, anonymous_id, lead));
        summary_.touched_leads.assign(touched_.begin(), touched_.end());
        return std::move(summary_);
    }

private:
    Result<std::set<std::string>> StoredMessageIds(std::span<const PreparedEvent> events) {
        std::vector<std::string> ids;
        for (const PreparedEvent& event : events)
            if (!event.touchpoint.message_id.empty()) ids.push_back(event.touchpoint.message_id);
        if (ids.empty()) return std::set<std::string>{};
        LB_ASSIGN_OR_RETURN(const auto found, tx_.FindTouchpointMessageIds(ws_, ids));
        return std::set<std::string>(found.begin(), found.end());
    }

    // Reads every stored visitor the events to write name (Write stitches exactly those), in a
    // few statements; VisitorOf then treats any other as new.
    Status LoadVisitors(std::span<const PreparedEvent> events,
                        const std::set<std::string>& stored) {
        std::set<std::string> ids;
        for (const PreparedEvent& event : events) {
            const domain::Touchpoint& row = event.touchpoint;
            if (!row.anonymous_id.empty() && !stored.contains(row.message_id))
                ids.insert(row.anonymous_id);
        }
        const std::vector<std::string> wanted(ids.begin(), ids.end());
        LB_ASSIGN_OR_RETURN(auto found, tx_.FindVisitors(ws_, wanted));
        for (domain::Visitor& visitor : found) {
            std::string key = visitor.anonymous_id;
            visitors_.emplace(std::move(key), std::move(visitor));
        }
        return Ok();
    }

    // The visitor loaded by LoadVisitors, or a new one first seen `at`.
    domain::Visitor& VisitorOf(const std::string& anonymous_id, Timestamp at) {
        if (auto it = visitors_.find(anonymous_id); it != visitors_.end()) return it->second;
        domain::Visitor visitor;
        visitor.workspace_id = ws_;
        visitor.anonymous_id = anonymous_id;
        visitor.first_seen = at;
        visitor.last_seen = at;
        return visitors_.emplace(anonymous_id, std::move(visitor)).first->second;
    }

    Result<domain::Touchpoint> Stitch(const PreparedEvent& event) {
        domain::Touchpoint row = event.touchpoint;
        if (row.anonymous_id.empty()) {
            if (event.identify_email.empty()) return row;
            LB_ASSIGN_OR_RETURN(row.lead_id, ResolveLead(event, nullptr));
            // A form without the snippet's id: its own page and campaign are the touch.
            if (event.lead_input && !row.channel.empty() && row.filtered_reason.empty())
                LB_TRY(tx_.RecordLeadTouch(
                    ws_, row.lead_id, row.channel, row.campaign, row.occurred_at));
            return row;
        }
        domain::Visitor* visitor = &VisitorOf(row.anonymous_id, row.occurred_at);
        const bool is_new_session =
            visitor->session_id.empty() || row.occurred_at - visitor->last_seen > kSessionTimeout;
        if (is_new_session)
            visitor->session_id =
                row.anonymous_id + ":" + std::to_string(ToEpochMillis(row.occurred_at));
        row.session_id = visitor->session_id;
        visitor->first_seen = std::min(visitor->first_seen, row.occurred_at);
        visitor->last_seen = std::max(visitor->last_seen, row.occurred_at);
        // A touch: where a session came from, or any campaign/referral click within one. Plain
        // page views of a session do not move the latest touch back to "direct".
        const bool is_touch = !row.channel.empty() && row.filtered_reason.empty() &&
                              !event.is_internal_navigation &&
                              (is_new_session || row.channel != "direct");
        if (is_touch) {
            if (visitor->first_touch_channel.empty()) {
                visitor->first_touch_channel = row.channel;
                visitor->first_touch_campaign = row.campaign;
            }
            visitor->latest_touch_channel = row.channel;
            visitor->latest_touch_campaign = row.campaign;
        }
        if (!event.identify_email.empty()) {
            LB_ASSIGN_OR_RETURN(visitor->lead_id, ResolveLead(event, visitor));
            identified_[row.anonymous_id] = visitor->lead_id;
            LB_TRY(RecordVisitorTouches(*visitor));
        }
        row.lead_id = visitor->lead_id;
        if (is_touch && row.lead_id.IsSet())
            LB_TRY(
                tx_.RecordLeadTouch(ws_, row.lead_id, row.channel, row.campaign, row.occurred_at));
        return row;
    }

    // The visitor's first and latest touch become the lead's (when earlier/later than its own).
    Status RecordVisitorTouches(const domain::Visitor& visitor) {
        const auto record =
            [&](const std::string& channel, const std::string& campaign, Timestamp at) -> Status {
            if (channel.empty()) return Ok();
            return tx_.RecordLeadTouch(ws_, visitor.lead_id, channel, campaign, at);
        };
        LB_TRY(
            record(visitor.first_touch_channel, visitor.first_touch_campaign, visitor.first_seen));
        return record(
            visitor.latest_touch_channel, visitor.latest_touch_campaign, visitor.last_seen);
    }

    // The lead of an identify call, created when no lead has the e-mail (with the visitor's
    // first-touch channel and campaign). Traits that do not validate (a malformed phone) are
    // dropped rather than losing the identification.
    // A form's lead input is validated by its caller: its errors are reported, not worked around.
    Result<LeadId> ResolveLead(const PreparedEvent& event, const domain::Visitor* visitor) {
        LB_ASSIGN_OR_RETURN(const auto existing, tx_.FindLeadByEmail(ws_, event.identify_email));
        domain::LeadInput input =
            event.lead_input ? *event.lead_input : TraitsInput(event.identify_traits);
        input.email = domain::Update<std::string>::Set(event.identify_email);
        if (!existing && visitor != nullptr && !visitor->first_touch_channel.empty()) {
            input.channel = domain::Update<std::string>::Set(visitor->first_touch_channel);
            SetIfGiven(input.campaign, visitor->first_touch_campaign);
        } else if (!existing && event.lead_input && !event.touchpoint.channel.empty() &&
                   event.touchpoint.filtered_reason.empty()) {
            input.channel = domain::Update<std::string>::Set(event.touchpoint.channel);
            SetIfGiven(input.campaign, event.touchpoint.campaign);
        }
        UpsertOptions options;
        options.mode = UpsertMode::kCreateOrUpdate;
        options.unknown_keys = UnknownKeys::kCreate;
        options.actor = event.lead_input ? "form" : "tracking";
        auto outcome = UpsertLead(tx_, ws_, input, received_at_, options);
        if (!outcome && outcome.error().code == ErrorCode::kInvalidArgument && !event.lead_input) {
            domain::LeadInput email_only;
            email_only.email = input.email;
            email_only.channel = input.channel;
            email_only.campaign = input.campaign;
            outcome = UpsertLead(tx_, ws_, email_only, received_at_, options);
        }
        if (!outcome) return Fail(outcome.error());
        touched_.insert(outcome->lead.id);
        summary_.resolved.push_back({.event_position = position_,
                                     .lead = outcome->lead.id,
                                     .is_created = outcome->is_created});
        return outcome->lead.id;
    }

    storage::Transaction& tx_;
    WorkspaceId ws_;
    Timestamp received_at_;
    std::map<std::string, domain::Visitor> visitors_;
    std::map<std::string, LeadId> identified_;
    std::set<LeadId> touched_;
    std::size_t position_ = 0;  // of the event being stitched
    WriteSummary summary_;
};

}  // namespace

Result<WriteSummary> WriteEvents(storage::Transaction& tx,
                                 WorkspaceId ws,
                                 std::span<const PreparedEvent> events,
                                 Timestamp received_at) {
    JobWriter writer(tx, ws, received_at);
    return writer.Write(events);
}

}  // namespace lb::tracking::detail
