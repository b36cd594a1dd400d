#include "http/json/lead_json.hpp"

#include "http/json/company_json.hpp"

namespace lb::http::json {

namespace {

Status ReadLeadFields(ObjectReader& reader, domain::LeadInput& input) {
    for (auto [name, field] : {std::pair{"external_id", &input.external_id},
                               std::pair{"email", &input.email},
                               std::pair{"first_name", &input.first_name},
                               std::pair{"last_name", &input.last_name},
                               std::pair{"title", &input.title},
                               std::pair{"phone", &input.phone},
                               std::pair{"channel", &input.channel},
                               std::pair{"campaign", &input.campaign},
                               std::pair{"business_area", &input.business_area},
                               std::pair{"rating", &input.rating},
                               std::pair{"horizon", &input.horizon},
                               std::pair{"expected_month", &input.expected_month},
                               std::pair{"potential", &input.potential},
                               std::pair{"stage", &input.stage},
                               std::pair{"owner", &input.owner}}) {
        LB_TRY(reader.Read(name, *field));
    }
    LB_TRY(reader.Read("probability", input.probability));
    LB_TRY(reader.Read("do_not_email", input.do_not_email));
    LB_TRY(reader.Read("do_not_call", input.do_not_call));
    LB_TRY(reader.Read("deal_value", input.deal_value));
    return reader.ReadString("reason", input.stage_reason, false);
}

Status ReadCustomFields(ObjectReader& reader, domain::LeadInput& input) {
    const Json* custom = reader.Take("custom_fields");
    if (custom == nullptr || custom->is_null()) return Ok();
    if (!custom->is_object())
        return Fail(InvalidArgument("custom_fields must be an object", "custom_fields"));
    for (const auto& [name, value] : custom->items()) {
        const std::string field = "custom_fields." + name;
        if (value.is_null()) {
            input.custom_fields[name] = std::nullopt;
        } else if (value.is_string()) {
            input.custom_fields[name] = value.get<std::string>();
        } else {
            return Fail(InvalidArgument(field + " must be a string or null", field));
        }
    }
    return Ok();
}

Status ReadCompany(ObjectReader& reader, domain::LeadInput& input) {
    const Json* company = reader.Take("company");
    if (company == nullptr) return Ok();
    if (company->is_null())
        return Fail(InvalidArgument(
            "company cannot be null: a lead's company can be changed but not removed", "company"));
    LB_ASSIGN_OR_RETURN(input.company, ReadCompanyInput(*company, "company"));
    return Ok();
}

// A breakdown line: the rule and its points, then how they came about.
Json ScoreItemToJson(const domain::ScoreItem& item) {
    Json json = {{"rule", item.rule},
                 {"points", item.points},
                 {"category", TextOrNull(item.category)},
                 {"exact_points", item.exact_points},
                 {"detail", TextOrNull(item.detail)},
                 {"touchpoint_id", nullptr},
                 {"occurred_at", nullptr},
                 {"decay", item.decay},
                 {"half_life_days", nullptr}};
    if (item.touchpoint_id.IsSet()) json["touchpoint_id"] = item.touchpoint_id.value;
    if (item.occurred_at) json["occurred_at"] = TimeText(*item.occurred_at);
    if (item.half_life_days) json["half_life_days"] = *item.half_life_days;
    return json;
}

Json ScoreToJson(const domain::LeadScore& score) {
    Json breakdown = Json::array();
    for (const domain::ScoreItem& item : score.breakdown)
        breakdown.push_back(ScoreItemToJson(item));
    return {{"total", score.total},
            {"fit", score.fit},
            {"engagement", score.engagement},
            {"grade", TextOrNull(score.grade)},
            {"breakdown", std::move(breakdown)}};
}

// {"probability", "model_version", "top": [{"feature", "log_odds"}]}, or null without a model.
Json PredictionToJson(const std::optional<domain::LeadPrediction>& prediction) {
    if (!prediction) return nullptr;
    Json top = Json::array();
    for (const domain::PredictedFeature& item : prediction->top)
        top.push_back({{"feature", item.feature}, {"log_odds", item.log_odds}});
    return {{"probability", prediction->probability},
            {"model_version", prediction->model_version},
            {"top", std::move(top)}};
}

template <typename E>
Json EnumOrNull(const std::optional<E>& value) {
    return value ? Json(domain::ToString(*value)) : Json(nullptr);
}

// {"channel", "campaign", "at"}, or null before the first touch.
Json TouchToJson(const std::string& channel,
                 const std::string& campaign,
                 const std::optional<Timestamp>& at) {
    if (!at) return nullptr;
    return {{"channel", TextOrNull(channel)},
            {"campaign", TextOrNull(campaign)},
            {"at", TimeText(*at)}};
}

}  // namespace

Result<domain::LeadInput> ParseLeadInput(std::string_view body) {
    return ParseObject<domain::LeadInput>(
        body, [](ObjectReader& reader, domain::LeadInput& input) -> Status {
            LB_TRY(ReadLeadFields(reader, input));
            LB_TRY(ReadCustomFields(reader, input));
            return ReadCompany(reader, input);
        });
}

Json LeadToJson(const service::LeadView& view) {
    const domain::Lead& lead = view.lead;
    Json custom_fields = Json::object();
    for (const auto& [name, value] : lead.custom_fields) custom_fields[name] = value;
    return {
        {"id", lead.id.value},
        {"external_id", TextOrNull(lead.external_id)},
        {"email", TextOrNull(lead.email)},
        {"first_name", TextOrNull(lead.first_name)},
        {"last_name", TextOrNull(lead.last_name)},
        {"title", TextOrNull(lead.title)},
        {"phone", TextOrNull(lead.phone)},
        {"company", view.company ? CompanyToJson(*view.company, false) : Json(nullptr)},
        {"channel", TextOrNull(lead.channel)},
        {"campaign", TextOrNull(lead.campaign)},
        {"business_area", TextOrNull(lead.business_area)},
        {"rating", EnumOrNull(lead.rating)},
        {"horizon", EnumOrNull(lead.horizon)},
        {"expected_month", TextOrNull(lead.expected_month)},
        {"potential", EnumOrNull(lead.potential)},
        {"probability", lead.probability ? Json(*lead.probability) : Json(nullptr)},
        {"stage", lead.stage},
        {"owner", TextOrNull(view.owner_email)},
        {"do_not_email", lead.do_not_email},
        {"do_not_call", lead.do_not_call},
        {"deal_value", MoneyOrNull(lead.deal_value)},
        {"score", ScoreToJson(lead.score)},
        {"predicted_conversion", PredictionToJson(lead.predicted)},
        {"custom_fields", std::move(custom_fields)},
        {"created_at", TimeText(lead.created_at)},
        {"updated_at", TimeText(lead.updated_at)},
        {"first_touch",
         TouchToJson(
             lead.touches.first_channel, lead.touches.first_campaign, lead.touches.first_at)},
        {"latest_touch",
         TouchToJson(
             lead.touches.latest_channel, lead.touches.latest_campaign, lead.touches.latest_at)},
    };
}

Json HistoryEntryToJson(const domain::LeadHistoryEntry& entry) {
    return {{"id", entry.id},
            {"kind", entry.kind},
            {"from", TextOrNull(entry.from_value)},
            {"to", TextOrNull(entry.to_value)},
            {"reason", TextOrNull(entry.reason)},
            {"actor", entry.actor},
            {"at", TimeText(entry.at)}};
}

Json TouchpointToJson(const domain::Touchpoint& touchpoint) {
    // Stored properties were JSON when written; if a row is damaged, show it as text rather than
    // failing the whole timeline.
    Json properties = Json::parse(touchpoint.properties_json, nullptr, false);
    if (properties.is_discarded()) properties = touchpoint.properties_json;
    return {{"id", touchpoint.id.value},
            {"type", touchpoint.type},
            {"name", TextOrNull(touchpoint.name)},
            {"url", TextOrNull(touchpoint.url)},
            {"channel", TextOrNull(touchpoint.channel)},
            {"campaign", TextOrNull(touchpoint.campaign)},
            {"anonymous_id", TextOrNull(touchpoint.anonymous_id)},
            {"properties", std::move(properties)},
            {"filtered_reason", TextOrNull(touchpoint.filtered_reason)},
            {"occurred_at", TimeText(touchpoint.occurred_at)},
            {"session_id", TextOrNull(touchpoint.session_id)},
            {"referrer", TextOrNull(touchpoint.referrer)},
            {"message_id", TextOrNull(touchpoint.message_id)}};
}

}  // namespace lb::http::json
