// The model a new workspace gets (docs/scoring.md explains each rule). Fit follows ARCHITECTURE.md
// (industry, size, revenue, title, country, plus source channel and potential A); engagement
// rewards strategic pages, repeat visits, downloads, webinars, demo bookings, calls and meetings;
// noise (students, free mail, competitors, job seekers, support requests, bots, spam, silence)
// costs points. Half-lives of 3-6 months fit B2B cycles of one to six months.
#include <optional>
#include <utility>

#include "scoring/detail/model_builders.hpp"
#include "scoring/model_parser.hpp"

namespace lb::scoring {

namespace {

using detail::Behaviour;
using detail::Fit;
using detail::Touch;

Rule FitRule(std::string id, std::string name, double points, FitCondition when) {
    Rule rule = detail::MakeRule(std::move(id), Category::kFit, points, std::move(when));
    rule.name = std::move(name);
    return rule;
}

FitCondition Between(std::string field, std::optional<double> min, std::optional<double> max) {
    FitCondition condition = Fit(std::move(field), FitOp::kBetween);
    condition.min = min;
    condition.max = max;
    return condition;
}

Rule EngagementRule(std::string id,
                    std::string name,
                    double points,
                    std::optional<double> cap,
                    std::optional<double> half_life_days,
                    BehaviourCondition when) {
    Rule rule = detail::MakeRule(std::move(id), Category::kEngagement, points, std::move(when));
    rule.name = std::move(name);
    rule.cap = cap;
    rule.half_life_days = half_life_days;
    return rule;
}

void AddCompanyFit(std::vector<Rule>& rules) {
    rules.push_back(
        FitRule("size-10-49", "10-49 employees", 4, Between("company.employees", 10, 49)));
    rules.push_back(
        FitRule("size-50-249", "50-249 employees", 8, Between("company.employees", 50, 249)));
    rules.push_back(FitRule(
        "size-250-plus", "250+ employees", 12, Between("company.employees", 250, std::nullopt)));
    rules.push_back(FitRule("revenue-100m-plus",
                            "Annual revenue of 100 million or more",
                            4,
                            Between("company.annual_revenue", 100'000'000, std::nullopt)));
    rules.push_back(FitRule("target-industry",
                            "Industry that buys advertising most",
                            10,
                            Fit("company.industry",
                                FitOp::kIn,
                                {"Retail", "Food & Beverage", "IT", "Media", "Hospitality"})));
    rules.push_back(FitRule("home-market",
                            "Company in the home market (Denmark, Sweden, Norway)",
                            5,
                            Fit("company.country", FitOp::kIn, {"DK", "SE", "NO"})));
}

void AddPersonFit(std::vector<Rule>& rules) {
    rules.push_back(FitRule("senior-title",
                            "Decision maker (C-level, director, head of)",
                            15,
                            Fit("title",
                                FitOp::kKeywords,
                                {"ceo",
                                 "cmo",
                                 "cfo",
                                 "coo",
                                 "chief",
                                 "founder",
                                 "owner",
                                 "director",
                                 "head",
                                 "vp",
                                 "partner"})));
    rules.push_back(FitRule("marketing-role",
                            "Marketing specialist who prepares the decision",
                            6,
                            Fit("title",
                                FitOp::kKeywords,
                                {"marketing manager",
                                 "communications manager",
                                 "brand manager",
                                 "digital specialist"})));
    rules.push_back(
        FitRule("warm-channel",
                "Came through a referral, partner, relation or event",
                10,
                Fit("channel",
                    FitOp::kIn,
                    {"referral", "personal-relation", "partner", "event", "morning-meeting"})));
    rules.push_back(FitRule(
        "potential-a", "Potential A (large account)", 10, Fit("potential", FitOp::kEquals, {"A"})));
}

void AddFitNoise(std::vector<Rule>& rules) {
    rules.push_back(FitRule("student",
                            "Student, intern or trainee",
                            -15,
                            Fit("title", FitOp::kKeywords, {"student", "intern", "trainee"})));
    rules.push_back(FitRule("free-mail",
                            "Free-mail address (gmail.com, hotmail.com, ...)",
                            -5,
                            Fit("email", FitOp::kFreeMail)));
    rules.push_back(FitRule("competitor",
                            "Works for a competitor (edit the list)",
                            -50,
                            Fit("email", FitOp::kDomainIn, {"competitor.example"})));
}

void AddPageEngagement(std::vector<Rule>& rules) {
    const TouchMatch pricing = Touch({"page"}, {}, {"/pricing*"});
    rules.push_back(
        EngagementRule("pricing-page", "Visited the pricing page", 5, 40, 90, Behaviour(pricing)));
    rules.push_back(EngagementRule("pricing-repeat",
                                   "3+ pricing visits within 30 days",
                                   10,
                                   std::nullopt,
                                   90,
                                   Behaviour(pricing, Aggregation::kCount, 3, 30)));
    rules.push_back(EngagementRule("case-studies",
                                   "Read a customer case",
                                   4,
                                   32,
                                   90,
                                   Behaviour(Touch({"page"}, {}, {"/cases/*"}))));
    rules.push_back(EngagementRule("product-pages",
                                   "Looked at a product page",
                                   2,
                                   20,
                                   90,
                                   Behaviour(Touch({"page"}, {}, {"/products/*"}))));
    rules.push_back(EngagementRule("contact-page",
                                   "Visited the contact page",
                                   3,
                                   12,
                                   90,
                                   Behaviour(Touch({"page"}, {}, {"/contact*"}))));
    rules.push_back(
        EngagementRule("repeat-visits",
                       "Came back on 3+ days within 30 days",
                       10,
                       std::nullopt,
                       90,
                       Behaviour(Touch({"page"}, {}, {}), Aggregation::kDistinctDays, 3, 30)));
}

void AddActionEngagement(std::vector<Rule>& rules) {
    // Each action counts whether the site tracked it (an event name) or sales logged it on the
    // lead (a touchpoint type); one touchpoint that is both counts once.
    rules.push_back(EngagementRule("download",
                                   "Downloaded a guide or whitepaper",
                                   8,
                                   32,
                                   180,
                                   Behaviour({Touch({}, {"whitepaper_download"}, {}),
                                              Touch({"content_downloaded"}, {}, {})})));
    rules.push_back(EngagementRule(
        "webinar",
        "Attended a webinar or event",
        10,
        40,
        180,
        Behaviour({Touch({}, {"webinar_attended"}, {}), Touch({"event_attendance"}, {}, {})})));
    rules.push_back(EngagementRule("demo-booked",
                                   "Booked a demo or started a trial",
                                   30,
                                   std::nullopt,
                                   180,
                                   Behaviour({Touch({}, {"demo_booked", "trial_started"}, {}),
                                              Touch({"demo_booked", "trial_started"}, {}, {})},
                                             Aggregation::kRecency,
                                             1,
                                             365)));
    rules.push_back(EngagementRule(
        "form-submitted", "Submitted a form", 10, 30, 180, Behaviour(Touch({"form"}, {}, {}))));
    rules.push_back(EngagementRule("email-click",
                                   "Clicked a link in an e-mail",
                                   1,
                                   10,
                                   90,
                                   Behaviour(Touch({"email_click"}, {}, {}))));
    rules.push_back(EngagementRule(
        "call", "Had a call with us", 6, 36, 180, Behaviour(Touch({"call"}, {}, {}))));
    rules.push_back(EngagementRule(
        "meeting", "Had a meeting with us", 12, 48, 180, Behaviour(Touch({"meeting"}, {}, {}))));
}

void AddEngagementNoise(std::vector<Rule>& rules) {
    rules.push_back(EngagementRule("job-seeker",
                                   "Looked at job openings",
                                   -5,
                                   15,
                                   90,
                                   Behaviour(Touch({"page"}, {}, {"/jobs*", "/careers*"}))));
    rules.push_back(EngagementRule("support-request",
                                   "Asked for support (an existing customer)",
                                   -5,
                                   15,
                                   90,
                                   Behaviour(Touch({}, {"support_request"}, {}))));
    rules.push_back(
        EngagementRule("bot-or-spam",
                       "Traffic filtered as a bot or spam",
                       -30,
                       std::nullopt,
                       std::nullopt,
                       Behaviour(Touch({}, {}, {}, "any"), Aggregation::kRecency, 1, 365)));
    rules.push_back(EngagementRule("inactive-90-days",
                                   "No activity for 90 days",
                                   -15,
                                   std::nullopt,
                                   std::nullopt,
                                   Behaviour(TouchMatch{}, Aggregation::kInactivity, 1, 90)));
}

}  // namespace

Model DefaultModel() {
    Model model;
    model.key = "default";
    model.name = "Default B2B model";
    model.fit_weight = 0.5;
    // The fit points a very good lead collects; a lead past 60 is a perfect fit (100).
    model.fit_max = 60;
    // Engagement that marks a lead ready for sales: a demo, a few meetings and calls, several
    // pricing and case visits. Above 200 points engagement stays at 100.
    model.engagement_max = 200;
    AddCompanyFit(model.rules);
    AddPersonFit(model.rules);
    AddFitNoise(model.rules);
    AddPageEngagement(model.rules);
    AddActionEngagement(model.rules);
    AddEngagementNoise(model.rules);
    return model;
}

}  // namespace lb::scoring
