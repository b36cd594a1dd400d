#include "http/json/tracking_json.hpp"

#include "http/json/lead_json.hpp"

namespace lb::http::json {

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
