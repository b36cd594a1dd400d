#include "tracking/form_submission.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "domain/validation.hpp"
#include "tracking/detail/url_parts.hpp"
#include "tracking/noise_filter.hpp"

namespace lb::tracking {

namespace {

using domain::Update;

// Strict form decoding: '+' is a space and every '%' must start two hex digits.
Result<std::string> DecodeFormText(std::string_view text, const std::string& field) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '+') {
            out.push_back(' ');
        } else if (c != '%') {
            out.push_back(c);
        } else {
            const int high = pos + 2 < text.size() ? detail::HexDigitValue(text[pos + 1]) : -1;
            const int low = pos + 2 < text.size() ? detail::HexDigitValue(text[pos + 2]) : -1;
            if (high < 0 || low < 0)
                return Fail(InvalidArgument("bad percent escape at byte " + std::to_string(pos + 1),
                                            field));
            out.push_back(static_cast<char>(high * 16 + low));
            pos += 2;
        }
    }
    return out;
}

Status CheckField(const std::string& name, const std::string& value) {
    const std::string shown = name.empty() ? std::string("(empty name)") : name;
    if (name.empty()) return Fail(InvalidArgument("a field has no name", shown));
    if (name.size() > kMaxFormFieldNameBytes || !IsValidUtf8(name))
        return Fail(InvalidArgument(
            "field names are at most " + std::to_string(kMaxFormFieldNameBytes) + " bytes of UTF-8",
            name.substr(0, kMaxFormFieldNameBytes)));
    if (value.size() > kMaxFormValueBytes)
        return Fail(
            InvalidArgument("is over " + std::to_string(kMaxFormValueBytes) + " bytes", name));
    if (!IsValidUtf8(value)) return Fail(InvalidArgument("is not valid UTF-8", name));
    return Ok();
}

Result<FormFields> ParseUrlencoded(std::string_view body) {
    FormFields fields;
    for (const std::string_view pair : Split(body, '&')) {
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        LB_ASSIGN_OR_RETURN(std::string name, DecodeFormText(pair.substr(0, eq), "body"));
        LB_ASSIGN_OR_RETURN(
            std::string value,
            DecodeFormText(eq == std::string_view::npos ? "" : pair.substr(eq + 1), name));
        LB_TRY(CheckField(name, value));
        fields.insert_or_assign(std::move(name), std::move(value));
    }
    return fields;
}

Result<FormFields> ParseJsonFields(std::string_view body) {
    const auto object = nlohmann::json::parse(body, nullptr, false);
    if (object.is_discarded()) return Fail(InvalidArgument("malformed JSON body", "body"));
    if (!object.is_object())
        return Fail(InvalidArgument("the JSON body must be an object of fields", "body"));
    FormFields fields;
    for (const auto& [name, value] : object.items()) {
        std::string text;
        if (value.is_null()) continue;
        if (value.is_string()) {
            text = value.get<std::string>();
        } else if (value.is_boolean()) {
            text = value.get<bool>() ? "true" : "false";
        } else if (value.is_number()) {
            text = value.dump();
        } else {
            return Fail(InvalidArgument("must be text, a number or a boolean", name));
        }
        LB_TRY(CheckField(name, text));
        fields.insert_or_assign(name, std::move(text));
    }
    return fields;
}

std::string MediaType(std::string_view content_type) {
    return ToLower(Trim(content_type.substr(0, content_type.find(';'))));
}

// The reserved fields this file reads (besides the noise filter's).
constexpr std::array<std::string_view, 5> kReservedFields = {kFormAnonymousIdField,
                                                             kFormRedirectField,
                                                             kFormPageField,
                                                             kFormReferrerField,
                                                             kFormMessageIdField};

bool IsUtmField(std::string_view name) {
    return name == "utm_source" || name == "utm_medium" || name == "utm_campaign" ||
           name == "utm_term" || name == "utm_content";
}

// Fields that become lead fields (or touchpoint properties), not custom fields.
bool IsLeadField(std::string_view name) {
    constexpr std::array<std::string_view, 10> kLeadFields = {"email",
                                                              "first_name",
                                                              "last_name",
                                                              "name",
                                                              "phone",
                                                              "company",
                                                              "title",
                                                              "message",
                                                              "consent",
                                                              kFormNameField};
    for (const std::string_view field : kLeadFields)
        if (field == name) return true;
    return IsUtmField(name);
}

std::string Value(const FormFields& fields, std::string_view name) {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string() : std::string(Trim(it->second));
}

Status CheckReserved(const FormFields& fields) {
    for (const auto& [name, value] : fields) {
        if (!name.starts_with("_lb_")) continue;
        bool is_known =
            name == kHoneypotField || name == kRenderedAtField || name == kSubmittedAtField;
        for (const std::string_view reserved : kReservedFields) is_known |= name == reserved;
        if (!is_known)
            return Fail(InvalidArgument(
                "unknown reserved field (known: _lb_anonymous_id, _lb_redirect, _lb_page, "
                "_lb_referrer, _lb_message_id, _lb_hp, _lb_started_at, _lb_submitted_at)",
                name));
    }
    return Ok();
}

// The spam reason of a post at `received_at`. Without the form's own submit time the server's
// receive time stands in; a start time after it then only means a fast client clock, so the
// timing check is skipped rather than calling a person a bot.
std::string_view SpamReason(const FormFields& fields, Timestamp received_at) {
    std::optional<Timestamp> rendered_at = ParseFormTimestamp(Value(fields, kRenderedAtField));
    std::optional<Timestamp> submitted_at = ParseFormTimestamp(Value(fields, kSubmittedAtField));
    if (!submitted_at && rendered_at) {
        if (*rendered_at <= received_at)
            submitted_at = received_at;
        else
            rendered_at.reset();
    }
    const auto honeypot = fields.find(kHoneypotField);
    return DetectFormSpam(
        {.honeypot_value = honeypot == fields.end() ? std::string_view() : honeypot->second,
         .rendered_at = rendered_at,
         .submitted_at = submitted_at});
}

