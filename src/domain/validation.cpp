#include "domain/validation.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/text.hpp"

namespace lb::domain {

namespace {

constexpr std::size_t kMaxEmailLength = 254;
constexpr std::size_t kMaxTextLength = 500;
constexpr std::size_t kMaxCustomFieldValue = 4000;
constexpr std::size_t kMaxCustomFields = 200;

constexpr std::array<std::string_view, 24> kFreeMailDomains = {
    "gmail.com",  "googlemail.com", "hotmail.com",    "hotmail.dk", "outlook.com", "outlook.dk",
    "live.com",   "live.dk",        "msn.com",        "yahoo.com",  "yahoo.dk",    "ymail.com",
    "icloud.com", "me.com",         "mac.com",        "aol.com",    "gmx.com",     "gmx.net",
    "mail.com",   "proton.me",      "protonmail.com", "jubii.dk",   "mail.dk",     "yandex.com"};

Status CheckLength(std::string_view value, std::string_view field, std::size_t max) {
    if (value.size() > max)
        return Fail(InvalidArgument("is longer than " + std::to_string(max) + " characters",
                                    std::string(field)));
    if (!IsValidUtf8(value)) return Fail(InvalidArgument("is not valid UTF-8", std::string(field)));
    return Ok();
}

bool IsHostChar(char c) {
    const auto uc = static_cast<unsigned char>(c);
    return std::isalnum(uc) != 0 || c == '-' || c == '.' || uc >= 0x80U;
}

}  // namespace

Result<std::string> NormaliseEmail(std::string_view email, std::string_view field) {
    const std::string lowered = ToLower(Trim(email));
    const auto bad = [&](std::string why) {
        return Fail(InvalidArgument("'" + std::string(email) + "' is not an e-mail address: " + why,
                                    std::string(field)));
    };
    if (lowered.size() > kMaxEmailLength) return bad("longer than 254 characters");
    const auto at = lowered.find('@');
    if (at == std::string::npos || at == 0 || lowered.find('@', at + 1) != std::string::npos)
        return bad("it needs exactly one '@' with a name before it");
    const std::string_view host = std::string_view(lowered).substr(at + 1);
    if (host.find('.') == std::string_view::npos || host.front() == '.' || host.back() == '.' ||
        !std::ranges::all_of(host, IsHostChar))
        return bad("the part after '@' is not a domain");
    if (std::ranges::any_of(lowered, [](char c) { return c == ' ' || c == ',' || c == ';'; }))
        return bad("it contains a space, ',' or ';'");
    if (!IsValidUtf8(lowered)) return bad("it is not valid UTF-8");
    return lowered;
}

Result<std::string> NormaliseDomain(std::string_view domain, std::string_view field) {
    std::string_view rest = Trim(domain);
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos)
        rest.remove_prefix(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#:"));
    std::string host = ToLower(rest);
    if (host.starts_with("www.")) host.erase(0, 4);
    if (host.empty() || host.find('.') == std::string::npos || host.front() == '.' ||
        host.back() == '.' || !std::ranges::all_of(host, IsHostChar) || host.size() > 253)
        return Fail(InvalidArgument("'" + std::string(domain) + "' is not a domain (e.g. acme.dk)",
                                    std::string(field)));
    return host;
}

std::string_view EmailDomain(std::string_view normalised_email) {
    const auto at = normalised_email.find('@');
    return at == std::string_view::npos ? std::string_view{} : normalised_email.substr(at + 1);
}

bool IsFreeMailDomain(std::string_view domain) {
    return std::ranges::find(kFreeMailDomains, domain) != kFreeMailDomains.end();
}

Status ValidateKey(std::string_view key, std::string_view field) {
    const bool is_valid = !key.empty() && key.size() <= 64 && std::ranges::all_of(key, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (is_valid) return Ok();
    return Fail(InvalidArgument(
        "'" + std::string(key) + "' is not a key: use 1-64 characters a-z, 0-9 and '-'",
        std::string(field)));
}

Status ValidateLead(const Lead& lead) {
    const std::array<std::pair<std::string_view, const std::string*>, 9> texts = {{
        {"external_id", &lead.external_id},
        {"first_name", &lead.first_name},
        {"last_name", &lead.last_name},
        {"title", &lead.title},
        {"phone", &lead.phone},
        {"channel", &lead.channel},
        {"campaign", &lead.campaign},
        {"business_area", &lead.business_area},
        {"email", &lead.email},
    }};
    for (const auto& [field, value] : texts) LB_TRY(CheckLength(*value, field, kMaxTextLength));
    if (lead.email.empty() && lead.external_id.empty() && lead.first_name.empty() &&
        lead.last_name.empty())
        return Fail(InvalidArgument(
            "a lead needs an email, an external_id or a name to be recognised by", "email"));
    if (lead.probability && (*lead.probability < 1 || *lead.probability > 3))
        return Fail(InvalidArgument("must be 1, 2 or 3", "probability"));
    if (!lead.expected_month.empty()) {
        const auto& m = lead.expected_month;
        const bool is_month = m.size() == 7 && m[4] == '-' &&
                              std::all_of(m.begin(), m.begin() + 4, ::isdigit) &&
                              std::isdigit(static_cast<unsigned char>(m[5])) != 0 &&
                              std::isdigit(static_cast<unsigned char>(m[6])) != 0 &&
                              std::stoi(m.substr(5)) >= 1 && std::stoi(m.substr(5)) <= 12;
        if (!is_month)
            return Fail(InvalidArgument("must be a month like 2027-03", "expected_month"));
    }
    LB_TRY(ValidateStage(lead.stage));
    if (lead.custom_fields.size() > kMaxCustomFields)
        return Fail(InvalidArgument("more than 200 custom fields", "custom_fields"));
    for (const auto& [key, value] : lead.custom_fields) {
        const std::string field = "custom_fields." + key;
        if (Trim(key).empty()) return Fail(InvalidArgument("a custom field needs a name", field));
        LB_TRY(CheckLength(key, field, 200));
        LB_TRY(CheckLength(value, field, kMaxCustomFieldValue));
    }
    return Ok();
}

Status ValidateCompany(const Company& company, std::string_view prefix) {
    const auto field = [&](std::string_view name) {
        return std::string(prefix) + std::string(name);
    };
    if (Trim(company.name).empty())
        return Fail(InvalidArgument("a company needs a name", field("name")));
    LB_TRY(CheckLength(company.name, field("name"), kMaxTextLength));
    LB_TRY(CheckLength(company.industry, field("industry"), kMaxTextLength));
    if (company.employees && *company.employees < 0)
        return Fail(InvalidArgument("must be 0 or more", field("employees")));
    if (!company.country.empty() &&
        (company.country.size() != 2 ||
         !std::ranges::all_of(company.country, [](char c) { return c >= 'A' && c <= 'Z'; })))
        return Fail(
            InvalidArgument("'" + company.country +
                                "' is not an ISO 3166 country code (two capital letters, e.g. DK)",
                            field("country")));
    return Ok();
}

Status ValidateWorkspace(const Workspace& workspace) {
    if (Trim(workspace.name).empty())
        return Fail(InvalidArgument("a workspace needs a name", "name"));
    LB_TRY(CheckLength(workspace.name, "name", 200));
    if (workspace.currency.size() != 3 ||
        !std::ranges::all_of(workspace.currency, [](char c) { return c >= 'A' && c <= 'Z'; }))
        return Fail(InvalidArgument("must be an ISO 4217 code such as DKK or EUR", "currency"));
    if (workspace.mql_threshold < 0 || workspace.mql_threshold > 100)
        return Fail(InvalidArgument("must be between 0 and 100", "mql_threshold"));
    if (workspace.sql_deadline_days < 1 || workspace.sql_deadline_days > 365)
        return Fail(InvalidArgument("must be between 1 and 365", "sql_deadline_days"));
    LB_TRY(CheckLength(workspace.timezone, "timezone", 64));
    return Ok();
}

std::string_view CanonicalTouchpointType(std::string_view type) {
    if (type == "email_opened") return "email_open";
    if (type == "email_clicked") return "email_click";
    return type;
}

}  // namespace lb::domain
