#include "cli/commands/import_command.hpp"

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands/report.hpp"
#include "cli/commands/store_flags.hpp"
#include "service/scoring_service.hpp"
#include "service/services.hpp"
#include "tracking/lead_import.hpp"

namespace lb::cli {
namespace {

struct ImportArgs {
    StoreOptions store;
    std::string file;
    std::vector<std::string> mappings;
    std::vector<std::string> placeholders;
    std::string delimiter;
};

Result<tracking::ImportOptions> ToImportOptions(const ImportArgs& args) {
    tracking::ImportOptions options;
    for (const std::string& text : args.mappings) {
        LB_ASSIGN_OR_RETURN(tracking::ColumnMapping mapping, tracking::ParseColumnMapping(text));
        options.mappings.push_back(std::move(mapping));
    }
    if (!args.placeholders.empty()) options.placeholders = args.placeholders;
    if (args.delimiter == "," || args.delimiter == ";") {
        options.delimiter = args.delimiter.front();
    } else if (!args.delimiter.empty()) {
        return Fail(InvalidArgument("must be ',' or ';'", "--delimiter"));
    }
    return options;
}

// Returns the exit code: 1 when rows were rejected.
Result<int> ImportLeadsFile(const ImportArgs& args, CliContext& ctx) {
    LB_ASSIGN_OR_RETURN(const tracking::ImportOptions options, ToImportOptions(args));
    std::ifstream input(args.file, std::ios::binary);
    if (!input) return Fail(NotFound("cannot open " + args.file));
    LB_ASSIGN_OR_RETURN(auto store, ctx.open_store(args.store));
    service::Services services(*store, *ctx.clock);
    LB_ASSIGN_OR_RETURN(const auto workspace, services.EnsureDefaultWorkspace());
    LB_ASSIGN_OR_RETURN(
        const tracking::ImportReport report,
        tracking::ImportLeads(*store, workspace.id, input, options, ctx.clock->Now()));
    *ctx.out << "created=" << report.created << " updated=" << report.updated
             << " rejected=" << report.rejected << '\n';
    // Imported leads are scored at once, so a running server's lists show their scores.
    service::ScoringService scoring(services);
    LB_ASSIGN_OR_RETURN(const auto rescored, scoring.RescoreWorkspace(workspace.id, "import"));
    *ctx.err << "scored " << rescored.leads << " leads (" << rescored.changed << " changed, "
             << rescored.crossed << " crossed the MQL threshold)\n";
    for (const std::string& message : report.messages) *ctx.err << message << '\n';
    const auto shown = static_cast<std::int64_t>(report.messages.size());
    if (report.rejected > shown) {
        *ctx.err << "... and " << report.rejected - shown << " more rejected rows\n";
    }
    return report.rejected > 0 ? 1 : 0;
}

}  // namespace

void AddImportCommand(CLI::App& root, CliContext& ctx, int& exit_code) {
    auto* import = root.add_subcommand("import", "Import data from files");
    import->require_subcommand(1);
    auto* leads = import->add_subcommand(
        "leads",
        "Import leads from CSV; matches existing leads by external_id, then e-mail. Columns named "
        "like a field (email, external_id, company.name, ...) map to it; other columns become "
        "custom fields");
    auto args = std::make_shared<ImportArgs>();
    leads->add_option("file", args->file, "CSV file (UTF-8, ',' or ';')")->required();
    leads->add_option(
        "--map", args->mappings, "COLUMN=FIELD (FIELD: a lead field, custom.NAME or -)");
    leads->add_option("--placeholder",
                      args->placeholders,
                      "A value that means empty (replaces the default: Select)");
    leads->add_option("--delimiter", args->delimiter, "',' or ';' (default: detected)");
    AddStoreFlags(*leads, args->store);
    leads->callback([args, &ctx, &exit_code] {
        auto result = ImportLeadsFile(*args, ctx);
        exit_code = result ? *result : Report(Fail(result.error()), ctx);
    });
}

}  // namespace lb::cli