Result<std::string> ReadRedirect(const FormFields& fields) {
    std::string redirect = Value(fields, kFormRedirectField);
    if (redirect.empty()) return redirect;
    const std::string lower = ToLower(redirect);
    const bool is_http = lower.starts_with("http://") || lower.starts_with("https://");
    const std::size_t host_start = lower.find("://") + 3;
    if (!is_http || host_start >= lower.size() || lower[host_start] == '/' ||
        redirect.find_first_of(" \r\n\t<>\"") != std::string::npos)
        return Fail(InvalidArgument("must be an absolute http:// or https:// URL",
                                    std::string(kFormRedirectField)));
    return redirect;
}

void SetIfGiven(Update<std::string>& field, std::string value) {
    if (!value.empty()) field = Update<std::string>::Set(std::move(value));
}

// The lead fields of a real submission (the e-mail already normalised).
Result<domain::LeadInput> LeadInputOf(const FormFields& fields, const std::string& email) {
    domain::LeadInput input;
    input.email = Update<std::string>::Set(email);
    SetIfGiven(input.first_name, Value(fields, "first_name"));
    SetIfGiven(input.last_name, Value(fields, "last_name"));
    const std::string full_name = Value(fields, "name");
    if (!full_name.empty() && !input.first_name.IsPresent() && !input.last_name.IsPresent()) {
        const std::size_t space = full_name.find(' ');
        SetIfGiven(input.first_name, full_name.substr(0, space));
        if (space != std::string::npos)
            SetIfGiven(input.last_name, std::string(Trim(full_name.substr(space + 1))));
    }
    SetIfGiven(input.phone, Value(fields, "phone"));
    SetIfGiven(input.title, Value(fields, "title"));
    if (std::string company = Value(fields, "company"); !company.empty()) {
        input.company.emplace();
        input.company->name = Update<std::string>::Set(std::move(company));
    }
    if (std::string consent = Value(fields, "consent"); !consent.empty())
        input.custom_fields["consent"] = std::move(consent);
    std::size_t custom_count = 0;
    for (const auto& [name, value] : fields) {
        if (name.starts_with("_lb_") || IsLeadField(name) || Trim(value).empty()) continue;
        if (++custom_count > kMaxFormCustomFields)
            return Fail(InvalidArgument(
                "more than " + std::to_string(kMaxFormCustomFields) + " custom fields", name));
        input.custom_fields[name] = std::string(Trim(value));
    }
    domain::Lead scratch;  // validates every field as the lead writer will
    LB_TRY(domain::ApplyLeadInput(scratch, input));
    if (input.company) {
        domain::Company company;
        LB_TRY(domain::ApplyCompanyInput(company, *input.company));
    }
    return input;
}

std::string PropertiesOf(const FormFields& fields, bool is_spam) {
    nlohmann::json properties = nlohmann::json::object();
    for (const auto& [name, value] : fields) {
        if (name == "message" || name == "consent" || (is_spam && !name.starts_with("_lb_")))
            properties[name] = value;
    }
    return properties.dump();
}

}  // namespace

Result<FormFields> ParseFormBody(std::string_view content_type, std::string_view body) {
    std::string media_type = MediaType(content_type);
    if (media_type.empty()) {
        const std::string_view start = Trim(body);
        media_type =
            start.starts_with('{') ? "application/json" : "application/x-www-form-urlencoded";
    }
    if (media_type == "application/x-www-form-urlencoded") return ParseUrlencoded(body);
    if (media_type == "application/json") return ParseJsonFields(body);
    return Fail(InvalidArgument("unsupported content type '" + media_type +
                                    "': send application/x-www-form-urlencoded or "
                                    "application/json",
                                "content-type"));
}

Result<FormSubmission> ReadFormSubmission(const FormFields& fields, Timestamp received_at) {
    FormSubmission submission;
    LB_TRY(CheckReserved(fields));
    if (std::string name = Value(fields, kFormNameField); !name.empty())
        submission.form_name = std::move(name);
    submission.anonymous_id = Value(fields, kFormAnonymousIdField);
    submission.page_url = Value(fields, kFormPageField);
    submission.referrer = Value(fields, kFormReferrerField);
    submission.message_id = Value(fields, kFormMessageIdField);
    submission.utm_source = Value(fields, "utm_source");
    submission.utm_medium = Value(fields, "utm_medium");
    submission.utm_campaign = Value(fields, "utm_campaign");
    submission.utm_term = Value(fields, "utm_term");
    submission.utm_content = Value(fields, "utm_content");
    LB_ASSIGN_OR_RETURN(submission.redirect, ReadRedirect(fields));
    submission.filtered_reason = std::string(SpamReason(fields, received_at));
    const bool is_spam = !submission.filtered_reason.empty();
    submission.properties_json = PropertiesOf(fields, is_spam);
    if (is_spam) return submission;
    const std::string email = Value(fields, "email");
    if (email.empty()) return Fail(InvalidArgument("email is required", "email"));
    LB_ASSIGN_OR_RETURN(submission.email, domain::NormaliseEmail(email, "email"));
    LB_ASSIGN_OR_RETURN(submission.lead, LeadInputOf(fields, submission.email));
    return submission;
}

}  // namespace lb::tracking
