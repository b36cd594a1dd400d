// DemoGenerator: the deterministic, store-free part of the demo workspace: companies, leads with
// their stage history, and touchpoints, generated in batches so that millions fit in memory.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_set>
#include <vector>

#include "common/clock.hpp"
#include "common/rng.hpp"
#include "domain/entities.hpp"

namespace lb::demo {

struct DemoOptions {
    std::uint64_t seed = 42;
    std::int64_t leads = 10'000;
    std::int64_t events = 300'000;  // touchpoints, of leads and of anonymous visitors
    std::int64_t companies = 0;     // 0: leads / 5, between 1 and 50,000
    int owner_count = 6;            // sales users to create when `owners` is empty
    std::vector<UserId> owners;     // lead owners; when empty, GenerateDemoWorkspace creates them
    int months = 12;                // leads and touchpoints spread over this many months to now
    std::int64_t batch_leads = 2'000;  // leads (with their touchpoints) per transaction
};

// One generated lead with what belongs to it. Ids are unset: the writer assigns them.
struct DemoLead {
    domain::Lead lead;                              // company_id and owner_id unset
    std::size_t company_index = 0;                  // into DemoGenerator::Companies()
    std::size_t owner_index = 0;                    // into the owners (modulo their count)
    std::vector<domain::LeadHistoryEntry> history;  // lead_id unset; oldest first
    std::vector<domain::Touchpoint> touchpoints;    // lead_id unset
};

// Generates the demo data of `options` from its seed: the same options and `now` give the same
// data. Not thread-safe; holds all companies (at most 50,000) and a set of e-mail hashes.
class DemoGenerator final {
public:
    DemoGenerator(const DemoOptions& options, Timestamp now);

    // All companies, made by the constructor (ids unset).
    [[nodiscard]] const std::vector<domain::Company>& Companies() const { return companies_; }

    // The next `max` leads (fewer at the end, none when all options.leads are out).
    [[nodiscard]] std::vector<DemoLead> NextLeads(std::int64_t max);

    // After the leads: the next `max` touchpoints of anonymous visitors (with bots, filtered) that
    // bring the total to options.events; empty when done.
    [[nodiscard]] std::vector<domain::Touchpoint> NextAnonymousTouchpoints(std::int64_t max);

    [[nodiscard]] std::int64_t LeadsMade() const { return leads_made_; }
    [[nodiscard]] std::int64_t TouchpointsMade() const { return touchpoints_made_; }

private:
    void MakeCompanies();
    [[nodiscard]] DemoLead MakeLead();
    [[nodiscard]] std::string MakeEmail(std::string_view first,
                                        std::string_view last,
                                        const domain::Company& company);
    void WalkFunnel(DemoLead& demo, double conversion, double cycle_factor);
    [[nodiscard]] std::int64_t TouchpointCount(const DemoLead& demo);

    DemoOptions options_;
    Timestamp now_;
    Timestamp start_;
    Rng rng_;
    std::vector<domain::Company> companies_;
    std::unordered_set<std::uint64_t> email_hashes_;
    std::int64_t leads_made_ = 0;
    std::int64_t touchpoints_made_ = 0;
    std::int64_t lead_touchpoint_budget_ = 0;
    std::int64_t lead_touchpoints_made_ = 0;
    std::int64_t anonymous_made_ = 0;
    double engagement_sum_ = 0;  // of the leads made, for TouchpointCount
};

}  // namespace lb::demo
