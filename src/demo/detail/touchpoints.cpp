#include "demo/detail/touchpoints.hpp"

#include <array>

namespace lb::demo::detail {
namespace {

constexpr std::string_view kSite = "https://www.nordlys-media.dk";

struct Kind {
    std::string_view type;
    std::string_view name;
    std::string_view path;  // "{area}" is replaced by the lead's business area
    double weight;          // for an average lead
    double engaged_weight;  // added per unit of engagement above 1
    double offline_weight;  // added for leads from offline channels
};

// Strategic pages (/pricing, /cases, demo bookings) gain weight with engagement; noise (jobs,
// support) does not.
constexpr std::array<Kind, 14> kKinds = {{
    {"page", "Home", "/", 18, 0, 0},
    {"page", "Blog", "/blog/{area}-trends", 14, 0, 0},
    {"page", "Product", "/products/{area}", 12, 3, 0},
    {"page", "Pricing", "/pricing", 5, 6, 0},
    {"page", "Case", "/cases/{area}", 5, 5, 0},
    {"page", "Contact", "/contact", 3, 2, 0},
    {"page", "Jobs", "/jobs", 2, 0, 0},
    {"track", "support_request", "/support", 1, 0, 0},
    {"track", "whitepaper_download", "/downloads/{area}-guide", 4, 2, 0},
    {"track", "webinar_attended", "/webinars/{area}", 2, 2, 0},
    {"track", "demo_booked", "/demo", 0.5, 1.5, 0},
    {"email_click", "newsletter", "/newsletter/{area}", 9, 2, 0},
    {"call", "call", "", 2, 2, 6},
    {"meeting", "meeting", "", 0.5, 1.5, 3},
}};

constexpr std::array<std::string_view, 4> kRevisitChannels = {
    "direct", "organic-search", "email-campaign", "paid-search"};

std::string Expand(std::string_view path, std::string_view area) {
    std::string out(path);
    if (const auto pos = out.find("{area}"); pos != std::string::npos) out.replace(pos, 6, area);
    return out;
}

const Kind& PickKind(Rng& rng, const JourneyProfile& profile) {
    const double extra = profile.engagement > 1 ? profile.engagement - 1 : 0;
    const auto weight = [&](const Kind& kind) {
        return kind.weight + kind.engaged_weight * extra +
               (profile.is_offline ? kind.offline_weight : 0);
    };
    double total = 0;
    for (const Kind& kind : kKinds) total += weight(kind);
    double pick = rng.Unit() * total;
    for (const Kind& kind : kKinds) {
        pick -= weight(kind);
        if (pick < 0) return kind;
    }
    return kKinds.front();
}

}  // namespace

std::size_t PickIndex(Rng& rng, std::size_t size) {
    return static_cast<std::size_t>(rng.Uniform(0, static_cast<std::int64_t>(size) - 1));
}

Timestamp RandomTime(Rng& rng, Timestamp from, Timestamp to) {
    return FromEpochMillis(rng.Uniform(ToEpochMillis(from), ToEpochMillis(to)));
}

void AddJourney(Rng& rng,
                const JourneyProfile& profile,
                std::int64_t count,
                Timestamp from,
                Timestamp to,
                const std::string& anonymous_id,
                std::vector<domain::Touchpoint>& out) {
    for (std::int64_t touch_idx = 0; touch_idx < count; ++touch_idx) {
        const Kind& kind = PickKind(rng, profile);
        domain::Touchpoint touchpoint;
        touchpoint.anonymous_id = anonymous_id;
        touchpoint.type = std::string(kind.type);
        touchpoint.name = std::string(kind.name);
        if (!kind.path.empty())
            touchpoint.url = std::string(kSite) + Expand(kind.path, profile.area);
        const bool is_first_touch = touch_idx == 0;
        if (is_first_touch || rng.Chance(0.35)) {
            touchpoint.channel = std::string(profile.channel);
            touchpoint.campaign = std::string(profile.campaign);
        } else if (kind.type != "call" && kind.type != "meeting") {
            touchpoint.channel =
                std::string(kRevisitChannels[PickIndex(rng, kRevisitChannels.size())]);
        }
        if (kind.type == "call" || kind.type == "meeting") {
            touchpoint.properties_json =
                "{\"duration_min\":" + std::to_string(rng.Uniform(5, 60)) + "}";
        }
        touchpoint.occurred_at = is_first_touch ? from : RandomTime(rng, from, to);
        out.push_back(std::move(touchpoint));
    }
}

domain::Touchpoint MakeAnonymousVisit(Rng& rng,
                                      std::int64_t visitor,
                                      Timestamp from,
                                      Timestamp to) {
    static constexpr std::array<std::string_view, 6> kPaths = {
        "/", "/blog/web-trends", "/products/radio", "/pricing", "/jobs", "/cases/tv"};
    domain::Touchpoint touchpoint;
    touchpoint.anonymous_id = "v-" + std::to_string(visitor);
    touchpoint.type = "page";
    const std::string_view path = kPaths[PickIndex(rng, kPaths.size())];
    touchpoint.name = std::string(path);
    touchpoint.url = std::string(kSite) + std::string(path);
    touchpoint.channel = std::string(kRevisitChannels[PickIndex(rng, kRevisitChannels.size())]);
    if (rng.Chance(0.2)) {
        touchpoint.filtered_reason = "bot";
        touchpoint.properties_json = "{\"user_agent\":\"Mozilla/5.0 (compatible; Googlebot/2.1)\"}";
    }
    touchpoint.occurred_at = RandomTime(rng, from, to);
    return touchpoint;
}

}  // namespace lb::demo::detail
