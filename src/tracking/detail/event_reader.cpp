#include "tracking/detail/event_reader.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/text.hpp"

namespace lb::tracking::detail {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxTimeText = 64;
const Timestamp kEarliestEvent = FromEpochMillis(946'684'800'000);  // 2000-01-01T00:00:00Z

std::string Join(std::string_view prefix, std::string_view key) {
    std::string out(prefix);
    if (!out.empty()) out += '.';
    out += key;
    return out;
}

// The object at `key`, or nullptr when absent or null. kInvalidArgument for another type.
Result<const json*> ReadObject(const json& object, std::string_view key, std::string_view field) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nullptr;
    if (!found->is_object()) return Fail(InvalidArgument("must be an object", std::string(field)));
    return &*found;
}

// The compact JSON text of the object at `key`; "{}" when absent or null.
Result<std::string> ReadObjectJson(const json& object, std::string_view key) {
    LB_ASSIGN_OR_RETURN(const json* value, ReadObject(object, key, key));
    if (value == nullptr) return std::string("{}");
    std::string text = value->dump();
    if (text.size() > kMaxObjectJsonBytes) {
        return Fail(InvalidArgument("is " + std::to_string(text.size()) +
                                        " bytes as JSON; the limit is " +
                                        std::to_string(kMaxObjectJsonBytes),
                                    std::string(key)));
    }
    return text;
}

// anonymousId and userId: strings, or integers as their decimal text (some senders use numbers).
Result<std::string> ReadId(const json& object, std::string_view key) {
    const auto found = object.find(key);
    if (found != object.end() && found->is_number_integer()) return found->dump();
    return ReadString(object, key, key, kMaxIdBytes);
}

Result<std::string> ReadType(const json& event) {
    LB_ASSIGN_OR_RETURN(std::string type, ReadString(event, "type", "type", kMaxIdBytes));
    type = ToLower(type);
    const auto types = TrackedEventTypes();
    if (std::find(types.begin(), types.end(), type) != types.end()) return type;
    std::string known;
    for (const std::string_view name : types)
        known += (known.empty() ? "" : ", ") + std::string(name);
    return Fail(InvalidArgument((type.empty() ? "is required" : "is not a known type") +
                                    std::string("; use one of ") + known,
                                "type"));
}

// A page field from context.page, else the same-named string in properties.
Result<std::string> ReadPageField(const json* context_page,
                                  const json* properties,
                                  std::string_view key,
                                  std::size_t max_bytes) {
    if (context_page != nullptr) {
        LB_ASSIGN_OR_RETURN(std::string value,
                            ReadString(*context_page, key, Join("context.page", key), max_bytes));
        if (!value.empty()) return value;
    }
    if (properties == nullptr) return std::string();
    const auto found = properties->find(key);
    if (found == properties->end() || !found->is_string()) return std::string();
    return ReadString(*properties, key, Join("properties", key), max_bytes);
}

Status ReadContext(const json& event, TrackedEvent& out) {
    LB_ASSIGN_OR_RETURN(const json* context, ReadObject(event, "context", "context"));
    LB_ASSIGN_OR_RETURN(const json* properties, ReadObject(event, "properties", "properties"));
    const json* page = nullptr;
    if (context != nullptr) {
        LB_ASSIGN_OR_RETURN(page, ReadObject(*context, "page", "context.page"));
    }
    LB_ASSIGN_OR_RETURN(out.page.url, ReadPageField(page, properties, "url", kMaxUrlBytes));
    LB_ASSIGN_OR_RETURN(out.page.referrer,
                        ReadPageField(page, properties, "referrer", kMaxUrlBytes));
    LB_ASSIGN_OR_RETURN(out.page.title, ReadPageField(page, properties, "title", kMaxTextBytes));
    LB_ASSIGN_OR_RETURN(out.page.path, ReadPageField(page, properties, "path", kMaxUrlBytes));
    if (context == nullptr) return Ok();
    LB_ASSIGN_OR_RETURN(out.user_agent,
                        ReadString(*context, "userAgent", "context.userAgent", kMaxTextBytes));
    LB_ASSIGN_OR_RETURN(out.ip, ReadString(*context, "ip", "context.ip", 64));
    LB_ASSIGN_OR_RETURN(const json* campaign, ReadObject(*context, "campaign", "context.campaign"));
    if (campaign == nullptr) return Ok();
    CampaignContext& utm = out.campaign;
    const std::pair<std::string_view, std::string*> fields[] = {{"source", &utm.source},
                                                                {"medium", &utm.medium},
                                                                {"name", &utm.name},
                                                                {"term", &utm.term},
                                                                {"content", &utm.content}};
    for (const auto& [key, target] : fields) {
        LB_ASSIGN_OR_RETURN(*target,
                            ReadString(*campaign, key, Join("context.campaign", key), kMaxIdBytes));
    }
    return Ok();
}

Status ReadTiming(const json& event,
                  std::optional<Timestamp> batch_sent_at,
                  Timestamp received_at,
                  TrackedEvent& out) {
    LB_ASSIGN_OR_RETURN(const auto timestamp, ReadTime(event, "timestamp", "timestamp"));
    LB_ASSIGN_OR_RETURN(auto sent_at, ReadTime(event, "sentAt", "sentAt"));
    if (!sent_at) sent_at = batch_sent_at;
    out.occurred_at = received_at;
    // Segment's skew correction: the sender's clock is off by (receive time - its send time).
    if (timestamp) out.occurred_at = sent_at ? *timestamp + (received_at - *sent_at) : *timestamp;
    if (out.occurred_at > received_at + kMaxFutureSkew) {
        out.occurred_at = received_at;
        out.is_clamped = true;
    }
    if (out.occurred_at < kEarliestEvent)
        return Fail(
            InvalidArgument("is before 2000-01-01 (after correcting by sentAt)", "timestamp"));
    return Ok();
}

}  // namespace

