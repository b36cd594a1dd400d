#include "http/json/tracking_json.hpp"

#include "http/json/lead_json.hpp"

namespace lb::http::json {

Result<service::TouchpointInput> ParseTouchpointInput(std::string_view body) {
    return ParseObject<service::TouchpointInput>(
        body, [](ObjectReader& reader, service::TouchpointInput& input) -> Status {
            LB_TRY(reader.ReadString("type", input.type, true));
            LB_TRY(reader.ReadString("name", input.name, false));
            LB_TRY(reader.ReadString("occurred_at", input.occurred_at, false));
            LB_TRY(reader.ReadString("channel", input.channel, false));
            LB_TRY(reader.ReadString("campaign", input.campaign, false));
            LB_TRY(reader.ReadString("message_id", input.message_id, false));
            if (const Json* properties = reader.Take("properties");
                properties != nullptr && !properties->is_null()) {
                if (!properties->is_object())
                    return Fail(InvalidArgument("properties must be an object", "properties"));
                input.properties_json = properties->dump();
            }
            return Ok();
        });
}

Json LoggedTouchpointToJson(const service::LoggedTouchpoint& logged) {
    return TouchpointToJson(logged.touchpoint);
}

Result<MergeRequest> ParseMergeRequest(std::string_view body) {
    return ParseObject<MergeRequest>(body, [](ObjectReader& reader, MergeRequest& out) -> Status {
        const Json* from = reader.Take("from");
        if (from == nullptr || from->is_null())
            return Fail(InvalidArgument("from is required: the id of the lead to absorb", "from"));
        if (!from->is_number_integer() || from->get<std::int64_t>() <= 0)
            return Fail(InvalidArgument("from must be a positive lead id", "from"));
        out.from = LeadId(from->get<std::int64_t>());
        return reader.ReadString("reason", out.reason, false);
    });
}

Json MergeOutcomeToJson(const service::MergeOutcome& outcome) {
    return {{"lead", LeadToJson(outcome.survivor)},
            {"absorbed_lead_id", outcome.absorbed.value},
            {"moved",
             {{"touchpoints", outcome.moved.touchpoints},
              {"visitors", outcome.moved.visitors},
              {"history_entries", outcome.moved.history_entries}}}};
}

Json FormOutcomeToJson(const service::FormOutcome& outcome) {
    if (!outcome.lead.IsSet()) return {{"lead_id", nullptr}, {"status", "received"}};
    return {{"lead_id", outcome.lead.value},
            {"status", outcome.is_created ? "created" : "updated"}};
}

Json CollectOutcomeToJson(const tracking::CollectOutcome& outcome) {
    Json rejected = Json::array();
    for (const tracking::EventRejection& rejection : outcome.rejections) {
        rejected.push_back({{"index", rejection.index},
                            {"field", TextOrNull(rejection.field)},
                            {"reason", rejection.reason}});
    }
    return {{"accepted", outcome.accepted}, {"rejected", std::move(rejected)}};
}

Json VisitorToJson(const service::VisitorView& view) {
    const domain::Visitor& visitor = view.visitor;
    Json touchpoints = Json::array();
    for (const domain::Touchpoint& touchpoint : view.touchpoints)
        touchpoints.push_back(TouchpointToJson(touchpoint));
    return {{"anonymous_id", visitor.anonymous_id},
            {"lead_id", visitor.lead_id.IsSet() ? Json(visitor.lead_id.value) : Json(nullptr)},
            {"first_seen", TimeText(visitor.first_seen)},
            {"last_seen", TimeText(visitor.last_seen)},
            {"session_id", TextOrNull(visitor.session_id)},
            {"first_touch",
             {{"channel", TextOrNull(visitor.first_touch_channel)},
              {"campaign", TextOrNull(visitor.first_touch_campaign)}}},
            {"latest_touch",
             {{"channel", TextOrNull(visitor.latest_touch_channel)},
              {"campaign", TextOrNull(visitor.latest_touch_campaign)}}},
            {"touchpoints", std::move(touchpoints)}};
}

}  // namespace lb::http::json
