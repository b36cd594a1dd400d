#include "demo/demo_population.hpp"

#include <algorithm>

namespace lb::demo {

scoring::LeadFacts DemoLeadFacts(const DemoLead& demo, const domain::Company& company, LeadId id) {
    const domain::Lead& lead = demo.lead;
    scoring::LeadFacts facts{id, lead.created_at, {}, {}};
    const auto text = [&facts](const char* field, std::string_view value) {
        if (!value.empty()) facts.text.emplace_back(field, std::string(value));
    };
    text("email", lead.email);
    if (const auto at = lead.email.find('@'); at != std::string::npos) {
        text("email_domain", std::string_view(lead.email).substr(at + 1));
    }
    text("first_name", lead.first_name);
    text("last_name", lead.last_name);
    text("title", lead.title);
    text("phone", lead.phone);
    text("channel", lead.channel);
    text("campaign", lead.campaign);
    text("business_area", lead.business_area);
    text("stage", lead.stage);
    if (lead.rating) text("rating", domain::ToString(*lead.rating));
    if (lead.horizon) text("horizon", domain::ToString(*lead.horizon));
    if (lead.potential) text("potential", domain::ToString(*lead.potential));
    if (lead.probability) facts.numbers.emplace_back("probability", *lead.probability);
    text("company.name", company.name);
    text("company.domain", company.domain);
    text("company.industry", company.industry);
    text("company.country", company.country);
    text("company.customer_status", domain::ToString(company.customer_status));
    if (company.employees) {
        facts.numbers.emplace_back("company.employees", static_cast<double>(*company.employees));
    }
    if (company.annual_revenue) {
        facts.numbers.emplace_back("company.annual_revenue",
                                   static_cast<double>(company.annual_revenue->minor) / 100.0);
    }
    return facts;
}

std::uint32_t AddDemoLead(scoring::PopulationBuilder& builder,
                          const DemoLead& demo,
                          const domain::Company& company,
                          LeadId id,
                          std::int64_t& next_touch_id) {
    const std::uint32_t row = builder.AddLead(DemoLeadFacts(demo, company, id));
    for (const domain::Touchpoint& touch : demo.touchpoints) {
        builder.AddTouch(row,
                         {TouchpointId(next_touch_id++),
                          touch.occurred_at,
                          touch.type,
                          touch.name,
                          touch.url,
                          touch.filtered_reason});
    }
    return row;
}

double RankAuc(std::span<const double> positives, std::span<const double> negatives) {
    if (positives.empty() || negatives.empty()) return 0.5;
    std::vector<double> sorted(negatives.begin(), negatives.end());
    std::ranges::sort(sorted);
    double wins = 0;
    for (const double score : positives) {
        const auto below = std::ranges::lower_bound(sorted, score) - sorted.begin();
        const auto not_above = std::ranges::upper_bound(sorted, score) - sorted.begin();
        wins += static_cast<double>(below) + 0.5 * static_cast<double>(not_above - below);
    }
    return wins / (static_cast<double>(positives.size()) * static_cast<double>(negatives.size()));
}

double WonLostAuc(const scoring::CompiledModel& model, const DemoOptions& options, Timestamp now) {
    DemoGenerator generator(options, now);
    scoring::PopulationBuilder builder;
    std::vector<std::string> stages;
    std::int64_t next_touch_id = 1;
    for (auto batch = generator.NextLeads(options.batch_leads); !batch.empty();
         batch = generator.NextLeads(options.batch_leads)) {
        for (const DemoLead& demo : batch) {
            const auto id = LeadId(static_cast<std::int64_t>(stages.size()) + 1);
            AddDemoLead(
                builder, demo, generator.Companies()[demo.company_index], id, next_touch_id);
            stages.push_back(demo.lead.stage);
        }
    }
    const scoring::Population population = std::move(builder).Finish();
    std::vector<scoring::CompactScore> scores(population.LeadCount());
    scoring::ScoreAll(model, population, now, scores, 1);
    std::vector<double> won, lost;
    for (std::size_t row = 0; row < stages.size(); ++row) {
        if (stages[row] == "won") won.push_back(scores[row].total);
        if (stages[row] == "lost") lost.push_back(scores[row].total);
    }
    return RankAuc(won, lost);
}

}  // namespace lb::demo
