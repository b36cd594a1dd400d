// The lead list: every sort pages through every lead exactly once (ties included), every filter,
// limits and cursors.
#include <algorithm>
#include <set>

#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

constexpr int kLeadCount = 23;

class LeadListContract : public StoreContract {
protected:
    void SetUp() override {
        StoreContract::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(owner_, tx.CreateUser(MakeUser("owner@acme.dk")));
            LB_ASSIGN_OR_RETURN(auto company, tx.CreateCompany(MakeCompany("Nordlys Radio")));
            for (int n = 0; n < kLeadCount; ++n) {
                domain::Lead lead = FullLead(n);
                // Few distinct values, so every sort key has ties that only the id breaks.
                lead.created_at = At(1000 + n % 4);
                lead.updated_at = At(5000 - n % 3);
                lead.score.total = (n * 7) % 5 * 10;
                lead.last_name = std::string(1, static_cast<char>('A' + n % 3));
                lead.first_name = n % 2 == 0 ? "x" : "y";
                lead.stage = n % 3 == 0 ? "sql" : "lead";
                lead.channel = n % 2 == 0 ? "events" : "website";
                lead.business_area = n % 4 == 0 ? "tv" : "radio";
                lead.owner_id = n % 5 == 0 ? owner_.id : UserId();
                lead.company_id = n == 7 ? company.id : CompanyId();
                lead.custom_fields = {{"n", std::to_string(n)}};
                if (n == 3) lead.first_name = "Ångström";
                LB_ASSIGN_OR_RETURN(lead, tx.CreateLead(lead));
                leads_.push_back(lead);
            }
            return Ok();
        }));
    }

    // Pages through `filter` with small pages; returns the ids in list order.
    std::vector<LeadId> ListAll(LeadFilter filter) {
        std::vector<LeadId> ids;
        filter.limit = 4;
        const Status status = TheStore().Read([&](Transaction& tx) -> Status {
            do {
                LB_ASSIGN_OR_RETURN(auto page, tx.ListLeads(ws_, filter));
                EXPECT_LE(page.items.size(), 4U);
                for (const auto& lead : page.items) {
                    EXPECT_EQ(lead.custom_fields.at("n"),
                              leads_.at(Index(lead.id)).custom_fields.at("n"));
                    ids.push_back(lead.id);
                }
                filter.cursor = page.next_cursor;
            } while (!filter.cursor.empty());
            return Ok();
        });
        EXPECT_TRUE(status.has_value()) << status.error().message;
        return ids;
    }

    // The ids of the leads that `keep` accepts, ordered by `less`.
    template <typename Keep, typename Less>
    std::vector<LeadId> Expected(Keep keep, Less less) const {
        std::vector<domain::Lead> kept;
        std::copy_if(leads_.begin(), leads_.end(), std::back_inserter(kept), keep);
        std::sort(kept.begin(), kept.end(), less);
        std::vector<LeadId> ids;
        for (const auto& lead : kept) ids.push_back(lead.id);
        return ids;
    }

    [[nodiscard]] std::size_t Index(LeadId id) const {
        for (std::size_t lead_idx = 0; lead_idx < leads_.size(); ++lead_idx)
            if (leads_[lead_idx].id == id) return lead_idx;
        return 0;
    }

    static LeadFilter Sorted(LeadSort sort) {
        LeadFilter filter;
        filter.sort = sort;
        return filter;
    }

    domain::User owner_;
    std::vector<domain::Lead> leads_;
};

const auto kAll = [](const domain::Lead&) { return true; };

TEST_P(LeadListContract, EverySortVisitsEveryLeadOnceInOrder) {
    using L = const domain::Lead&;
    auto by = [](auto key, bool is_descending) {
        return [key, is_descending](L a, L b) {
            const auto ka = std::make_pair(key(a), a.id.value);
            const auto kb = std::make_pair(key(b), b.id.value);
            return is_descending ? kb < ka : ka < kb;
        };
    };
    auto created = [](L lead) { return ToEpochMillis(lead.created_at); };
    auto updated = [](L lead) { return ToEpochMillis(lead.updated_at); };
    auto score = [](L lead) { return std::int64_t{lead.score.total}; };
    auto name = [](L lead) { return std::make_pair(lead.last_name, lead.first_name); };
    EXPECT_EQ(ListAll(Sorted(LeadSort::kCreatedDesc)), Expected(kAll, by(created, true)));
    EXPECT_EQ(ListAll(Sorted(LeadSort::kCreatedAsc)), Expected(kAll, by(created, false)));
    EXPECT_EQ(ListAll(Sorted(LeadSort::kUpdatedDesc)), Expected(kAll, by(updated, true)));
    EXPECT_EQ(ListAll(Sorted(LeadSort::kScoreDesc)), Expected(kAll, by(score, true)));
    EXPECT_EQ(ListAll(Sorted(LeadSort::kScoreAsc)), Expected(kAll, by(score, false)));
    EXPECT_EQ(ListAll(Sorted(LeadSort::kNameAsc)), Expected(kAll, by(name, false)));
    const auto ids = ListAll(Sorted(LeadSort::kCreatedDesc));
    EXPECT_EQ(std::set<LeadId>(ids.begin(), ids.end()).size(),
              static_cast<std::size_t>(kLeadCount));
}

