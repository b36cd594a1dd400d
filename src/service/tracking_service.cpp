#include "service/tracking_service.hpp"

#include <utility>

#include "service/detail/run.hpp"
#include "tracking/payload.hpp"

namespace lb::service {

TrackingService::TrackingService(Services& services, storage::EventWriter& writer)
    : services_(services), collector_(writer, [&services](WorkspaceId ws) {
          return LoadChannelRules(services.Store(), ws);
      }) {
}

Result<TrackingService::Admitted> TrackingService::Admit(std::string_view body,
                                                         std::string_view query_key) {
    if (body.size() > tracking::kMaxCollectBodyBytes) {
        return Fail(TooLarge("the body is over " + std::to_string(tracking::kMaxCollectBodyBytes) +
                             " bytes"));
    }
    const Timestamp received_at = services_.Time().Now();
    LB_ASSIGN_OR_RETURN(tracking::CollectPayload payload,
                        tracking::ParseCollectBody(body, received_at));
    const std::string key = payload.write_key.empty() ? std::string(query_key) : payload.write_key;
    if (key.empty())
        return Fail(
            Unauthenticated("a tracking key is required: \"writeKey\" in the body or ?key="));
    LB_ASSIGN_OR_RETURN(const Principal tracker, services_.AuthenticateTrackingKey(key));
    return Admitted{tracker.workspace, std::move(payload), received_at};
}

Result<tracking::CollectOutcome> TrackingService::Collect(std::string_view body,
                                                          std::string_view query_key) {
    LB_ASSIGN_OR_RETURN(Admitted admitted, Admit(body, query_key));
    const WorkspaceId workspace = admitted.workspace;
    auto outcome = collector_.Collect(workspace, std::move(admitted.payload), admitted.received_at);
    if (outcome) LeadsTouched(workspace, outcome->touched_leads);
    return outcome;
}

void TrackingService::LeadsTouched(WorkspaceId workspace, std::span<const LeadId> leads) {
    if (LeadScoreHook* hook = services_.ScoreHook(); hook != nullptr && !leads.empty())
        hook->LeadsTouched(workspace, leads);
}

void TrackingService::CollectAsync(std::string_view body,
                                   std::string_view query_key,
                                   tracking::CollectDone done) {
    auto admitted = Admit(body, query_key);
    if (!admitted) return done(Fail(admitted.error()));
    const WorkspaceId workspace = admitted->workspace;
    collector_.CollectAsync(
        workspace,
        std::move(admitted->payload),
        admitted->received_at,
        [this, workspace, done = std::move(done)](Result<tracking::CollectOutcome> outcome) {
            if (outcome) LeadsTouched(workspace, outcome->touched_leads);
            done(std::move(outcome));
        });
}

Result<VisitorView> TrackingService::GetVisitor(const Principal& principal,
                                                std::string_view anonymous_id) {
    LB_TRY(Require(principal, Permission::kReadLeads));
    return detail::ReadValue<VisitorView>(
        services_.Store(), [&](storage::Transaction& tx) -> Result<VisitorView> {
            const auto not_found = [&] {
                return Fail(NotFound("visitor '" + std::string(anonymous_id) + "' not found"));
            };
            LB_ASSIGN_OR_RETURN(auto visitor, tx.FindVisitor(principal.workspace, anonymous_id));
            if (!visitor) return not_found();
            if (IsOwnerScoped(principal)) {
                if (!visitor->lead_id.IsSet()) return not_found();
                LB_ASSIGN_OR_RETURN(const auto lead,
                                    tx.GetLead(principal.workspace, visitor->lead_id));
                if (lead.owner_id != principal.user) return not_found();
            }
            LB_ASSIGN_OR_RETURN(auto touchpoints,
                                tx.ListVisitorTouchpoints(principal.workspace, anonymous_id));
            return VisitorView{std::move(*visitor), std::move(touchpoints)};
        });
}

}  // namespace lb::service
