#include "tracking/collector.hpp"

#include <algorithm>
#include <future>
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/assert.hpp"
#include "common/log.hpp"
#include "domain/validation.hpp"
#include "tracking/channel_rules_json.hpp"
#include "tracking/detail/stitching.hpp"
#include "tracking/ip_anonymiser.hpp"

namespace lb::tracking {

namespace {

std::shared_ptr<const ChannelClassifier> DefaultClassifier() {
    auto classifier = ChannelClassifier::Create(DefaultChannelRules());
    LB_CHECK(classifier.has_value(), "the default channel rules must compile");
    return std::make_shared<const ChannelClassifier>(std::move(*classifier));
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

Collector::Collector(storage::EventWriter& writer, ChannelRulesLoader load_rules)
    : writer_(writer),
      load_rules_(std::move(load_rules)),
      default_classifier_(DefaultClassifier()),
      rates_(RateDetector::Options{}) {
}

void Collector::InvalidateChannelRules(WorkspaceId ws) {
    std::lock_guard lock(classifiers_mu_);
    classifiers_.erase(ws);
}

std::shared_ptr<const ChannelClassifier> Collector::ClassifierFor(WorkspaceId ws) {
    if (!load_rules_) return default_classifier_;
    // Expiry is cache housekeeping, not domain time: a monotonic clock, no injected Clock.
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(classifiers_mu_);
        const auto it = classifiers_.find(ws);
        if (it != classifiers_.end() && now - it->second.loaded_at < kChannelRulesCacheTtl)
            return it->second.classifier;
    }
    // Loaded outside the lock (it reads the store); two first requests may both load, and the
    // later insert wins with the same rules.
    auto own = load_rules_(ws);
    if (!own) {
        log::warn("channel rules of workspace {} not loaded ({}); using the defaults",
                  ws.value,
                  own.error().message);
        return default_classifier_;
    }
    std::shared_ptr<const ChannelClassifier> classifier = default_classifier_;
    if (!own->rules.empty()) {
        auto compiled = ChannelClassifier::Create(WithDefaultRules(*own));
        if (compiled) classifier = std::make_shared<const ChannelClassifier>(std::move(*compiled));
    }
    std::lock_guard lock(classifiers_mu_);
    classifiers_.insert_or_assign(ws, CachedClassifier{classifier, now});
    return classifier;
}

Result<PreparedEvent> Collector::Prepare(WorkspaceId ws, const TrackedEvent& event) {
    return PrepareWith(*ClassifierFor(ws), ws, event);
}

Result<PreparedEvent> Collector::PrepareWith(const ChannelClassifier& classifier,
                                             WorkspaceId ws,
                                             const TrackedEvent& event) {
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
        const ChannelMatch match = classifier.Classify({.page_url = event.page.url,
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
    const std::shared_ptr<const ChannelClassifier> classifier = ClassifierFor(ws);
    for (const TrackedEvent& event : payload.events) {
        auto ready = PrepareWith(*classifier, ws, event);
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
    std::vector<PreparedEvent> prepared = std::move(batch->prepared);
    WriteAsync(ws,
               std::move(prepared),
               received_at,
               [batch, done = std::move(done)](Result<WriteSummary> summary) {
                   if (!summary) return done(Fail(summary.error()));
                   batch->outcome.touched_leads = std::move(summary->touched_leads);
                   done(std::move(batch->outcome));
               });
}

void Collector::WriteAsync(WorkspaceId ws,
                           std::vector<PreparedEvent> events,
                           Timestamp received_at,
                           WriteEventsDone done) {
    // Shared between the job (which may run twice, see EventWriter: each run starts afresh)
    // and its completion.
    struct Job {
        std::vector<PreparedEvent> events;
        WriteSummary summary;
    };
    auto job = std::make_shared<Job>();
    job->events = std::move(events);
    const std::size_t event_count = job->events.size();
    writer_.Submit(
        [job, ws, received_at](storage::Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(job->summary,
                                detail::WriteEvents(tx, ws, job->events, received_at));
            return Ok();
        },
        event_count,
        [job, done = std::move(done)](Status status) {
            if (!status) return done(Fail(status.error()));
            done(std::move(job->summary));
        });
}

}  // namespace lb::tracking