TEST_P(LeadListContract, EachFilterKeepsOnlyMatchingLeads) {
    auto newest = [](const domain::Lead& a, const domain::Lead& b) {
        return std::pair(a.created_at, a.id) > std::pair(b.created_at, b.id);
    };
    LeadFilter filter;
    filter.stage = "sql";
    EXPECT_EQ(ListAll(filter), Expected([](const auto& l) { return l.stage == "sql"; }, newest));
    filter = {};
    filter.channel = "events";
    EXPECT_EQ(ListAll(filter),
              Expected([](const auto& l) { return l.channel == "events"; }, newest));
    filter = {};
    filter.business_area = "tv";
    EXPECT_EQ(ListAll(filter),
              Expected([](const auto& l) { return l.business_area == "tv"; }, newest));
    filter = {};
    filter.owner = owner_.id;
    const UserId owner = owner_.id;
    EXPECT_EQ(ListAll(filter),
              Expected([&](const auto& l) { return l.owner_id == owner; }, newest));
    filter = {};
    filter.only_unowned = true;
    EXPECT_EQ(ListAll(filter), Expected([](const auto& l) { return !l.owner_id.IsSet(); }, newest));
    filter = {};
    filter.min_score = 30;
    EXPECT_EQ(ListAll(filter), Expected([](const auto& l) { return l.score.total >= 30; }, newest));
    filter.stage = "lead";
    filter.channel = "website";
    EXPECT_EQ(ListAll(filter),
              Expected(
                  [](const auto& l) {
                      return l.score.total >= 30 && l.stage == "lead" && l.channel == "website";
                  },
                  newest));
}

TEST_P(LeadListContract, QuerySearchesEmailNamesAndCompanyCaseInsensitively) {
    auto search = [&](std::string query) {
        LeadFilter filter;
        filter.query = std::move(query);
        return ListAll(filter);
    };
    EXPECT_EQ(search("LEAD12@"), std::vector<LeadId>{leads_.at(12).id});
    EXPECT_EQ(search("Ångström"), std::vector<LeadId>{leads_.at(3).id});
    EXPECT_EQ(search("nordlys"), std::vector<LeadId>{leads_.at(7).id});
    EXPECT_EQ(search("%").size(), 0U);
    EXPECT_EQ(search("example.dk").size(), static_cast<std::size_t>(kLeadCount));
}

TEST_P(LeadListContract, LimitsAndCursorsAreValidated) {
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        for (int limit : {0, 501, -1}) {
            LeadFilter filter;
            filter.limit = limit;
            EXPECT_EQ(tx.ListLeads(ws_, filter).error().field, "limit") << limit;
        }
        LeadFilter filter;
        filter.limit = 500;
        LB_ASSIGN_OR_RETURN(auto all, tx.ListLeads(ws_, filter));
        EXPECT_EQ(all.items.size(), static_cast<std::size_t>(kLeadCount));
        EXPECT_TRUE(all.next_cursor.empty());
        filter.limit = 2;
        LB_ASSIGN_OR_RETURN(auto first, tx.ListLeads(ws_, filter));
        filter.cursor = "not a cursor";
        EXPECT_EQ(tx.ListLeads(ws_, filter).error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(tx.ListLeads(ws_, filter).error().field, "cursor");
        filter.cursor = first.next_cursor;
        filter.sort = LeadSort::kScoreAsc;  // a cursor of another sort is refused
        EXPECT_EQ(tx.ListLeads(ws_, filter).error().field, "cursor");
        return Ok();
    }));
}

LB_INSTANTIATE_ON_ALL_BACKENDS(LeadListContract);

}  // namespace
}  // namespace lb::storage
