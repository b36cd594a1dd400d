// POST /forms/{form_key}: a form post becomes a PreparedEvent of the collector (type "form") so
// that it shares the collector's channel classification, bot marking, identity stitching and
// one-writer durability with /collect; only reading the body is form-specific.
#include <utility>
#include <vector>

#include "service/tracking_service.hpp"
#include "tracking/form_submission.hpp"

namespace lb::service {

namespace {

tracking::TrackedEvent FormEvent(const tracking::FormSubmission& submission,
                                 const FormPost& post,
                                 Timestamp received_at) {
    tracking::TrackedEvent event;
    event.type = "form";
    event.name = submission.form_name;
    event.anonymous_id = submission.anonymous_id;
    event.message_id = submission.message_id;
    event.properties_json = submission.properties_json;
    event.page.url = submission.page_url.empty() ? std::string(post.referer) : submission.page_url;
    event.page.referrer = submission.referrer;
    event.campaign = {.source = submission.utm_source,
                      .medium = submission.utm_medium,
                      .name = submission.utm_campaign,
                      .term = submission.utm_term,
                      .content = submission.utm_content};
    event.user_agent = std::string(post.user_agent);
    event.occurred_at = received_at;
    return event;
}

Error UnknownFormKey(std::string_view key) {
    return Error{.code = ErrorCode::kNotFound,
                 .message = "no workspace has the form key '" + std::string(key) + "'",
                 .field = "form_key"};
}

}  // namespace

void TrackingService::SubmitFormAsync(const FormPost& post, FormDone done) {
    if (post.body.size() > tracking::kMaxFormBodyBytes)
        return done(Fail(TooLarge("the form body is over " +
                                  std::to_string(tracking::kMaxFormBodyBytes) + " bytes")));
    auto workspace = services_.AuthenticateTrackingKey(post.form_key);
    if (!workspace) {
        if (workspace.error().code == ErrorCode::kUnauthenticated)
            return done(Fail(UnknownFormKey(post.form_key)));
        return done(Fail(workspace.error()));
    }
    const Timestamp received_at = services_.Time().Now();
    auto fields = tracking::ParseFormBody(post.content_type, post.body);
    if (!fields) return done(Fail(fields.error()));
    auto submission = tracking::ReadFormSubmission(*fields, received_at);
    if (!submission) return done(Fail(submission.error()));

    auto prepared =
        collector_.Prepare(workspace->workspace, FormEvent(*submission, post, received_at));
    if (!prepared) return done(Fail(prepared.error()));
    domain::Touchpoint& touchpoint = prepared->touchpoint;
    if (!submission->filtered_reason.empty())
        touchpoint.filtered_reason = submission->filtered_reason;
    FormOutcome outcome;
    outcome.redirect = submission->redirect;
    outcome.filtered_reason = touchpoint.filtered_reason;
    if (touchpoint.filtered_reason.empty()) {
        prepared->identify_email = submission->email;
        prepared->lead_input = std::move(submission->lead);
    }
    std::vector<tracking::PreparedEvent> events;
    events.push_back(std::move(*prepared));
    collector_.WriteAsync(
        workspace->workspace,
        std::move(events),
        received_at,
        [this, ws = workspace->workspace, outcome = std::move(outcome), done = std::move(done)](
            Result<tracking::WriteSummary> summary) mutable {
            if (!summary) return done(Fail(summary.error()));
            if (!summary->resolved.empty()) {
                outcome.lead = summary->resolved.front().lead;
                outcome.is_created = summary->resolved.front().is_created;
            }
            outcome.touched_leads = std::move(summary->touched_leads);
            LeadsTouched(ws, outcome.touched_leads);
            done(std::move(outcome));
        });
}

}  // namespace lb::service
