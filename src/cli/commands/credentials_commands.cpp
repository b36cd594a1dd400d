#include "cli/commands/credentials_commands.hpp"

#include <iostream>
#include <memory>
#include <string>

#include "cli/commands/report.hpp"
#include "cli/commands/store_flags.hpp"
#include "domain/enums.hpp"
#include "service/services.hpp"

namespace lb::cli {

namespace {

struct ApiKeyArgs {
    StoreOptions store;
    std::string role;
    std::string name;
    std::string user;
};

struct UserArgs {
    StoreOptions store;
    std::string email;
    std::string role;
    std::string name;
    bool is_password_on_stdin = false;
};

Status CreateApiKey(const ApiKeyArgs& args, CliContext& ctx) {
    LB_ASSIGN_OR_RETURN(const domain::Role role, domain::ParseRole(args.role, "--role"));
    LB_ASSIGN_OR_RETURN(auto store, ctx.open_store(args.store));
    service::Services services(*store, *ctx.clock);
    LB_ASSIGN_OR_RETURN(const auto workspace, services.EnsureDefaultWorkspace());
    LB_ASSIGN_OR_RETURN(const auto created,
                        services.CreateApiKey(workspace.id, role, args.name, args.user));
    if (role == domain::Role::kSales && args.user.empty())
        *ctx.err << "leadbase: note: a sales key without --user sees no leads\n";
    *ctx.out << created.secret << '\n';
    return Ok();
}

Status CreateUser(const UserArgs& args, CliContext& ctx) {
    LB_ASSIGN_OR_RETURN(const domain::Role role, domain::ParseRole(args.role, "--role"));
    std::string password;
    if (args.is_password_on_stdin && !std::getline(std::cin, password))
        return Fail(InvalidArgument("no password on standard input", "--password-stdin"));
    if (!password.empty() && password.back() == '\r') password.pop_back();
    LB_ASSIGN_OR_RETURN(auto store, ctx.open_store(args.store));
    service::Services services(*store, *ctx.clock);
    LB_ASSIGN_OR_RETURN(const auto workspace, services.EnsureDefaultWorkspace());
    LB_ASSIGN_OR_RETURN(const auto user,
                        services.CreateUser(workspace.id, args.email, args.name, role, password));
    *ctx.out << "created user " << user.email << " (" << domain::ToString(user.role) << ")\n";
    if (password.empty())
        *ctx.err << "leadbase: note: without --password-stdin the user cannot sign in to the UI\n";
    return Ok();
}

}  // namespace

void AddApiKeyCommand(CLI::App& root, CliContext& ctx, int& exit_code) {
    auto* apikey = root.add_subcommand("apikey", "Manage API keys");
    apikey->require_subcommand(1);
    auto* create = apikey->add_subcommand("create", "Create an API key and print it once");
    auto args = std::make_shared<ApiKeyArgs>();
    AddStoreFlags(*create, args->store);
    create->add_option("--role", args->role, "admin, marketing, sales or tracking")->required();
    create->add_option("--name", args->name, "What the key is for");
    create->add_option("--user", args->user, "E-mail of the user a sales key acts for");
    create->callback(
        [args, &ctx, &exit_code] { exit_code = Report(CreateApiKey(*args, ctx), ctx); });
}

void AddUserCommand(CLI::App& root, CliContext& ctx, int& exit_code) {
    auto* user = root.add_subcommand("user", "Manage users of the UI");
    user->require_subcommand(1);
    auto* create = user->add_subcommand("create", "Create a user");
    auto args = std::make_shared<UserArgs>();
    AddStoreFlags(*create, args->store);
    create->add_option("--email", args->email, "The user's e-mail (sign-in name)")->required();
    create->add_option("--role", args->role, "admin, marketing or sales")->required();
    create->add_option("--name", args->name, "Full name");
    create->add_flag("--password-stdin",
                     args->is_password_on_stdin,
                     "Read the password (8+ characters) from the first line of stdin");
    create->callback([args, &ctx, &exit_code] { exit_code = Report(CreateUser(*args, ctx), ctx); });
}

}  // namespace lb::cli
