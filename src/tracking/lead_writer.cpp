#include "tracking/lead_writer.hpp"

#include "common/text.hpp"
#include "domain/validation.hpp"

namespace lb::tracking {

namespace {

using domain::Update;

// The existing lead that `input` refers to, if any, and which key matched.
struct Match {
    std::optional<domain::Lead> lead;
    std::string matched_field;
};

Result<Match> FindExisting(storage::Transaction& tx,
                           WorkspaceId workspace,
                           const domain::LeadInput& input,
                           const UpsertOptions& options) {
    Match match;
    if (options.mode == UpsertMode::kUpdateOnly) {
        LB_ASSIGN_OR_RETURN(match.lead, tx.GetLead(workspace, options.target));
        return match;
    }
    if (input.external_id.IsPresent() && !input.external_id.IsClear()) {
        const std::string external_id(Trim(input.external_id.Value()));
        if (!external_id.empty()) {
            LB_ASSIGN_OR_RETURN(match.lead, tx.FindLeadByExternalId(workspace, external_id));
            match.matched_field = "external_id";
        }
    }
    if (!match.lead && input.email.IsPresent() && !input.email.IsClear() &&
        !Trim(input.email.Value()).empty()) {
        LB_ASSIGN_OR_RETURN(
            const std::string email,
            domain::NormaliseEmail(input.email.Value(), options.field_prefix + "email"));
        LB_ASSIGN_OR_RETURN(match.lead, tx.FindLeadByEmail(workspace, email));
        match.matched_field = "email";
    }
    return match;
}

// Resolves a channel or business-area text to a stored key, creating it when allowed.
template <typename Find, typename List, typename Create>
Result<std::string> ResolveKey(const Update<std::string>& update,
                               const std::string& current,
                               const std::string& field,
                               const UpsertOptions& options,
                               int& created,
                               Find find,
                               List list,
                               Create create) {
    if (!update.IsPresent()) return current;
    if (update.IsClear() || Trim(update.Value()).empty()) return std::string();
    const std::string text(Trim(update.Value()));
    const std::string key = Slugify(text);
    if (key.empty())
        return Fail(InvalidArgument("'" + text + "' has no letters or digits to make a key from",
                                    options.field_prefix + field));
    LB_ASSIGN_OR_RETURN(const auto found, find(key));
    if (found) return key;
    if (options.unknown_keys == UnknownKeys::kCreate) {
        LB_TRY(create(key, text));
        ++created;
        return key;
    }
    LB_ASSIGN_OR_RETURN(const auto known, list());
    std::string known_keys;
    for (const auto& item : known) known_keys += (known_keys.empty() ? "" : ", ") + item.key;
    return Fail(InvalidArgument("'" + text + "' is not a known " + field + "; known: " + known_keys,
                                options.field_prefix + field));
}

Status ResolveChannelAndArea(storage::Transaction& tx,
                             WorkspaceId ws,
                             const domain::LeadInput& input,
                             const UpsertOptions& options,
                             UpsertOutcome& outcome) {
    domain::Lead& lead = outcome.lead;
    LB_ASSIGN_OR_RETURN(lead.channel,
                        ResolveKey(
                            input.channel,
                            lead.channel,
                            "channel",
                            options,
                            outcome.channels_created,
                            [&](const std::string& key) { return tx.FindChannel(ws, key); },
                            [&] { return tx.ListChannels(ws); },
                            [&](const std::string& key, const std::string& name) -> Status {
                                domain::Channel channel;
                                channel.workspace_id = ws;
                                channel.key = key;
                                channel.name = name;
                                LB_TRY(tx.CreateChannel(std::move(channel)));
                                return Ok();
                            }));
    LB_ASSIGN_OR_RETURN(lead.business_area,
                        ResolveKey(
                            input.business_area,
                            lead.business_area,
                            "business_area",
                            options,
                            outcome.business_areas_created,
                            [&](const std::string& key) { return tx.FindBusinessArea(ws, key); },
                            [&] { return tx.ListBusinessAreas(ws); },
                            [&](const std::string& key, const std::string& name) -> Status {
                                domain::BusinessArea area;
                                area.workspace_id = ws;
                                area.key = key;
                                area.name = name;
                                LB_TRY(tx.CreateBusinessArea(std::move(area)));
                                return Ok();
                            }));
    return Ok();
}

// Finds or creates the company of `company_input` (by domain) and applies its fields.
Result<CompanyId> ResolveExplicitCompany(storage::Transaction& tx,
                                         WorkspaceId ws,
                                         const domain::Lead& lead,
                                         const domain::CompanyInput& company_input,
                                         Timestamp now,
                                         const std::string& prefix) {
    std::optional<domain::Company> company;
    if (company_input.domain.IsPresent() && !company_input.domain.IsClear() &&
        !Trim(company_input.domain.Value()).empty()) {
        LB_ASSIGN_OR_RETURN(
            const std::string domain_name,
            domain::NormaliseDomain(company_input.domain.Value(), prefix + "company.domain"));
        LB_ASSIGN_OR_RETURN(company, tx.FindCompanyByDomain(ws, domain_name));
        if (!company && !company_input.name.IsPresent()) {
            company = domain::Company{};
            company->name = domain_name;
        }
    } else if (lead.company_id.IsSet()) {
        LB_ASSIGN_OR_RETURN(company, tx.GetCompany(ws, lead.company_id));
    }
    const bool is_new = !company || !company->id.IsSet();
    if (!company) company = domain::Company{};
    LB_TRY(domain::ApplyCompanyInput(*company, company_input, prefix));
    company->updated_at = now;
    if (!is_new) {
        LB_TRY(tx.UpdateCompany(*company));
        return company->id;
    }
    company->workspace_id = ws;
    company->created_at = now;
    LB_ASSIGN_OR_RETURN(const domain::Company created, tx.CreateCompany(std::move(*company)));
    return created.id;
}

// Links a lead without a company to the company of its e-mail domain (not for free-mail).
Result<CompanyId> CompanyFromEmail(storage::Transaction& tx,
                                   WorkspaceId ws,
                                   const domain::Lead& lead,
                                   Timestamp now) {
    const std::string_view email_domain = domain::EmailDomain(lead.email);
    if (email_domain.empty() || domain::IsFreeMailDomain(email_domain)) return CompanyId{};
    LB_ASSIGN_OR_RETURN(const auto found, tx.FindCompanyByDomain(ws, email_domain));
    if (found) return found->id;
    domain::Company company;
    company.workspace_id = ws;
    company.name = std::string(email_domain);
    company.domain = std::string(email_domain);
    company.created_at = now;
    company.updated_at = now;
    LB_ASSIGN_OR_RETURN(const domain::Company created, tx.CreateCompany(std::move(company)));
    return created.id;
}

Result<std::string> OwnerEmail(storage::Transaction& tx, WorkspaceId ws, UserId owner) {
    if (!owner.IsSet()) return std::string();
    LB_ASSIGN_OR_RETURN(const domain::User user, tx.GetUser(ws, owner));
    return user.email;
}

Status ResolveOwner(storage::Transaction& tx,
                    WorkspaceId ws,
                    const Update<std::string>& owner,
                    const std::string& prefix,
                    domain::Lead& lead) {
    if (!owner.IsPresent()) return Ok();
    if (owner.IsClear() || Trim(owner.Value()).empty()) {
        lead.owner_id = UserId{};
        return Ok();
    }
    const std::string email = ToLower(Trim(owner.Value()));
    LB_ASSIGN_OR_RETURN(const auto user, tx.FindUserByEmail(ws, email));
    if (!user)
        return Fail(InvalidArgument("no user with the e-mail '" + email + "'", prefix + "owner"));
    lead.owner_id = user->id;
    return Ok();
}

Status AppendHistory(storage::Transaction& tx,
                     const domain::Lead& lead,
                     std::string kind,
                     std::string from,
                     std::string to,
                     std::string reason,
                     const UpsertOptions& options,
                     Timestamp now) {
    domain::LeadHistoryEntry entry;
    entry.workspace_id = lead.workspace_id;
    entry.lead_id = lead.id;
    entry.kind = std::move(kind);
    entry.from_value = std::move(from);
    entry.to_value = std::move(to);
    entry.reason = std::move(reason);
    entry.actor = options.actor;
    entry.at = now;
    return tx.AppendLeadHistory(entry);
}

Status WriteHistory(storage::Transaction& tx,
                    const domain::Lead& before,
                    const UpsertOutcome& outcome,
                    const domain::LeadInput& input,
                    const UpsertOptions& options,
                    Timestamp now) {
    const domain::Lead& lead = outcome.lead;
    if (outcome.is_created) {
        LB_TRY(
            AppendHistory(tx, lead, "created", "", lead.stage, input.stage_reason, options, now));
    } else if (before.stage != lead.stage) {
        LB_TRY(AppendHistory(
            tx, lead, "stage", before.stage, lead.stage, input.stage_reason, options, now));
    }
    if (before.owner_id != lead.owner_id) {
        LB_ASSIGN_OR_RETURN(std::string from, OwnerEmail(tx, lead.workspace_id, before.owner_id));
        LB_ASSIGN_OR_RETURN(std::string to, OwnerEmail(tx, lead.workspace_id, lead.owner_id));
        LB_TRY(AppendHistory(tx, lead, "owner", std::move(from), std::move(to), "", options, now));
    }
    return Ok();
}

// Creates or updates the lead; a unique key taken by another lead is named with the row prefix.
Status WriteLead(storage::Transaction& tx, UpsertOutcome& outcome, const std::string& prefix) {
    Status written = Ok();
    if (outcome.is_created) {
        auto created = tx.CreateLead(outcome.lead);
        if (created)
            outcome.lead = std::move(*created);
        else
            written = Fail(std::move(created).error());
    } else {
        written = tx.UpdateLead(outcome.lead);
    }
    if (!written && !prefix.empty() && !written.error().field.empty()) {
        Error error = written.error();
        error.field = prefix + error.field;
        return Fail(std::move(error));
    }
    return written;
}

}  // namespace

Result<UpsertOutcome> UpsertLead(storage::Transaction& tx,
                                 WorkspaceId workspace,
                                 const domain::LeadInput& input,
                                 Timestamp now,
                                 const UpsertOptions& options) {
    LB_ASSIGN_OR_RETURN(Match match, FindExisting(tx, workspace, input, options));
    if (match.lead && options.mode == UpsertMode::kCreateOnly)
        return Fail(AlreadyExists("another lead (" + std::to_string(match.lead->id.value) +
                                      ") already has this " + match.matched_field,
                                  options.field_prefix + match.matched_field));
    if (match.lead && options.restrict_to_owner.IsSet() &&
        match.lead->owner_id != options.restrict_to_owner)
        return Fail(NotFound("lead " + std::to_string(match.lead->id.value) + " not found"));

    UpsertOutcome outcome;
    outcome.is_created = !match.lead;
    domain::Lead before;
    if (match.lead) {
        before = *match.lead;
        outcome.lead = std::move(*match.lead);
    } else {
        outcome.lead.workspace_id = workspace;
        outcome.lead.created_at = now;
        before = outcome.lead;
    }
    domain::Lead& lead = outcome.lead;
    LB_TRY(domain::ApplyLeadInput(lead, input, options.field_prefix));
    LB_TRY(ResolveChannelAndArea(tx, workspace, input, options, outcome));
    LB_TRY(ResolveOwner(tx, workspace, input.owner, options.field_prefix, lead));
    if (input.company) {
        LB_ASSIGN_OR_RETURN(
            lead.company_id,
            ResolveExplicitCompany(tx, workspace, lead, *input.company, now, options.field_prefix));
    }
    if (!lead.company_id.IsSet()) {
        LB_ASSIGN_OR_RETURN(lead.company_id, CompanyFromEmail(tx, workspace, lead, now));
    }
    lead.updated_at = now;
    LB_TRY(WriteLead(tx, outcome, options.field_prefix));
    LB_TRY(WriteHistory(tx, before, outcome, input, options, now));
    return outcome;
}

}  // namespace lb::tracking
