#include "http/json/company_json.hpp"

namespace lb::http::json {

Result<domain::CompanyInput> ReadCompanyInput(const Json& value, std::string prefix) {
    LB_ASSIGN_OR_RETURN(ObjectReader reader, ObjectReader::Open(value, std::move(prefix)));
    domain::CompanyInput input;
    LB_TRY(reader.Read("name", input.name));
    LB_TRY(reader.Read("domain", input.domain));
    LB_TRY(reader.Read("industry", input.industry));
    LB_TRY(reader.Read("employees", input.employees));
    LB_TRY(reader.Read("annual_revenue", input.annual_revenue));
    LB_TRY(reader.Read("country", input.country));
    LB_TRY(reader.Read("customer_status", input.customer_status));
    LB_TRY(reader.RejectUnknown());
    return input;
}

Result<domain::CompanyInput> ParseCompanyInput(std::string_view body) {
    LB_ASSIGN_OR_RETURN(Json value, ParseBody(body));
    return ReadCompanyInput(value, "");
}

Json CompanyToJson(const domain::Company& company, bool with_timestamps) {
    Json out = {
        {"id", company.id.value},
        {"name", TextOrNull(company.name)},
        {"domain", TextOrNull(company.domain)},
        {"industry", TextOrNull(company.industry)},
        {"employees", company.employees ? Json(*company.employees) : Json(nullptr)},
        {"annual_revenue", MoneyOrNull(company.annual_revenue)},
        {"country", TextOrNull(company.country)},
        {"customer_status", domain::ToString(company.customer_status)},
    };
    if (with_timestamps) {
        out["created_at"] = TimeText(company.created_at);
        out["updated_at"] = TimeText(company.updated_at);
    }
    return out;
}

}  // namespace lb::http::json
