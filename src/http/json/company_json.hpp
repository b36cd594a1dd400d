// JSON mapping of companies: the strict company input (request bodies and a lead's "company")
// and the company output.
#pragma once

#include <string_view>

#include "domain/entities.hpp"
#include "domain/lead_input.hpp"
#include "http/json/json_io.hpp"

namespace lb::http::json {

// Reads name, domain, industry, employees, annual_revenue, country, customer_status from
// `value`; fields are named "<prefix>.<name>". kInvalidArgument for wrong types and unknown fields.
[[nodiscard]] Result<domain::CompanyInput> ReadCompanyInput(const Json& value, std::string prefix);
// ReadCompanyInput of a request body.
[[nodiscard]] Result<domain::CompanyInput> ParseCompanyInput(std::string_view body);

// {id, name, domain, industry, employees, annual_revenue, country, customer_status}, plus
// created_at and updated_at when `with_timestamps` (the company resource; a lead's embedded
// company has none).
[[nodiscard]] Json CompanyToJson(const domain::Company& company, bool with_timestamps);

}  // namespace lb::http::json
