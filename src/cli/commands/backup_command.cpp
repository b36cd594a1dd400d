#include "cli/commands/backup_command.hpp"

#include <memory>
#include <string>

#include "cli/commands/report.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace lb::cli {
namespace {

struct BackupArgs {
    std::string db_path = StoreOptions{}.db_path;
    std::string file;
};

}  // namespace

void AddBackupCommand(CLI::App& root, CliContext& ctx, int& exit_code) {
    auto* command = root.add_subcommand("backup", "Write a consistent copy of the SQLite store");
    auto args = std::make_shared<BackupArgs>();
    command->add_option("--db", args->db_path, "SQLite database file")->capture_default_str();
    command->add_option("--out", args->file, "Backup file to write (replaced if it exists)")
        ->required();
    command->callback([args, &ctx, &exit_code] {
        const Status status = storage::BackupSqlite(args->db_path, args->file);
        if (status) *ctx.out << "backed up " << args->db_path << " to " << args->file << '\n';
        exit_code = Report(status, ctx);
    });
}

void AddRestoreCommand(CLI::App& root, CliContext& ctx, int& exit_code) {
    auto* command = root.add_subcommand(
        "restore", "Replace the SQLite store with a backup (stop the server first)");
    auto args = std::make_shared<BackupArgs>();
    command->add_option("--from", args->file, "Backup file made by `leadbase backup`")->required();
    command->add_option("--db", args->db_path, "SQLite database file")->capture_default_str();
    command->callback([args, &ctx, &exit_code] {
        const Status status = storage::RestoreSqlite(args->file, args->db_path);
        if (status) *ctx.out << "restored " << args->db_path << " from " << args->file << '\n';
        exit_code = Report(status, ctx);
    });
}

}  // namespace lb::cli
