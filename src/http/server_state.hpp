// What the HTTP server's parts share: its state (ServerState) and the connections it serves
// (Session, in server_session.cpp). Private to the HTTP server.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio.hpp>

#include "http/dispatcher.hpp"
#include "http/server.hpp"

namespace lb::http::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// How long a connection that got its final reply may still send before it is closed.
constexpr std::chrono::seconds kLingerTime{2};

// One connection, as the server sees it (the connection itself lives in server_session.cpp).
class Session {
public:
    Session() = default;
    virtual ~Session() = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Whether the deadline of the connection's current phase has passed at `now`.
    [[nodiscard]] virtual bool IsPastDeadline(SteadyClock::time_point now) const = 0;
    // Closes the connection if its deadline has still passed (it may have moved on meanwhile);
    // its pending read or write then ends with an error.
    virtual void OnDeadline() = 0;
    // Ends the connection now if it waits for a request, else after the reply.
    virtual void OnServerStopping() = 0;
};

// Shared state of the server. Sessions hold a reference to it; it outlives them because the
// io_context (destroyed first, see member order) owns every pending session handler.
struct ServerState {
    ServerState(const HttpOptions& opts,
                service::Services& services,
                service::TrackingService& tracking,
                service::ScoringService& scoring)
        : options(opts), dispatcher(services, tracking, scoring, opts.ui_dir) {}
    ~ServerState();
    ServerState(const ServerState&) = delete;
    ServerState& operator=(const ServerState&) = delete;

    void Accept();
    // Closes the connections whose deadline has passed, again and again: every quarter of the
    // shortest timeout (10 ms to 1 s), on the strand.
    void Sweep();
    void BeginStop();
    void AddSession(Session* session, std::weak_ptr<Session> handle);
    // Count the responses handed to the dispatcher and not yet posted back to their session.
    void BeginAsyncReply();
    void EndAsyncReply();
    // Blocks until every response handed out is posted back.
    void WaitForAsyncReplies();
    void RemoveSession(Session* session);

    const HttpOptions options;
    const Dispatcher dispatcher;
    std::atomic<bool> is_stopping{false};

    std::mutex sessions_mu;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  // guarded by sessions_mu
    bool is_destroying = false;                                     // guarded by sessions_mu

    std::mutex join_mu;  // serialises Wait

    std::mutex replies_mu;
    std::condition_variable replies_done;
    std::size_t pending_replies = 0;  // guarded by replies_mu

    // Declared last: destroyed first, while the members above are still alive.
    net::io_context io;
    // The acceptor, signals, drain and sweep timers are used only on this strand.
    net::strand<net::io_context::executor_type> strand{net::make_strand(io)};
    tcp::acceptor acceptor{strand};
    net::signal_set signals{strand};
    net::steady_timer drain_timer{strand};
    net::steady_timer sweep_timer{strand};
    std::vector<std::thread> threads;
    std::uint16_t port = 0;
};

// Serves the accepted `socket` until the client or the server ends the connection.
void StartSession(tcp::socket&& socket, ServerState& server);

}  // namespace lb::http::detail
