// /api/v1/companies: create, read, patch and list (q, limit, cursor).
#include "http/auth.hpp"
#include "http/handlers/reply.hpp"
#include "http/handlers/routes.hpp"
#include "http/json/company_json.hpp"
#include "http/url.hpp"

namespace lb::http::handlers {

namespace {

using service::Principal;
using service::Services;

json::Json CompanyResource(const domain::Company& company) {
    return json::CompanyToJson(company, true);
}

// The domain names company fields "company.<name>" (as a lead's nested company); in a company's
// own body the field is "<name>".
Result<domain::Company> AsCompanyBodyErrors(Result<domain::Company> result) {
    constexpr std::string_view kPrefix = "company.";
    if (!result && result.error().field.starts_with(kPrefix))
        result.error().field.erase(0, kPrefix.size());
    return result;
}

Response CreateCompany(Services& services, const Request& request, const Principal& principal) {
    auto input = json::ParseCompanyInput(request.body);
    if (!input) return ErrorResponse(input.error());
    return ReplyCreated(
        AsCompanyBodyErrors(services.CreateCompany(principal, *input)),
        CompanyResource,
        "/api/v1/companies",
        [](const domain::Company& company) { return std::to_string(company.id.value); });
}

Response GetCompany(Services& services, const Request& request, const Principal& principal) {
    auto id = PathId<CompanyId>(request);
    if (!id) return ErrorResponse(id.error());
    return Reply(services.GetCompany(principal, *id), CompanyResource);
}

Response PatchCompany(Services& services, const Request& request, const Principal& principal) {
    auto id = PathId<CompanyId>(request);
    if (!id) return ErrorResponse(id.error());
    auto patch = json::ParseCompanyInput(request.body);
    if (!patch) return ErrorResponse(patch.error());
    return Reply(AsCompanyBodyErrors(services.UpdateCompany(principal, *id, *patch)),
                 CompanyResource);
}

Response ListCompanies(Services& services, const Request& request, const Principal& principal) {
    auto params = ParseQuery(request.query_string, {"q", "limit", "cursor"});
    if (!params) return ErrorResponse(params.error());
    auto& query = *params;
    return Reply(services.ListCompanies(principal, query["q"], query["limit"], query["cursor"]),
                 [](const auto& page) { return PageItems(page, CompanyResource); });
}

}  // namespace

void AddCompanyRoutes(Router& router, Services& services) {
    router.Add("POST", "/api/v1/companies", RequireAuth(services, CreateCompany));
    router.Add("GET", "/api/v1/companies", RequireAuth(services, ListCompanies));
    router.Add("GET", "/api/v1/companies/{id}", RequireAuth(services, GetCompany));
    router.Add("PATCH", "/api/v1/companies/{id}", RequireAuth(services, PatchCompany));
}

}  // namespace lb::http::handlers
