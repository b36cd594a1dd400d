#include "demo/demo_generator.hpp"

#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "domain/validation.hpp"

namespace lb::demo {
namespace {

const Timestamp kNow = FromEpochMillis(1'767'225'600'000);  // 2026-01-01

std::vector<DemoLead> AllLeads(DemoGenerator& generator) {
    std::vector<DemoLead> all;
    while (true) {
        auto batch = generator.NextLeads(777);
        if (batch.empty()) return all;
        for (DemoLead& demo : batch) all.push_back(std::move(demo));
    }
}

std::int64_t CountAnonymous(DemoGenerator& generator) {
    std::int64_t count = 0;
    while (true) {
        const auto batch = generator.NextAnonymousTouchpoints(10'000);
        if (batch.empty()) return count;
        count += static_cast<std::int64_t>(batch.size());
    }
}

// Won leads among leads whose outcome is decided (won or lost), by a grouping key.
struct WinRate {
    int won = 0;
    int decided = 0;
    [[nodiscard]] double Rate() const {
        return decided == 0 ? 0 : won / static_cast<double>(decided);
    }
};

TEST(DemoGenerator, IsDeterministicForASeed) {
    DemoOptions options;
    options.leads = 500;
    options.events = 8'000;
    DemoGenerator first(options, kNow);
    DemoGenerator second(options, kNow);
    const auto first_leads = AllLeads(first);
    const auto second_leads = AllLeads(second);
    ASSERT_EQ(first_leads.size(), second_leads.size());
    for (std::size_t lead_idx = 0; lead_idx < 20; ++lead_idx) {
        EXPECT_EQ(first_leads[lead_idx].lead.email, second_leads[lead_idx].lead.email);
        EXPECT_EQ(first_leads[lead_idx].lead.stage, second_leads[lead_idx].lead.stage);
        EXPECT_EQ(first_leads[lead_idx].touchpoints.size(),
                  second_leads[lead_idx].touchpoints.size());
    }
    EXPECT_EQ(first.TouchpointsMade(), second.TouchpointsMade());
    EXPECT_EQ(first.Companies().front().name, second.Companies().front().name);

    options.seed = 7;
    DemoGenerator other(options, kNow);
    const auto other_leads = AllLeads(other);
    int same_emails = 0;
    for (std::size_t lead_idx = 0; lead_idx < 20; ++lead_idx) {
        same_emails += other_leads[lead_idx].lead.email == first_leads[lead_idx].lead.email;
    }
    EXPECT_LT(same_emails, 5);
}

TEST(DemoGenerator, MakesExactlyTheAskedLeadsAndEvents) {
    for (const auto& [leads, events] :
         {std::pair<std::int64_t, std::int64_t>{100, 3'000}, {2'000, 60'000}, {50, 0}, {0, 500}}) {
        DemoOptions options;
        options.leads = leads;
        options.events = events;
        DemoGenerator generator(options, kNow);
        const auto all = AllLeads(generator);
        EXPECT_EQ(static_cast<std::int64_t>(all.size()), leads);
        CountAnonymous(generator);
        EXPECT_EQ(generator.TouchpointsMade(), events) << leads << " leads";
        EXPECT_EQ(static_cast<std::int64_t>(generator.Companies().size()),
                  std::max<std::int64_t>(1, leads / 5));
    }
}

TEST(DemoGenerator, MakesValidUniqueLeadsWithinThePeriod) {
    DemoOptions options;
    options.leads = 3'000;
    options.events = 30'000;
    DemoGenerator generator(options, kNow);
    std::set<std::string> emails;
    std::set<std::string> domains;
    for (const auto& company : generator.Companies()) {
        EXPECT_TRUE(domain::ValidateCompany(company).has_value()) << company.name;
        EXPECT_TRUE(domains.insert(company.domain).second) << company.domain;
    }
    for (const DemoLead& demo : AllLeads(generator)) {
        const auto valid = domain::ValidateLead(demo.lead);
        EXPECT_TRUE(valid.has_value()) << demo.lead.email << ": " << valid.error().message;
        EXPECT_TRUE(emails.insert(demo.lead.email).second) << demo.lead.email;
        EXPECT_LE(demo.lead.created_at, kNow);
        EXPECT_GE(demo.lead.created_at, kNow - std::chrono::days(360));
        ASSERT_FALSE(demo.history.empty());
        EXPECT_EQ(demo.history.front().kind, "created");
        EXPECT_EQ(demo.history.back().to_value, demo.lead.stage);
        for (const auto& touchpoint : demo.touchpoints) EXPECT_LE(touchpoint.occurred_at, kNow);
    }
}

TEST(DemoGenerator, ConvertsByChannelSegmentAndEngagement) {
    DemoOptions options;
    options.leads = 12'000;
    options.events = 120'000;
    DemoGenerator generator(options, kNow);
    std::map<std::string, WinRate> by_channel;
    std::map<std::string, WinRate> by_segment;
    std::map<std::string, std::pair<double, int>> touches_by_stage;
    for (const DemoLead& demo : AllLeads(generator)) {
        const domain::Lead& lead = demo.lead;
        auto& touches = touches_by_stage[lead.stage];
        touches.first += static_cast<double>(demo.touchpoints.size());
        ++touches.second;
        if (lead.stage != "won" && lead.stage != "lost") continue;
        const int is_won = lead.stage == "won" ? 1 : 0;
        by_channel[lead.channel].won += is_won;
        ++by_channel[lead.channel].decided;
        const std::string segment =
            std::string(domain::ToString(*lead.potential)) + std::to_string(*lead.probability);
        by_segment[segment].won += is_won;
        ++by_segment[segment].decided;
    }
    EXPECT_GT(by_channel["referral"].Rate(), 1.5 * by_channel["paid-social"].Rate());
    EXPECT_GT(by_channel["personal-relation"].Rate(), 1.5 * by_channel["paid-social"].Rate());
    EXPECT_GT(by_segment["A1"].Rate(), 2 * by_segment["C3"].Rate());
    const auto average = [&](const std::string& stage) {
        return touches_by_stage[stage].first / touches_by_stage[stage].second;
    };
    EXPECT_GT(average("won"), 2 * average("lead"));
    EXPECT_GT(touches_by_stage["won"].second, 50);
    EXPECT_GT(touches_by_stage["opportunity"].second, 50);
    EXPECT_GT(touches_by_stage["nurture"].second, 100);
}

}  // namespace
}  // namespace lb::demo
