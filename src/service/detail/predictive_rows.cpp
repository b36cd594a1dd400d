#include "service/detail/predictive_rows.hpp"

#include <chrono>
#include <ratio>
#include <utility>

namespace lb::service::detail {

namespace {

constexpr int kTouchScanBatch = 20'000;

}  // namespace

namespace {

template <typename Touch>
void AddAnyTouch(PredictiveLead& entry, const Touch& touch) {
    if (!touch.filtered_reason.empty() || touch.occurred_at > entry.until) return;
    ++entry.touch_counts[touch.type];
    ++entry.touches;
    entry.active_days.insert(
        std::chrono::floor<std::chrono::days>(touch.occurred_at).time_since_epoch().count());
    if (!entry.first_touch_at || touch.occurred_at < *entry.first_touch_at) {
        entry.first_touch_at = touch.occurred_at;
    }
}

}  // namespace

void AddTouch(PredictiveLead& entry, const domain::Touchpoint& touch) {
    AddAnyTouch(entry, touch);
}

void AddTouch(PredictiveLead& entry, const storage::LeadTouchRow& touch) {
    AddAnyTouch(entry, touch);
}

Status AddTouchAggregates(storage::Transaction& tx,
                          WorkspaceId workspace,
                          std::vector<PredictiveLead>& leads) {
    std::unordered_map<std::int64_t, std::size_t> index_of;
    for (std::size_t idx = 0; idx < leads.size(); ++idx) {
        index_of.emplace(leads[idx].lead.id.value, idx);
    }
    TouchpointId after;
    while (true) {
        LB_ASSIGN_OR_RETURN(const auto touches,
                            tx.ListLeadTouchpointsAfter(workspace, after, kTouchScanBatch));
        if (touches.empty()) break;
        after = touches.back().id;
        for (const storage::LeadTouchRow& touch : touches) {
            const auto found = index_of.find(touch.lead_id.value);
            if (found != index_of.end()) AddTouch(leads[found->second], touch);
        }
    }
    return Ok();
}

Result<CompaniesById> LoadCompanies(storage::Transaction& tx,
                                    WorkspaceId workspace,
                                    const std::vector<PredictiveLead>& leads) {
    std::vector<CompanyId> ids;
    for (const PredictiveLead& entry : leads) {
        if (entry.lead.company_id.IsSet()) ids.push_back(entry.lead.company_id);
    }
    CompaniesById companies;
    if (ids.empty()) return companies;
    LB_ASSIGN_OR_RETURN(auto found, tx.GetCompanies(workspace, ids));
    for (domain::Company& company : found) {
        const std::int64_t id = company.id.value;
        companies.emplace(id, std::move(company));
    }
    return companies;
}

std::vector<std::string> FeatureColumnNames(const std::set<std::string>& custom_keys,
                                            const std::set<std::string>& touch_types) {
    std::vector<std::string> names = {"title",
                                      "channel",
                                      "campaign",
                                      "business_area",
                                      "first_touch_channel",
                                      "company.industry",
                                      "company.country",
                                      "company.employees",
                                      "company.annual_revenue"};
    for (const std::string& key : custom_keys) names.push_back("custom." + key);
    for (const std::string& type : touch_types) names.push_back("touches." + type);
    for (const char* name : {"touches.total", "active_days", "days_first_touch_to_outcome"}) {
        names.emplace_back(name);
    }
    return names;
}

std::vector<std::string> FeatureRowValues(const PredictiveLead& entry,
                                          const domain::Company* company,
                                          const std::set<std::string>& custom_keys,
                                          const std::set<std::string>& touch_types) {
    const domain::Lead& lead = entry.lead;
    std::vector<std::string> values = {
        lead.title, lead.channel, lead.campaign, lead.business_area, lead.touches.first_channel};
    values.push_back(company == nullptr ? "" : company->industry);
    values.push_back(company == nullptr ? "" : company->country);
    values.push_back(
        company == nullptr || !company->employees ? "" : std::to_string(*company->employees));
    values.push_back(company == nullptr || !company->annual_revenue
                         ? ""
                         : std::to_string(company->annual_revenue->minor / 100));
    for (const std::string& key : custom_keys) {
        const auto found = lead.custom_fields.find(key);
        values.push_back(found == lead.custom_fields.end() ? "" : found->second);
    }
    for (const std::string& type : touch_types) {
        const auto found = entry.touch_counts.find(type);
        values.push_back(std::to_string(found == entry.touch_counts.end() ? 0 : found->second));
    }
    values.push_back(std::to_string(entry.touches));
    values.push_back(std::to_string(entry.active_days.size()));
    if (entry.first_touch_at) {
        const std::chrono::duration<double, std::ratio<86'400>> span =
            entry.until - *entry.first_touch_at;
        values.push_back(std::to_string(span.count()));
    } else {
        values.emplace_back();
    }
    return values;
}

}  // namespace lb::service::detail
