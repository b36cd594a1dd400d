// POST /api/v1/leads/{id}/merge: two known leads that are one person become one lead, without
// losing either history (docs/adr/0004-lead-merge.md).
#include <utility>

#include "service/detail/run.hpp"
#include "service/tracking_service.hpp"

namespace lb::service {

namespace {

template <typename T>
void FillIfEmpty(T& survivor_value, const T& absorbed_value) {
    if (survivor_value == T{}) survivor_value = absorbed_value;
}

// The survivor's fields, its empty ones filled from the absorbed lead. Stage, score and
// timestamps stay the survivor's; a do-not-contact flag of either lead holds for the merged one.
domain::Lead FilledSurvivor(domain::Lead survivor, const domain::Lead& absorbed) {
    FillIfEmpty(survivor.external_id, absorbed.external_id);
    FillIfEmpty(survivor.email, absorbed.email);
    FillIfEmpty(survivor.first_name, absorbed.first_name);
    FillIfEmpty(survivor.last_name, absorbed.last_name);
    FillIfEmpty(survivor.title, absorbed.title);
    FillIfEmpty(survivor.phone, absorbed.phone);
    FillIfEmpty(survivor.company_id, absorbed.company_id);
    FillIfEmpty(survivor.channel, absorbed.channel);
    FillIfEmpty(survivor.campaign, absorbed.campaign);
    FillIfEmpty(survivor.business_area, absorbed.business_area);
    FillIfEmpty(survivor.rating, absorbed.rating);
    FillIfEmpty(survivor.horizon, absorbed.horizon);
    FillIfEmpty(survivor.expected_month, absorbed.expected_month);
    FillIfEmpty(survivor.potential, absorbed.potential);
    FillIfEmpty(survivor.probability, absorbed.probability);
    FillIfEmpty(survivor.owner_id, absorbed.owner_id);
    FillIfEmpty(survivor.deal_value, absorbed.deal_value);
    survivor.do_not_email = survivor.do_not_email || absorbed.do_not_email;
    survivor.do_not_call = survivor.do_not_call || absorbed.do_not_call;
    for (const auto& [key, value] : absorbed.custom_fields)
        survivor.custom_fields.emplace(key, value);
    return survivor;
}

// The absorbed lead's first and latest touch, recorded on the survivor: the earlier first and
// the later latest touch win (Transaction::RecordLeadTouch).
Status CombineTouches(storage::Transaction& tx,
                      WorkspaceId ws,
                      LeadId survivor,
                      const domain::LeadTouches& absorbed) {
    if (absorbed.first_at)
        LB_TRY(tx.RecordLeadTouch(
            ws, survivor, absorbed.first_channel, absorbed.first_campaign, *absorbed.first_at));
    if (absorbed.latest_at)
        LB_TRY(tx.RecordLeadTouch(
            ws, survivor, absorbed.latest_channel, absorbed.latest_campaign, *absorbed.latest_at));
    return Ok();
}

std::string Describe(const domain::Lead& lead) {
    std::string text = "lead " + std::to_string(lead.id.value);
    if (!lead.email.empty()) text += " <" + lead.email + ">";
    return text;
}

}  // namespace

Result<MergeOutcome> TrackingService::MergeLeads(const Principal& principal,
                                                 LeadId survivor_id,
                                                 LeadId absorbed_id,
                                                 std::string_view reason) {
    LB_TRY(Require(principal, Permission::kWriteLeads));
    if (IsOwnerScoped(principal))
        return Fail(PermissionDenied("the role 'sales' may not merge leads"));
    if (survivor_id == absorbed_id)
        return Fail(InvalidArgument("a lead cannot be merged into itself", "from"));
    const WorkspaceId ws = principal.workspace;
    const Timestamp now = services_.Time().Now();
    LB_ASSIGN_OR_RETURN(
        MergeOutcome outcome,
        detail::WriteValue<MergeOutcome>(
            services_.Store(), [&](storage::Transaction& tx) -> Result<MergeOutcome> {
                LB_ASSIGN_OR_RETURN(const domain::Lead survivor, tx.GetLead(ws, survivor_id));
                auto absorbed = tx.GetLead(ws, absorbed_id);
                if (!absorbed && absorbed.error().code == ErrorCode::kNotFound)
                    return Fail(Error{.code = ErrorCode::kNotFound,
                                      .message = absorbed.error().message,
                                      .field = "from"});
                if (!absorbed) return Fail(absorbed.error());
                LB_ASSIGN_OR_RETURN(const auto touches, tx.GetLeadTouches(ws, absorbed_id));
                MergeOutcome merged;
                merged.absorbed = absorbed_id;
                LB_ASSIGN_OR_RETURN(merged.moved, tx.MoveLeadRecords(ws, absorbed_id, survivor_id));
                // Deleted before the update: the survivor may take over its unique e-mail.
                LB_TRY(tx.DeleteLead(ws, absorbed_id));
                domain::Lead filled = FilledSurvivor(survivor, *absorbed);
                filled.updated_at = now;
                LB_TRY(tx.UpdateLead(filled));
                LB_TRY(CombineTouches(tx, ws, survivor_id, touches));
                domain::LeadHistoryEntry entry;
                entry.workspace_id = ws;
                entry.lead_id = survivor_id;
                entry.kind = "merged";
                entry.from_value = Describe(*absorbed);
                entry.to_value = Describe(survivor);
                entry.reason = std::string(reason);
                entry.actor = principal.actor;
                entry.at = now;
                LB_TRY(tx.AppendLeadHistory(entry));
                if (LeadScoreHook* hook = services_.ScoreHook(); hook != nullptr)
                    LB_TRY(hook->LeadChanged(tx, ws, survivor_id, principal.actor));
                return merged;
            }));
    LB_ASSIGN_OR_RETURN(outcome.survivor, services_.GetLead(principal, survivor_id));
    outcome.touched_leads = {survivor_id};
    return outcome;
}

}  // namespace lb::service
