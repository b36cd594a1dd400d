#include "demo/demo_generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <random>
#include <string>

#include "demo/detail/touchpoints.hpp"
#include "demo/detail/vocabulary.hpp"

namespace lb::demo {
namespace {

using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): day literals
using detail::PickIndex;
using detail::RandomTime;

constexpr std::int64_t kMaxCompanies = 50'000;
constexpr double kLeadTouchpointShare = 0.85;  // the rest are anonymous visitors

template <typename Profile>
const Profile& PickWeighted(Rng& rng, std::span<const Profile> profiles, double Profile::*share) {
    double pick = rng.Unit();
    for (const Profile& profile : profiles) {
        pick -= profile.*share;
        if (pick < 0) return profile;
    }
    return profiles.back();
}

// One step of the funnel: the stage it reaches, its base chance (raised by conversion^exponent),
// how long it takes, and where a lead that fails it ends up.
struct FunnelStep {
    std::string_view to;
    double chance;
    double exponent;
    int min_days;
    int max_days;
    std::array<std::string_view, 2> failed;  // picked 50/50; "" keeps the current stage
};

constexpr std::array<FunnelStep, 5> kFunnel = {{
    {"mql", 0.32, 0.5, 2, 30, {"", "nurture"}},
    {"sal", 0.80, 0.1, 1, 5, {"recycled", "recycled"}},
    {"sql", 0.55, 0.3, 3, 21, {"disqualified", "recycled"}},
    {"opportunity", 0.65, 0.2, 5, 30, {"nurture", "lost"}},
    {"won", 0.35, 0.35, 14, 90, {"lost", "lost"}},
}};

// How many touchpoints a lead in this stage makes, relative to others.
double StageEngagement(std::string_view stage) {
    static constexpr std::array<std::pair<std::string_view, double>, 8> kWeights = {{
        {"won", 3.0},
        {"opportunity", 2.4},
        {"sql", 2.0},
        {"lost", 1.6},
        {"sal", 1.6},
        {"mql", 1.4},
        {"recycled", 0.9},
        {"nurture", 0.8},
    }};
    for (const auto& [name, weight] : kWeights) {
        if (name == stage) return weight;
    }
    return 0.6;
}

domain::Money DealValue(Rng& rng, const detail::AreaProfile& area, const domain::Company& company) {
    std::lognormal_distribution<double> spread(0.0, 0.45);
    const double size_factor =
        0.7 + 0.15 * std::log10(static_cast<double>(company.employees.value_or(10)) + 1.0);
    const double major =
        static_cast<double>(area.average_deal_dkk) * spread(rng.Engine()) * size_factor;
    return domain::Money{static_cast<std::int64_t>(std::llround(major / 100.0)) * 10'000};
}

std::string MonthText(Timestamp at) {
    const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(at)};
    const int year = static_cast<int>(day.year());
    const unsigned month = static_cast<unsigned>(day.month());
    return std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

}  // namespace

DemoGenerator::DemoGenerator(const DemoOptions& options, Timestamp now)
    : options_(options),
      now_(now),
      start_(now - std::chrono::days(30LL * std::max(options.months, 1))),
      rng_(options.seed) {
    options_.leads = std::max<std::int64_t>(options_.leads, 0);
    options_.events = std::max<std::int64_t>(options_.events, 0);
    lead_touchpoint_budget_ = options_.leads == 0
                                  ? 0
                                  : static_cast<std::int64_t>(static_cast<double>(options_.events) *
                                                              kLeadTouchpointShare);
    MakeCompanies();
}

void DemoGenerator::MakeCompanies() {
    std::int64_t count = options_.companies > 0 ? options_.companies : options_.leads / 5;
    count = std::clamp<std::int64_t>(count, 1, kMaxCompanies);
    std::unordered_set<std::string> domains;
    std::lognormal_distribution<double> staff(std::log(40.0), 1.3);
    companies_.reserve(static_cast<std::size_t>(count));
    for (std::int64_t company_idx = 0; company_idx < count; ++company_idx) {
        const auto& country =
            PickWeighted(rng_, detail::Countries(), &detail::CountryProfile::share);
        const std::string_view word =
            detail::CompanyWords()[PickIndex(rng_, detail::CompanyWords().size())];
        const std::string_view noun =
            detail::CompanyNouns()[PickIndex(rng_, detail::CompanyNouns().size())];
        domain::Company company;
        company.name =
            std::string(word) + " " + std::string(noun) + " " + std::string(country.company_suffix);
        std::string base = detail::AsciiFold(std::string(word) + std::string(noun));
        std::string domain_name = base + "." + std::string(country.tld);
        for (int suffix = 2; domains.contains(domain_name); ++suffix) {
            domain_name = base + std::to_string(suffix) + "." + std::string(country.tld);
        }
        domains.insert(domain_name);
        company.domain = domain_name;
        company.industry =
            std::string(detail::Industries()[PickIndex(rng_, detail::Industries().size())].name);
        const auto employees =
            std::clamp<std::int64_t>(std::llround(staff(rng_.Engine())), 1, 20'000);
        company.employees = employees;
        const double revenue_dkk = static_cast<double>(employees) * (0.8 + 1.2 * rng_.Unit()) * 1e6;
        company.annual_revenue =
            domain::Money{static_cast<std::int64_t>(revenue_dkk / 1000.0) * 100'000};
        company.country = std::string(country.code);
        const double status = rng_.Unit();
        company.customer_status = status < 0.08   ? domain::CustomerStatus::kCustomer
                                  : status < 0.11 ? domain::CustomerStatus::kFormerCustomer
                                                  : domain::CustomerStatus::kProspect;
        company.created_at = start_ - std::chrono::days(rng_.Uniform(1, 900));
        company.updated_at = company.created_at;
        companies_.push_back(std::move(company));
    }
}

std::string DemoGenerator::MakeEmail(std::string_view first,
                                     std::string_view last,
                                     const domain::Company& company) {
    const bool is_free_mail = rng_.Chance(0.12);
    const std::string domain_name =
        is_free_mail
            ? std::string(
                  detail::FreeMailDomains()[PickIndex(rng_, detail::FreeMailDomains().size())])
            : company.domain;
    const std::string local = detail::AsciiFold(first) + "." + detail::AsciiFold(last);
    std::string email = local + "@" + domain_name;
    for (int suffix = 2; !email_hashes_.insert(std::hash<std::string>{}(email)).second; ++suffix) {
        email = local + std::to_string(suffix) + "@" + domain_name;
    }
    return email;
}

DemoLead DemoGenerator::MakeLead() {
    DemoLead demo;
    domain::Lead& lead = demo.lead;
    const std::int64_t seq = ++leads_made_;
    // Larger companies bring more leads: low indexes are picked more often.
    demo.company_index = std::min(companies_.size() - 1,
                                  static_cast<std::size_t>(static_cast<double>(companies_.size()) *
                                                           std::pow(rng_.Unit(), 1.6)));
    const domain::Company& company = companies_[demo.company_index];
    demo.owner_index = PickIndex(rng_, static_cast<std::size_t>(std::max(options_.owner_count, 1)));
    const std::string_view first =
        detail::FirstNames()[PickIndex(rng_, detail::FirstNames().size())];
    const std::string_view last = detail::LastNames()[PickIndex(rng_, detail::LastNames().size())];
    lead.first_name = std::string(first);
    lead.last_name = std::string(last);
    lead.email = MakeEmail(first, last, company);
    const auto& title = detail::Titles()[PickIndex(rng_, detail::Titles().size())];
    lead.title = std::string(title.title);
    if (rng_.Chance(0.4)) lead.external_id = "crm-" + std::to_string(100'000 + seq);
    if (rng_.Chance(0.7)) {
        const auto& country =
            *std::ranges::find(detail::Countries(), company.country, &detail::CountryProfile::code);
        lead.phone = std::string(country.phone_prefix) + " " +
                     std::to_string(rng_.Uniform(20'000'000, 99'999'999));
    }
    const auto& channel =
        PickWeighted(rng_, detail::Channels(), &detail::ChannelProfile::lead_share);
    const auto& area = PickWeighted(rng_, detail::Areas(), &detail::AreaProfile::lead_share);
    lead.channel = std::string(channel.key);
    lead.business_area = std::string(area.key);
    if (channel.key == "email-campaign" || channel.key.starts_with("paid-")) {
        lead.campaign = std::string(area.name) + " " + std::string(channel.key.substr(0, 4)) +
                        " Q" + std::to_string(rng_.Uniform(1, 4));
    }
    // Bigger companies are more often potential A; the sales rep's probability is independent.
    const double size_rank = std::log10(static_cast<double>(company.employees.value_or(10)));
    const double potential_draw = rng_.Unit() + 0.12 * (size_rank - 1.6);
    lead.potential = potential_draw > 0.8    ? domain::Potential::kA
                     : potential_draw > 0.45 ? domain::Potential::kB
                                             : domain::Potential::kC;
    const double probability_draw = rng_.Unit();
    lead.probability = probability_draw < 0.25 ? 1 : probability_draw < 0.65 ? 2 : 3;
    static constexpr std::array<double, 3> kPotentialFactor = {1.7, 1.0, 0.55};
    static constexpr std::array<double, 3> kProbabilityFactor = {1.8, 1.0, 0.45};
    static constexpr std::array<double, 5> kSeniorityFactor = {1.0, 0.75, 1.0, 1.2, 1.35};
    const auto& industry =
        *std::ranges::find(detail::Industries(), company.industry, &detail::IndustryProfile::name);
    const double conversion = channel.conversion * area.conversion * industry.conversion *
                              kPotentialFactor[static_cast<std::size_t>(*lead.potential)] *
                              kProbabilityFactor[static_cast<std::size_t>(*lead.probability - 1)] *
                              kSeniorityFactor[static_cast<std::size_t>(title.seniority)];
    // Lead volume grows over the period: later days are likelier.
    const double position = std::sqrt(rng_.Unit());
    lead.created_at = start_ + std::chrono::milliseconds(static_cast<std::int64_t>(
                                   position * static_cast<double>((now_ - start_).count())));
    lead.do_not_email = rng_.Chance(0.03);
    lead.do_not_call = rng_.Chance(0.02);
    WalkFunnel(demo, conversion, area.cycle_factor);
    const bool is_open_deal = lead.stage == "won" || lead.stage == "lost" ||
                              lead.stage == "opportunity" || lead.stage == "sql";
    if (is_open_deal) lead.deal_value = DealValue(rng_, area, company);
    const double heat = conversion * StageEngagement(lead.stage) * (0.6 + 0.8 * rng_.Unit());
    lead.rating = heat > 3.0   ? domain::Rating::kHot
                  : heat > 1.0 ? domain::Rating::kWarm
                               : domain::Rating::kCold;
    if (rng_.Chance(0.75)) {
        const bool is_soon = lead.rating == domain::Rating::kHot || lead.stage == "sql" ||
                             lead.stage == "opportunity";
        lead.horizon = is_soon ? domain::Horizon::kNow : domain::Horizon::kLater;
        if (is_soon)
            lead.expected_month = MonthText(now_ + std::chrono::days(30 * rng_.Uniform(1, 3)));
    }

    detail::JourneyProfile journey{channel.key,
                                   lead.campaign,
                                   area.key,
                                   StageEngagement(lead.stage) * std::sqrt(conversion),
                                   channel.kind == domain::ChannelKind::kOffline};
    const Timestamp from =
        std::max(start_ - std::chrono::days(30), lead.created_at - std::chrono::days(30));
    const Timestamp to = std::min(now_, lead.updated_at + std::chrono::days(14));
    detail::AddJourney(rng_,
                       journey,
                       TouchpointCount(demo),
                       from,
                       to,
                       "a-" + std::to_string(seq),
                       demo.touchpoints);
    lead_touchpoints_made_ += static_cast<std::int64_t>(demo.touchpoints.size());
    touchpoints_made_ += static_cast<std::int64_t>(demo.touchpoints.size());
    return demo;
}

void DemoGenerator::WalkFunnel(DemoLead& demo, double conversion, double cycle_factor) {
    domain::Lead& lead = demo.lead;
    const auto record = [&](std::string_view kind, std::string_view to, Timestamp at) {
        domain::LeadHistoryEntry entry;
        entry.kind = std::string(kind);
        entry.from_value = kind == "created" ? "" : lead.stage;
        entry.to_value = std::string(to);
        entry.actor = "demo";
        entry.at = at;
        demo.history.push_back(std::move(entry));
        lead.stage = std::string(to);
        lead.updated_at = at;
    };
    const bool is_prospect = rng_.Chance(0.06);
    record("created", is_prospect ? "prospect" : "lead", lead.created_at);
    if (is_prospect) return;
    Timestamp at = lead.created_at;
    for (std::size_t step_idx = 0; step_idx < kFunnel.size(); ++step_idx) {
        const FunnelStep& step = kFunnel[step_idx];
        const double days = static_cast<double>(rng_.Uniform(step.min_days, step.max_days)) *
                            (step_idx >= 2 ? cycle_factor : 1.0);
        const Timestamp next = at + std::chrono::milliseconds(std::llround(days * 86'400'000.0));
        if (next > now_) return;  // still in progress
        at = next;
        const double chance =
            std::clamp(step.chance * std::pow(conversion, step.exponent), 0.01, 0.95);
        if (rng_.Chance(chance)) {
            record("stage", step.to, at);
            continue;
        }
        const std::string_view failed = step.failed[rng_.Chance(0.5) ? 1 : 0];
        if (!failed.empty()) record("stage", failed, at);
        return;
    }
}

// Spreads the lead touchpoint budget over the leads still to come, engaged leads getting more;
// the running average keeps the total on budget whatever the stage mix.
std::int64_t DemoGenerator::TouchpointCount(const DemoLead& demo) {
    const std::int64_t remaining_budget = lead_touchpoint_budget_ - lead_touchpoints_made_;
    if (remaining_budget <= 0) return 0;
    const std::int64_t remaining_leads = options_.leads - leads_made_ + 1;
    const double weight = StageEngagement(demo.lead.stage);
    engagement_sum_ += weight;
    const double average_weight = engagement_sum_ / static_cast<double>(leads_made_);
    const double mean =
        static_cast<double>(remaining_budget) / static_cast<double>(remaining_leads);
    const auto count = std::llround(mean * weight / average_weight * (0.4 + 1.2 * rng_.Unit()));
    return std::clamp<std::int64_t>(count, 1, remaining_budget);
}

std::vector<DemoLead> DemoGenerator::NextLeads(std::int64_t max) {
    std::vector<DemoLead> leads;
    while (static_cast<std::int64_t>(leads.size()) < max && leads_made_ < options_.leads) {
        leads.push_back(MakeLead());
    }
    return leads;
}

std::vector<domain::Touchpoint> DemoGenerator::NextAnonymousTouchpoints(std::int64_t max) {
    const std::int64_t count = std::min(max, options_.events - touchpoints_made_);
    std::vector<domain::Touchpoint> touchpoints;
    for (std::int64_t touch_idx = 0; touch_idx < count; ++touch_idx) {
        // About four page views per anonymous visitor.
        touchpoints.push_back(detail::MakeAnonymousVisit(rng_, anonymous_made_ / 4, start_, now_));
        ++anonymous_made_;
    }
    touchpoints_made_ += static_cast<std::int64_t>(touchpoints.size());
    return touchpoints;
}

}  // namespace lb::demo
