// Seeded won and lost leads for the predictive service tests (both stores): each lead with its
// company, a stage move to won/lost 30 days after creation, touchpoints before it, a "call"
// after it and a filtered "bot_visit".
#pragma once

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "scoring/predictive/cross_validation.hpp"
#include "service/predictive_training.hpp"
#include "service_fixture.hpp"

namespace lb::service::testing {

// What one seeded lead looks like.
struct SeedLead {
    bool is_won = false;
    std::string industry{};
    int meetings = 0;          // "meeting" touchpoints (demo bookings) before the outcome
    int pages = 0;             // "page" touchpoints before the outcome
    std::string segment{"a"};  // the custom field "segment"
};

class OutcomeSeedTest : public ServiceTest {
protected:
    // Creates the leads with their company, the stage move to won/lost 30 days after creation,
    // their touchpoints before it, a "call" after it and a filtered "bot_visit" before it.
    void Seed(const std::vector<SeedLead>& leads) {
        const Timestamp start = clock_.Now() - std::chrono::days(400);
        ASSERT_TRUE(
            Store()
                .Write([&](storage::Transaction& tx) -> Status {
                    for (std::size_t idx = 0; idx < leads.size(); ++idx) {
                        LB_TRY(SeedOne(tx,
                                       leads[idx],
                                       idx,
                                       start + std::chrono::hours(static_cast<std::int64_t>(idx))));
                    }
                    return Ok();
                })
                .has_value());
    }

    Status SeedOne(storage::Transaction& tx, const SeedLead& seed, std::size_t idx, Timestamp at) {
        domain::Company company;
        company.workspace_id = workspace_.id;
        company.name = "Company " + std::to_string(idx);
        company.industry = seed.industry;
        company.created_at = at;
        company.updated_at = at;
        LB_ASSIGN_OR_RETURN(company, tx.CreateCompany(company));
        domain::Lead lead;
        lead.workspace_id = workspace_.id;
        lead.email = "lead" + std::to_string(idx) + "@example.com";
        lead.title = "Manager";
        lead.company_id = company.id;
        lead.stage = seed.is_won ? "won" : "lost";
        lead.created_at = at;
        lead.updated_at = at + std::chrono::days(40);
        lead.custom_fields["segment"] = seed.segment;
        LB_ASSIGN_OR_RETURN(lead, tx.CreateLead(lead));
        const Timestamp outcome_at = at + std::chrono::days(30);
        domain::LeadHistoryEntry moved;
        moved.workspace_id = workspace_.id;
        moved.lead_id = lead.id;
        moved.kind = "stage";
        moved.from_value = "opportunity";
        moved.to_value = lead.stage;
        moved.actor = "test";
        moved.at = outcome_at;
        LB_TRY(tx.AppendLeadHistory(moved));
        std::vector<domain::Touchpoint> touches;
        const auto touch = [&](std::string type, Timestamp when, std::string filtered) {
            domain::Touchpoint touchpoint;
            touchpoint.workspace_id = workspace_.id;
            touchpoint.lead_id = lead.id;
            touchpoint.anonymous_id = "v" + std::to_string(idx);
            touchpoint.type = std::move(type);
            touchpoint.filtered_reason = std::move(filtered);
            touchpoint.occurred_at = when;
            touches.push_back(std::move(touchpoint));
        };
        for (int n = 0; n < seed.meetings; ++n) touch("meeting", at + std::chrono::days(1 + n), "");
        for (int n = 0; n < seed.pages; ++n) touch("page", at + std::chrono::days(2 + n), "");
        touch("call", outcome_at + std::chrono::days(1), "");
        touch("bot_visit", at + std::chrono::days(3), "bot");
        return tx.AppendTouchpoints(touches);
    }

    storage::Store& Store() { return *test_store_->store; }

    Result<scoring::predictive::CvReport> CrossValidated(const OutcomeTable& outcomes) {
        return CrossValidateOutcomes(outcomes, 5, 42, scoring::predictive::ModelOptions{});
    }
};

// Won leads: mostly in Media with demo bookings; lost leads: elsewhere with few.
inline std::vector<SeedLead> TraitLeads(int per_class) {
    std::mt19937_64 rng(7);
    std::vector<SeedLead> leads;
    const std::vector<std::string> others = {"Retail", "Finance", "Health", "Energy"};
    for (int idx = 0; idx < 2 * per_class; ++idx) {
        const bool is_won = idx % 2 == 0;
        const bool follows_trait = rng() % 10 != 0;
        SeedLead lead{.is_won = is_won, .pages = static_cast<int>(rng() % 4)};
        lead.industry = is_won == follows_trait ? "Media" : others[rng() % others.size()];
        lead.meetings = is_won == follows_trait ? 2 + static_cast<int>(rng() % 3) : 0;
        lead.segment = rng() % 2 == 0 ? "a" : "b";
        leads.push_back(lead);
    }
    return leads;
}

inline std::vector<SeedLead> NoiseLeads(int per_class) {
    std::mt19937_64 rng(11);
    std::vector<SeedLead> leads;
    const std::vector<std::string> industries = {"Media", "Retail", "Finance", "Health"};
    for (int idx = 0; idx < 2 * per_class; ++idx) {
        leads.push_back({.is_won = idx % 2 == 0,
                         .industry = industries[rng() % industries.size()],
                         .meetings = static_cast<int>(rng() % 3),
                         .pages = static_cast<int>(rng() % 5),
                         .segment = rng() % 2 == 0 ? "a" : "b"});
    }
    return leads;
}

}  // namespace lb::service::testing
