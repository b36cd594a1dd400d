#include "cli/commands/demo_command.hpp"

#include <fstream>
#include <memory>
#include <string>

#include "cli/commands/report.hpp"
#include "cli/commands/store_flags.hpp"
#include "demo/demo_workspace.hpp"
#include "service/demo_seed.hpp"
#include "service/services.hpp"

namespace lb::cli {
namespace {

struct DemoArgs {
    StoreOptions store;
    demo::DemoOptions options;
    std::string csv_out;
};

Status WriteCsv(const DemoArgs& args, CliContext& ctx) {
    std::ofstream out(args.csv_out, std::ios::binary | std::ios::trunc);
    if (!out) return Fail(Unavailable("cannot write " + args.csv_out));
    LB_TRY(demo::WriteDemoLeadsCsv(out, args.options, ctx.clock->Now()));
    *ctx.out << "wrote " << args.options.leads << " leads to " << args.csv_out << '\n';
    return Ok();
}

Status FillStore(const DemoArgs& args, CliContext& ctx) {
    LB_ASSIGN_OR_RETURN(auto store, ctx.open_store(args.store));
    service::Services services(*store, *ctx.clock);
    service::DemoSeedOptions options;
    options.leads = args.options.leads;
    options.touchpoints = args.options.events;
    options.seed = args.options.seed;
    LB_ASSIGN_OR_RETURN(const service::DemoSeedSummary summary,
                        service::SeedDemoWorkspace(services, options));
    if (!summary.is_created) {
        return Fail(Conflict(
            "the store already has leads; demo data only goes into an empty store (use a new "
            "--db file)"));
    }
    *ctx.out << "demo: leads=" << summary.leads << " touchpoints=" << summary.touchpoints << '\n';
    *ctx.out << "demo sign-in: " << service::kDemoAdminEmail << " / " << service::kDemoPassword
             << '\n';
    return Ok();
}

}  // namespace

void AddDemoCommand(CLI::App& root, CliContext& ctx, int& exit_code) {
    auto* command = root.add_subcommand(
        "demo", "Fill an empty store with a realistic demo workspace (deterministic per --seed)");
    auto args = std::make_shared<DemoArgs>();
    command->add_option("--leads", args->options.leads, "Leads to create")
        ->capture_default_str()
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{100'000'000}));
    command->add_option("--events", args->options.events, "Touchpoints to create")
        ->capture_default_str()
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{100'000'000}));
    command->add_option("--seed", args->options.seed, "Random seed")->capture_default_str();
    command->add_option(
        "--csv-out", args->csv_out, "Write the leads as an import CSV file instead");
    AddStoreFlags(*command, args->store);
    command->callback([args, &ctx, &exit_code] {
        exit_code =
            Report(args->csv_out.empty() ? FillStore(*args, ctx) : WriteCsv(*args, ctx), ctx);
    });
}

}  // namespace lb::cli
