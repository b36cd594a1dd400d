// Companies, business areas and channels.
#include <algorithm>

#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using CompanyContract = StoreContract;

CompanyFilter Filter(std::string query, int limit, std::string cursor = {}) {
    CompanyFilter filter;
    filter.query = std::move(query);
    filter.limit = limit;
    filter.cursor = std::move(cursor);
    return filter;
}

TEST_P(CompanyContract, CompaniesRoundTripEveryField) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        domain::Company acme = MakeCompany("Acme Mediehus A/S", "acme.dk");
        acme.industry = "58.1";
        acme.employees = 250;
        acme.annual_revenue = domain::Money{4'200'000'000};
        acme.country = "DK";
        acme.customer_status = domain::CustomerStatus::kFormerCustomer;
        LB_ASSIGN_OR_RETURN(acme, tx.CreateCompany(acme));
        LB_ASSIGN_OR_RETURN(const domain::Company got, tx.GetCompany(ws_, acme.id));
        EXPECT_EQ(got.name, acme.name);
        EXPECT_EQ(got.domain, "acme.dk");
        EXPECT_EQ(got.industry, "58.1");
        EXPECT_EQ(got.employees, std::optional<std::int64_t>(250));
        EXPECT_EQ(got.annual_revenue, acme.annual_revenue);
        EXPECT_EQ(got.country, "DK");
        EXPECT_EQ(got.customer_status, domain::CustomerStatus::kFormerCustomer);
        EXPECT_EQ(got.created_at, acme.created_at);
        EXPECT_EQ(got.updated_at, acme.updated_at);
        LB_ASSIGN_OR_RETURN(const domain::Company bare, tx.CreateCompany(MakeCompany("Bare")));
        LB_ASSIGN_OR_RETURN(const domain::Company bare_got, tx.GetCompany(ws_, bare.id));
        EXPECT_FALSE(bare_got.employees || bare_got.annual_revenue);
        LB_ASSIGN_OR_RETURN(auto by_domain, tx.FindCompanyByDomain(ws_, "acme.dk"));
        EXPECT_TRUE(by_domain && by_domain->id == acme.id);
        LB_ASSIGN_OR_RETURN(auto no_domain, tx.FindCompanyByDomain(ws_, ""));
        EXPECT_FALSE(no_domain.has_value());
        EXPECT_EQ(tx.GetCompany(ws_, CompanyId(999)).error().message, "company 999 not found");
        return Ok();
    }));
}

TEST_P(CompanyContract, DomainsAreUniqueWhenSetAndUpdatesApply) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_TRY(tx.CreateCompany(MakeCompany("A", "a.dk")));
        LB_TRY(tx.CreateCompany(MakeCompany("No domain 1")));
        LB_ASSIGN_OR_RETURN(domain::Company second, tx.CreateCompany(MakeCompany("No domain 2")));
        auto duplicate = tx.CreateCompany(MakeCompany("A again", "a.dk"));
        EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
        EXPECT_EQ(duplicate.error().field, "domain");
        second.domain = "a.dk";
        EXPECT_EQ(tx.UpdateCompany(second).error().field, "domain");
        second.domain = "b.dk";
        second.employees = 7;
        second.updated_at = At(77);
        LB_TRY(tx.UpdateCompany(second));
        LB_ASSIGN_OR_RETURN(const domain::Company got, tx.GetCompany(ws_, second.id));
        EXPECT_EQ(got.domain, "b.dk");
        EXPECT_EQ(got.employees, std::optional<std::int64_t>(7));
        EXPECT_EQ(got.updated_at, At(77));
        second.id = CompanyId(999);
        EXPECT_EQ(tx.UpdateCompany(second).error().code, ErrorCode::kNotFound);
        return Ok();
    }));
}

TEST_P(CompanyContract, GetCompaniesReturnsTheExistingOnes) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto a, tx.CreateCompany(MakeCompany("A")));
        LB_ASSIGN_OR_RETURN(auto b, tx.CreateCompany(MakeCompany("B")));
        const std::vector<CompanyId> ids = {a.id, CompanyId(999), b.id};
        LB_ASSIGN_OR_RETURN(auto got, tx.GetCompanies(ws_, ids));
        EXPECT_EQ(got.size(), 2U);
        LB_ASSIGN_OR_RETURN(auto none, tx.GetCompanies(ws_, {}));
        EXPECT_TRUE(none.empty());
        return Ok();
    }));
}

