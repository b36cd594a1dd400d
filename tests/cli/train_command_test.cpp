// `leadbase train` on the store (both backends), run in-process: too few outcomes exit non-zero
// naming found and needed, and --suggest-rules writes a scoring model the parser accepts.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/cli.hpp"
#include "outcome_seed.hpp"
#include "scoring/model_parser.hpp"

namespace lb::service::testing {
namespace {

class TrainCommandTest : public OutcomeSeedTest {
protected:
    // Runs `leadbase <args>`; every store the command opens is the test's store (whatever --db
    // names), so the same case runs on SQLite and PostgreSQL.
    int Run(std::vector<std::string> args) {
        args.insert(args.begin(), "leadbase");
        std::vector<const char*> argv;
        for (const std::string& arg : args) argv.push_back(arg.c_str());
        cli::CliContext ctx;
        ctx.open_store = [this](const cli::StoreOptions&) {
            return lb::testing::ReopenTestStore(*test_store_, GetParam());
        };
        ctx.clock = &clock_;
        ctx.out = &out_;
        ctx.err = &err_;
        return cli::RunCli(static_cast<int>(argv.size()), argv.data(), ctx);
    }

    std::filesystem::path TempFile(const std::string& name) {
        const auto path = std::filesystem::temp_directory_path() /
                          ("lb_train_" + std::to_string(::getpid()) + "_" + name);
        created_.push_back(path);
        return path;
    }

    void TearDown() override {
        for (const auto& path : created_) std::filesystem::remove(path);
        OutcomeSeedTest::TearDown();
    }

    std::ostringstream out_, err_;
    std::vector<std::filesystem::path> created_;
};

TEST_P(TrainCommandTest, TooFewOutcomesExitNonZeroNamingFoundAndNeeded) {
    std::vector<SeedLead> leads = TraitLeads(30);
    leads.resize(40);  // 20 won, 20 lost
    Seed(leads);
    const auto suggestion = TempFile("thin.json");
    EXPECT_EQ(Run({"train", "--db", "store", "--suggest-rules", suggestion.string()}), 1);
    EXPECT_NE(err_.str().find("found 20 won and 20 lost"), std::string::npos) << err_.str();
    EXPECT_NE(err_.str().find("at least 50 of each"), std::string::npos) << err_.str();
    EXPECT_FALSE(std::filesystem::exists(suggestion));
}

TEST_P(TrainCommandTest, SuggestRulesWritesAValidModelWithFitAndEngagementRules) {
    Seed(TraitLeads(60));
    const auto suggestion = TempFile("suggested.json");
    ASSERT_EQ(Run({"train",
                   "--db",
                   "store",
                   "--model",
                   "logistic",
                   "--folds",
                   "2",
                   "--suggest-rules",
                   suggestion.string()}),
              0)
        << err_.str();
    EXPECT_NE(out_.str().find("suggested_rules=" + suggestion.string()), std::string::npos)
        << out_.str();
    std::ifstream input(suggestion);
    const std::string document((std::istreambuf_iterator<char>(input)),
                               std::istreambuf_iterator<char>());
    const auto model = scoring::ParseModelJson(document);
    ASSERT_TRUE(model.has_value()) << model.error().message << "\n" << document;
    EXPECT_EQ(model->key, "suggested");
    bool has_fit = false, has_engagement = false;
    for (const scoring::Rule& rule : model->rules) {
        (rule.category == scoring::Category::kFit ? has_fit : has_engagement) = true;
    }
    EXPECT_TRUE(has_fit) << document;
    EXPECT_TRUE(has_engagement) << document;
}

TEST_P(TrainCommandTest, AnOutcomeStageTrainsOnLeadsThatReachedItButIsNeverSaved) {
    Seed(TraitLeads(60));
    ASSERT_EQ(Run({"train", "--db", "store", "--outcome-stage", "sql", "--folds", "2"}), 0)
        << err_.str();
    EXPECT_NE(out_.str().find("rows=120 outcome_stage=sql reached=60 lost=60"), std::string::npos)
        << out_.str();
    EXPECT_NE(out_.str().find("auc="), std::string::npos) << out_.str();
    EXPECT_EQ(Run({"train", "--db", "store", "--outcome-stage", "sql", "--save"}), 1);
    EXPECT_NE(err_.str().find("--save"), std::string::npos) << err_.str();
    EXPECT_EQ(Run({"train", "--db", "store", "--outcome-stage", "nurture"}), 1);
    EXPECT_NE(err_.str().find("--outcome-stage"), std::string::npos) << err_.str();
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         TrainCommandTest,
                         ::testing::ValuesIn(lb::testing::AllTestBackends()),
                         lb::testing::TestBackendName);

}  // namespace
}  // namespace lb::service::testing
