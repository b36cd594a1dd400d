// Validation and normalisation of the domain's values: e-mails, domains, leads and companies.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/entities.hpp"

namespace lb::domain {

// "  Ann@Example.COM " -> "ann@example.com". kInvalidArgument (field `field`) when it is not of the
// form local@domain.tld or is longer than 254 characters.
[[nodiscard]] Result<std::string> NormaliseEmail(std::string_view email,
                                                 std::string_view field = "email");

// "https://www.Acme.dk/about" or "acme.dk" -> "acme.dk". kInvalidArgument when no host remains.
[[nodiscard]] Result<std::string> NormaliseDomain(std::string_view domain,
                                                  std::string_view field = "company.domain");

// The domain part of a normalised e-mail ("ann@acme.dk" -> "acme.dk").
[[nodiscard]] std::string_view EmailDomain(std::string_view normalised_email);

// True for public mailbox providers (gmail.com, hotmail.com, outlook.com, yahoo.com, ...), whose
// domain says nothing about a lead's company.
[[nodiscard]] bool IsFreeMailDomain(std::string_view domain);

// The type a touchpoint is stored and matched as: the API's activity names "email_opened" and
// "email_clicked" are "email_open" and "email_click", the names /collect takes from e-mail tools,
// so that scoring rules and reports count both the same. Every other type is itself.
[[nodiscard]] std::string_view CanonicalTouchpointType(std::string_view type);

// Checks a lead's fields: lengths, enums in range, probability 1-3, expected_month "YYYY-MM",
// stage known, at least one of email / external_id / a name. kInvalidArgument names the field.
// Requires: email already normalised.
[[nodiscard]] Status ValidateLead(const Lead& lead);

// Checks a company: a name, employees >= 0, country two capital letters. Names the field
// ("company.country") with `prefix` before it.
[[nodiscard]] Status ValidateCompany(const Company& company, std::string_view prefix = "");

// Checks a business area or channel key: 1-64 characters of a-z, 0-9 and '-'.
[[nodiscard]] Status ValidateKey(std::string_view key, std::string_view field);

// Checks a workspace's settings: currency, thresholds in range, name present.
[[nodiscard]] Status ValidateWorkspace(const Workspace& workspace);

}  // namespace lb::domain
