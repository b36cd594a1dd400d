#include "cli/commands/serve_command.hpp"

#include <charconv>
#include <filesystem>
#include <memory>

#include "cli/commands/report.hpp"
#include "cli/commands/store_flags.hpp"
#include "common/log.hpp"
#include "http/server.hpp"
#include "service/demo_seed.hpp"
#include "service/scoring_service.hpp"
#include "service/services.hpp"
#include "service/tracking_service.hpp"
#include "storage/event_writer.hpp"

namespace lb::cli {

namespace {

struct ServeArgs {
    StoreOptions store;
    std::string listen = "127.0.0.1:8080";
    std::string ui_dir;
    unsigned threads = 0;
    bool is_demo = false;
};

// The built UI: --ui-dir, else web/dist under the working directory, else next to the binary's
// build folder (build/<preset>/leadbase -> web/dist).
std::filesystem::path FindUiDir(const std::string& given) {
    if (!given.empty()) return given;
    std::error_code ignored;
    if (std::filesystem::is_directory("web/dist", ignored)) return "web/dist";
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ignored);
    if (!ignored) {
        auto beside = exe.parent_path() / ".." / ".." / "web" / "dist";
        if (std::filesystem::is_directory(beside, ignored)) return beside.lexically_normal();
    }
    return "web/dist";
}

Status SeedDemo(service::Services& services, CliContext& ctx) {
    LB_ASSIGN_OR_RETURN(const auto summary, service::SeedDemoWorkspace(services, {}));
    if (summary.is_created) {
        *ctx.err << "leadbase: demo workspace created: " << summary.leads << " leads, "
                 << summary.touchpoints << " touchpoints\n";
    }
    *ctx.err << "leadbase: demo sign-in: " << service::kDemoAdminEmail << " / "
             << service::kDemoPassword << '\n';
    return Ok();
}

Status Serve(const ServeArgs& args, CliContext& ctx) {
    LB_ASSIGN_OR_RETURN(const ListenAddress address, ParseListenAddress(args.listen));
    LB_ASSIGN_OR_RETURN(auto store, ctx.open_store(args.store));
    service::Services services(*store, *ctx.clock);
    LB_TRY(services.EnsureDefaultWorkspace());
    if (args.is_demo) LB_TRY(SeedDemo(services, ctx));
    http::HttpOptions options;
    options.host = address.host;
    options.port = address.port;
    options.threads = args.threads;
    options.ui_dir = FindUiDir(args.ui_dir);
    // The event writer starts before the server and stops after it (declared first, destroyed
    // last): requests in flight at shutdown still get their events written and acknowledged.
    storage::EventWriter event_writer(*store, {});
    service::TrackingService tracking(services, event_writer);
    // Scores every lead at start (and hourly, for decay), then as leads and touchpoints change.
    service::ScoringService scoring(services);
    services.SetScoreHook(&scoring);
    scoring.Start();
    LB_ASSIGN_OR_RETURN(auto server, http::HttpServer::Start(options, services, tracking, scoring));
    server->StopOnSignals();
    log::info("leadbase serving on http://{}:{} ({} store, UI from {})",
              address.host.find(':') == std::string::npos ? address.host : "[" + address.host + "]",
              server->Port(),
              store->Backend(),
              options.ui_dir.string());
    server->Wait();
    server.reset();
    event_writer.Stop();
    scoring.Stop();
    log::info("leadbase stopped");
    return Ok();
}

}  // namespace

Result<ListenAddress> ParseListenAddress(std::string_view text) {
    const auto bad = [&] {
        return Fail(InvalidArgument(
            "'" + std::string(text) + "' is not HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)",
            "--listen"));
    };
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return bad();
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.back() != ']' || host.size() < 3) return bad();
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return bad();
    }
    unsigned port = 0;
    const auto [ptr, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port > 65535)
        return bad();
    return ListenAddress{std::string(host), static_cast<std::uint16_t>(port)};
}

void AddServeCommand(CLI::App& root, CliContext& ctx, int& exit_code) {
    auto* serve = root.add_subcommand("serve", "Serve tracking, the API and the UI");
    auto args = std::make_shared<ServeArgs>();
    AddStoreFlags(*serve, args->store);
    serve->add_option("--listen", args->listen, "HOST:PORT to listen on")->capture_default_str();
    serve->add_flag("--demo", args->is_demo, "Fill an empty store with a demo workspace first");
    serve->add_option("--ui-dir", args->ui_dir, "Folder of the built UI (default: web/dist)");
    serve->add_option("--threads", args->threads, "Server threads (default: one per core)");
    serve->callback([args, &ctx, &exit_code] { exit_code = Report(Serve(*args, ctx), ctx); });
}

}  // namespace lb::cli
