#include "domain/lead_input.hpp"

#include "common/text.hpp"
#include "domain/validation.hpp"

namespace lb::domain {

namespace {

std::string ToUpper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Sets a text field: clear → "", value → trimmed text.
void ApplyText(std::string& target, const Update<std::string>& update) {
    if (!update.IsPresent()) return;
    target = update.IsClear() ? std::string() : std::string(Trim(update.Value()));
}

// Sets an optional enum field through its parser; the parser names the field.
template <typename E, typename Parser>
Status ApplyEnum(std::optional<E>& target,
                 const Update<std::string>& update,
                 Parser parse,
                 const std::string& field) {
    if (!update.IsPresent()) return Ok();
    if (update.IsClear() || Trim(update.Value()).empty()) {
        target.reset();
        return Ok();
    }
    LB_ASSIGN_OR_RETURN(E value, parse(update.Value(), field));
    target = value;
    return Ok();
}

Status ApplyMoney(std::optional<Money>& target,
                  const Update<double>& update,
                  const std::string& field) {
    if (!update.IsPresent()) return Ok();
    if (update.IsClear()) {
        target.reset();
        return Ok();
    }
    LB_ASSIGN_OR_RETURN(Money money, MoneyFromMajor(update.Value(), field));
    target = money;
    return Ok();
}

Status ApplyEmail(Lead& lead, const Update<std::string>& update, const std::string& prefix) {
    if (!update.IsPresent()) return Ok();
    if (update.IsClear() || Trim(update.Value()).empty()) {
        lead.email.clear();
        return Ok();
    }
    LB_ASSIGN_OR_RETURN(lead.email, NormaliseEmail(update.Value(), prefix + "email"));
    return Ok();
}

Status ApplyStage(Lead& lead, const Update<std::string>& update, const std::string& prefix) {
    if (!update.IsPresent()) return Ok();
    if (update.IsClear())
        return Fail(InvalidArgument("a lead always has a stage", prefix + "stage"));
    const std::string stage = ToLower(Trim(update.Value()));
    LB_TRY(ValidateStage(stage, prefix + "stage"));
    lead.stage = stage;
    return Ok();
}

Status ApplyProbability(Lead& lead, const Update<std::int64_t>& update, const std::string& prefix) {
    if (!update.IsPresent()) return Ok();
    if (update.IsClear()) {
        lead.probability.reset();
        return Ok();
    }
    if (update.Value() < 1 || update.Value() > 3)
        return Fail(InvalidArgument("must be 1, 2 or 3", prefix + "probability"));
    lead.probability = static_cast<int>(update.Value());
    return Ok();
}

Status ApplyCustomFields(Lead& lead,
                         const std::map<std::string, std::optional<std::string>>& fields) {
    for (const auto& [key, value] : fields) {
        if (value) {
            lead.custom_fields[key] = *value;
        } else {
            lead.custom_fields.erase(key);
        }
    }
    return Ok();
}

}  // namespace

Status ApplyLeadInput(Lead& lead, const LeadInput& input, std::string_view field_prefix) {
    const std::string prefix(field_prefix);
    ApplyText(lead.external_id, input.external_id);
    ApplyText(lead.first_name, input.first_name);
    ApplyText(lead.last_name, input.last_name);
    ApplyText(lead.title, input.title);
    ApplyText(lead.phone, input.phone);
    ApplyText(lead.campaign, input.campaign);
    ApplyText(lead.expected_month, input.expected_month);
    LB_TRY(ApplyEmail(lead, input.email, prefix));
    LB_TRY(ApplyEnum(lead.rating, input.rating, ParseRating, prefix + "rating"));
    LB_TRY(ApplyEnum(lead.horizon, input.horizon, ParseHorizon, prefix + "horizon"));
    LB_TRY(ApplyEnum(lead.potential, input.potential, ParsePotential, prefix + "potential"));
    LB_TRY(ApplyStage(lead, input.stage, prefix));
    LB_TRY(ApplyProbability(lead, input.probability, prefix));
    if (input.do_not_email.IsPresent())
        lead.do_not_email = !input.do_not_email.IsClear() && input.do_not_email.Value();
    if (input.do_not_call.IsPresent())
        lead.do_not_call = !input.do_not_call.IsClear() && input.do_not_call.Value();
    LB_TRY(ApplyMoney(lead.deal_value, input.deal_value, prefix + "deal_value"));
    LB_TRY(ApplyCustomFields(lead, input.custom_fields));
    if (auto valid = ValidateLead(lead); !valid) {
        Error error = valid.error();
        error.field = prefix + error.field;
        return Fail(std::move(error));
    }
    return Ok();
}

Status ApplyCompanyInput(Company& company,
                         const CompanyInput& input,
                         std::string_view field_prefix) {
    const std::string prefix = std::string(field_prefix) + "company.";
    ApplyText(company.name, input.name);
    ApplyText(company.industry, input.industry);
    if (input.domain.IsPresent()) {
        if (input.domain.IsClear() || Trim(input.domain.Value()).empty()) {
            company.domain.clear();
        } else {
            LB_ASSIGN_OR_RETURN(company.domain,
                                NormaliseDomain(input.domain.Value(), prefix + "domain"));
        }
    }
    if (input.country.IsPresent())
        company.country =
            input.country.IsClear() ? std::string() : ToUpper(Trim(input.country.Value()));
    if (input.customer_status.IsPresent()) {
        if (input.customer_status.IsClear()) {
            company.customer_status = CustomerStatus::kProspect;
        } else {
            LB_ASSIGN_OR_RETURN(
                company.customer_status,
                ParseCustomerStatus(input.customer_status.Value(), prefix + "customer_status"));
        }
    }
    if (input.employees.IsPresent()) {
        company.employees = input.employees.IsClear()
                                ? std::nullopt
                                : std::optional<std::int64_t>(input.employees.Value());
    }
    LB_TRY(ApplyMoney(company.annual_revenue, input.annual_revenue, prefix + "annual_revenue"));
    return ValidateCompany(company, prefix);
}

}  // namespace lb::domain
