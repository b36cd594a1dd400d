// HttpServer: the asynchronous HTTP/1.1 server (Boost.Beast, kept out of this header) that serves
// the API, /healthz and the UI files, with keep-alive, limits, timeouts and graceful shutdown.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "service/scoring_service.hpp"
#include "service/services.hpp"
#include "service/tracking_service.hpp"

namespace lb::http {

struct HttpOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: an ephemeral port (see HttpServer::Port)
    unsigned threads = 0;       // 0: one per hardware core
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1024 * 1024;  // larger bodies get 413
    // The whole request (header and body) must arrive within this time once it has begun.
    std::chrono::milliseconds read_timeout = std::chrono::seconds(30);
    // A keep-alive connection waiting for its next request is closed after this time.
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
    // How long Stop waits for in-flight requests before closing their connections.
    std::chrono::milliseconds drain_timeout = std::chrono::seconds(10);
    // The built web UI (web/dist); missing: UI pages say it was not built.
    std::filesystem::path ui_dir;
};

// A running server. Thread-safe: Port, RequestStop, Stop and Wait may be called from any thread
// except that Stop and Wait must not be called from a request handler (they would wait for
// themselves). Owns its io_context and threads; holds references to `services`, `tracking` and
// `scoring`, which must outlive it. The destructor stops the server.
//
// Handlers run the (blocking) Services calls on the io threads. SQLite and PostgreSQL calls are
// short, so a separate worker pool would add a hand-off per request for little gain; the cost is
// that N slow queries at once stall all N io threads. Revisit if a handler ever waits on I/O for
// long (e.g. CSV import): give it its own pool then. Routes added with Router::AddAsync (POST
// /collect, which waits for a group commit) answer later from another thread and hold no io
// thread meanwhile; the destructor waits until every such answer has been handed back.
class HttpServer final {
public:
    // Binds HOST:PORT, starts the threads and begins accepting. kUnavailable when the address
    // cannot be resolved or bound (in use, no permission); kInvalidArgument for bad options.
    [[nodiscard]] static Result<std::unique_ptr<HttpServer>> Start(
        const HttpOptions& options,
        service::Services& services,
        service::TrackingService& tracking,
        service::ScoringService& scoring);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // The bound port (the real one when options.port was 0).
    [[nodiscard]] std::uint16_t Port() const;

    // Makes SIGINT and SIGTERM call RequestStop. Call once, from the thread that started it.
    void StopOnSignals();

    // Begins the graceful shutdown and returns at once: stops accepting, closes idle keep-alive
    // connections, lets requests being handled finish (their connections then close), and after
    // drain_timeout closes whatever is left. Idempotent.
    void RequestStop();

    // Blocks until the server has stopped (after RequestStop, from any thread or a signal) and
    // its threads have ended.
    void Wait();

    // RequestStop, then Wait.
    void Stop();

private:
    struct Impl;
    explicit HttpServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace lb::http
