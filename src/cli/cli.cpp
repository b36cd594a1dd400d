#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include "cli/commands/backup_command.hpp"
#include "cli/commands/credentials_commands.hpp"
#include "cli/commands/demo_command.hpp"
#include "cli/commands/import_command.hpp"
#include "cli/commands/serve_command.hpp"
#include "cli/commands/train_command.hpp"

namespace lb::cli {

int RunCli(int argc, const char* const* argv, CliContext& ctx) {
    CLI::App root("Leadbase: lead tracking, scoring and forecasting", "leadbase");
    root.require_subcommand(1);
    root.set_version_flag("--version", "leadbase 0.1.0");
    int exit_code = 0;
    AddServeCommand(root, ctx, exit_code);
    AddApiKeyCommand(root, ctx, exit_code);
    AddUserCommand(root, ctx, exit_code);
    AddImportCommand(root, ctx, exit_code);
    AddDemoCommand(root, ctx, exit_code);
    AddBackupCommand(root, ctx, exit_code);
    AddRestoreCommand(root, ctx, exit_code);
    AddTrainCommand(root, ctx, exit_code);
    try {
        root.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // Help and version requests come here too; CLI11 prints them and answers 0.
        return root.exit(error, *ctx.out, *ctx.err) == 0 ? 0 : 2;
    }
    return exit_code;
}

}  // namespace lb::cli