Result<std::string> ReadString(const json& object,
                               std::string_view key,
                               std::string_view field,
                               std::size_t max_bytes) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return std::string();
    if (!found->is_string()) return Fail(InvalidArgument("must be a string", std::string(field)));
    const std::string_view value = Trim(found->get_ref<const std::string&>());
    if (value.size() > max_bytes) {
        return Fail(InvalidArgument("is longer than " + std::to_string(max_bytes) + " bytes",
                                    std::string(field)));
    }
    return std::string(value);
}

Result<std::optional<Timestamp>> ReadTime(const json& object,
                                          std::string_view key,
                                          std::string_view field) {
    LB_ASSIGN_OR_RETURN(const std::string text, ReadString(object, key, field, kMaxTimeText));
    if (text.empty()) return std::optional<Timestamp>();
    auto parsed = ParseIso8601(text);
    if (!parsed) {
        return Fail(InvalidArgument("must be an ISO 8601 time such as 2026-01-31T12:00:00.000Z",
                                    std::string(field)));
    }
    if (*parsed < kEarliestEvent)
        return Fail(InvalidArgument("is before 2000-01-01", std::string(field)));
    return std::optional<Timestamp>(*parsed);
}

Result<TrackedEvent> ReadEvent(const json& event,
                               std::optional<Timestamp> batch_sent_at,
                               Timestamp received_at) {
    if (!event.is_object()) return Fail(InvalidArgument("an event must be a JSON object", ""));
    TrackedEvent out;
    LB_ASSIGN_OR_RETURN(out.type, ReadType(event));
    LB_ASSIGN_OR_RETURN(out.anonymous_id, ReadId(event, "anonymousId"));
    LB_ASSIGN_OR_RETURN(out.user_id, ReadId(event, "userId"));
    if (out.anonymous_id.empty() && out.user_id.empty())
        return Fail(InvalidArgument("an event needs an anonymousId or a userId", "anonymousId"));
    LB_ASSIGN_OR_RETURN(out.message_id, ReadString(event, "messageId", "messageId", kMaxIdBytes));
    const std::string_view name_key = out.type == "page" ? "name" : "event";
    LB_ASSIGN_OR_RETURN(out.name, ReadString(event, name_key, name_key, kMaxIdBytes));
    if (out.type == "track" && out.name.empty())
        return Fail(InvalidArgument("a track event needs its name", "event"));
    LB_ASSIGN_OR_RETURN(out.properties_json, ReadObjectJson(event, "properties"));
    LB_ASSIGN_OR_RETURN(out.traits_json, ReadObjectJson(event, "traits"));
    LB_TRY(ReadContext(event, out));
    LB_TRY(ReadTiming(event, batch_sent_at, received_at, out));
    return out;
}

}  // namespace lb::tracking::detail