TEST_P(CompanyContract, ListCompaniesPagesByNameAndSearches) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        for (const char* name : {"Delta", "alpha", "Charlie", "Bravo", "Bravo", "Echo 100%"})
            LB_TRY(tx.CreateCompany(MakeCompany(name)));
        return AsStatus(tx.CreateCompany(MakeCompany("Zulu", "findme.dk")));
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        std::vector<std::string> names;
        CompanyFilter filter;
        filter.limit = 2;
        do {
            LB_ASSIGN_OR_RETURN(auto page, tx.ListCompanies(ws_, filter));
            for (const auto& company : page.items) names.push_back(company.name);
            filter.cursor = page.next_cursor;
        } while (!filter.cursor.empty());
        EXPECT_EQ(names,
                  (std::vector<std::string>{
                      "Bravo", "Bravo", "Charlie", "Delta", "Echo 100%", "Zulu", "alpha"}));
        LB_ASSIGN_OR_RETURN(auto search, tx.ListCompanies(ws_, Filter("BRAV", 50)));
        EXPECT_EQ(search.items.size(), 2U);
        LB_ASSIGN_OR_RETURN(auto by_domain, tx.ListCompanies(ws_, Filter("findme", 5)));
        EXPECT_EQ(by_domain.items.size(), 1U);
        LB_ASSIGN_OR_RETURN(auto percent, tx.ListCompanies(ws_, Filter("0%", 5)));
        EXPECT_EQ(percent.items.size(), 1U);
        EXPECT_EQ(tx.ListCompanies(ws_, Filter("", 0)).error().field, "limit");
        EXPECT_EQ(tx.ListCompanies(ws_, Filter("", 5, "x!")).error().field, "cursor");
        return Ok();
    }));
}

TEST_P(CompanyContract, BusinessAreasAndChannelsRoundTripOrderedByName) {
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        domain::BusinessArea radio{.id = BusinessAreaId(),
                                   .workspace_id = ws_,
                                   .key = "radio",
                                   .name = "Radio",
                                   .average_deal_value = domain::Money{5'000'000}};
        LB_ASSIGN_OR_RETURN(radio, tx.CreateBusinessArea(radio));
        domain::BusinessArea tv = radio;
        tv.key = "tv";
        tv.name = "Fjernsyn";
        LB_TRY(tx.CreateBusinessArea(tv));
        EXPECT_EQ(tx.CreateBusinessArea(tv).error().field, "key");
        radio.name = "Radio & Podcast";
        radio.average_deal_value = domain::Money{6};
        LB_TRY(tx.UpdateBusinessArea(radio));
        LB_ASSIGN_OR_RETURN(auto areas, tx.ListBusinessAreas(ws_));
        EXPECT_EQ(areas.size(), 2U);
        EXPECT_EQ(areas.at(0).name, "Fjernsyn");
        LB_ASSIGN_OR_RETURN(auto found, tx.FindBusinessArea(ws_, "radio"));
        EXPECT_TRUE(found && found->name == "Radio & Podcast" &&
                    found->average_deal_value == domain::Money{6});
        domain::Channel events{.id = ChannelId(),
                               .workspace_id = ws_,
                               .key = "events",
                               .name = "Events",
                               .kind = domain::ChannelKind::kOffline};
        LB_ASSIGN_OR_RETURN(events, tx.CreateChannel(events));
        EXPECT_EQ(tx.CreateChannel(events).error().field, "key");
        events.kind = domain::ChannelKind::kOnline;
        LB_TRY(tx.UpdateChannel(events));
        LB_ASSIGN_OR_RETURN(auto channel, tx.FindChannel(ws_, "events"));
        EXPECT_TRUE(channel && channel->kind == domain::ChannelKind::kOnline);
        LB_ASSIGN_OR_RETURN(auto channels, tx.ListChannels(ws_));
        EXPECT_EQ(channels.size(), 1U);
        LB_ASSIGN_OR_RETURN(auto none, tx.FindChannel(ws_, "web"));
        EXPECT_FALSE(none.has_value());
        events.id = ChannelId(999);
        EXPECT_EQ(tx.UpdateChannel(events).error().code, ErrorCode::kNotFound);
        return Ok();
    }));
}

LB_INSTANTIATE_ON_ALL_BACKENDS(CompanyContract);

}  // namespace
}  // namespace lb::storage
