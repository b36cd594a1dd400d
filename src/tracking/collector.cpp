#include "tracking/collector.hpp"

#include <algorithm>
#include <future>
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/assert.hpp"
#include "domain/validation.hpp"
#include "tracking/detail/stitching.hpp"
#include "tracking/ip_anonymiser.hpp"

namespace lb::tracking {

namespace {

ChannelClassifier DefaultClassifier() {
    auto classifier = ChannelClassifier::Create(DefaultChannelRules());
    LB_CHECK(classifier.has_value(), "the default channel rules must compile");
    return std::move(*classifier);
}

// A web touch: something with a page, a referrer or campaign parameters to classify. Offline
// touchpoints (calls, meetings) and server-side tracks carry none and get no channel here.
bool HasWebSource(const TrackedEvent& event) {
    return !event.page.url.empty() || !event.page.referrer.empty() ||
           !event.campaign.source.empty() || !event.campaign.medium.empty();
}

// The e-mail an identify call names: traits.email, else a userId that looks like one; and the
// field it came from.
std::pair<std::string, std::string> IdentifyEmail(const TrackedEvent& event) {
    const auto traits = nlohmann::json::parse(event.traits_json, nullptr, false);
    if (traits.is_object()) {
        const auto email = traits.find("email");
        if (email != traits.end() && email->is_string())
            return {email->get<std::string>(), "traits.email"};
    }
    if (event.user_id.find('@') != std::string::npos) return {event.user_id, "userId"};
    return {};
}

}  // namespace

Collector::Collector(storage::EventWriter& writer)
    : writer_(writer), classifier_(DefaultClassifier()), rates_(RateDetector::Options{}) {
}

Result<PreparedEvent> Collector::Prepare(WorkspaceId ws, const TrackedEvent& event) const {
    PreparedEvent prepared;
    domain::Touchpoint& touchpoint = prepared.touchpoint;
    touchpoint = ToTouchpoint(event);
    touchpoint.workspace_id = ws;
    touchpoint.message_id = event.message_id;
    touchpoint.user_agent = event.user_agent;
    touchpoint.ip = AnonymiseIp(event.ip);
    touchpoint.referrer = event.page.referrer;
    touchpoint.utm_source = event.campaign.source;
    touchpoint.utm_medium = event.campaign.medium;
    touchpoint.utm_term = event.campaign.term;
    touchpoint.utm_content = event.campaign.content;
    if (HasWebSource(event)) {
        const ChannelMatch match = classifier_.Classify({.page_url = event.page.url,
                                                         .referrer = event.page.referrer,
                                                         .utm_source = event.campaign.source,
                                                         .utm_medium = event.campaign.medium,
                                                         .utm_campaign = event.campaign.name});
        prepared.is_internal_navigation = match.is_internal;
        touchpoint.channel = match.channel;
        if (!match.campaign.empty()) touchpoint.campaign = match.campaign;
    }
    touchpoint.filtered_reason = std::string(DetectBotUserAgent(event.user_agent));
    if (event.type == "identify") {
        const auto [email, field] = IdentifyEmail(event);
        if (!email.empty()) {
            LB_ASSIGN_OR_RETURN(prepared.identify_email, domain::NormaliseEmail(email, field));
            prepared.identify_traits = event.traits_json;
        }
    }
    return prepared;
}

void Collector::MarkRates(std::vector<PreparedEvent>& events) {
    std::lock_guard lock(rate_mu_);
    for (PreparedEvent& event : events) {
        domain::Touchpoint& touchpoint = event.touchpoint;
        const std::string_view reason =
            rates_.Record(touchpoint.anonymous_id, touchpoint.occurred_at);
        if (!reason.empty() && touchpoint.filtered_reason.empty())
            touchpoint.filtered_reason = std::string(reason);
    }
}

Result<CollectOutcome> Collector::Collect(WorkspaceId ws,
                                          CollectPayload payload,
                                          Timestamp received_at) {
    // shared_ptr: CollectDone must be copyable, a promise is not.
    auto promise = std::make_shared<std::promise<Result<CollectOutcome>>>();
    auto future = promise->get_future();
    CollectAsync(ws, std::move(payload), received_at, [promise](Result<CollectOutcome> outcome) {
        promise->set_value(std::move(outcome));
    });
    return future.get();
}

void Collector::CollectAsync(WorkspaceId ws,
                             CollectPayload payload,
                             Timestamp received_at,
                             CollectDone done) {
    // Shared between the write job and its completion, which both outlive this call.
    struct Batch {
        CollectOutcome outcome;
        std::vector<PreparedEvent> prepared;
    };
    auto batch = std::make_shared<Batch>();
    batch->outcome.rejections = std::move(payload.rejections);
    batch->prepared.reserve(payload.events.size());
    for (const TrackedEvent& event : payload.events) {
        auto ready = Prepare(ws, event);
        if (!ready) {
            batch->outcome.rejections.push_back({.index = event.index,
                                                 .field = ready.error().field,
                                                 .reason = ready.error().message});
            continue;
        }
        batch->prepared.push_back(std::move(*ready));
    }
    auto& rejections = batch->outcome.rejections;
    std::sort(rejections.begin(), rejections.end(), [](const auto& a, const auto& b) {
        return a.index < b.index;
    });
    batch->outcome.accepted = batch->prepared.size();
    if (batch->prepared.empty()) return done(std::move(batch->outcome));
    MarkRates(batch->prepared);
    writer_.Submit(
        [batch, ws, received_at](storage::Transaction& tx) {
            return detail::WriteEvents(tx, ws, batch->prepared, received_at);
        },
        batch->prepared.size(),
        [batch, done = std::move(done)](Status status) {
            if (!status) return done(Fail(status.error()));
            done(std::move(batch->outcome));
        });
}

}  // namespace lb::tracking
