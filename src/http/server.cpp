#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>

#include "common/log.hpp"
#include "common/thread_name.hpp"
#include "http/server_state.hpp"

namespace lb::http {

namespace beast = boost::beast;

namespace detail {

namespace {

// How often ServerState::Sweep looks for connections past their deadline: a quarter of the
// shortest timeout, between 10 ms and 1 s.
std::chrono::milliseconds SweepInterval(const HttpOptions& options) {
    const auto shortest = std::min(
        {options.read_timeout, options.idle_timeout, std::chrono::milliseconds(kLingerTime)});
    return std::clamp(shortest / 4, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
}

}  // namespace

ServerState::~ServerState() {
    std::lock_guard lock(sessions_mu);
    is_destroying = true;
}

void ServerState::Accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec != net::error::operation_aborted) log::warn("accept failed: {}", ec.message());
            if (!acceptor.is_open()) return;
        } else {
            StartSession(std::move(socket), *this);
        }
        Accept();
    });
}

void ServerState::Sweep() {
    sweep_timer.expires_after(SweepInterval(options));
    sweep_timer.async_wait([this](beast::error_code ec) {
        if (ec) return;
        const auto now = SteadyClock::now();
        std::vector<std::shared_ptr<Session>> expired;
        {
            std::lock_guard lock(sessions_mu);
            for (auto& [ptr, handle] : sessions)
                if (ptr->IsPastDeadline(now))
                    if (auto session = handle.lock()) expired.push_back(std::move(session));
        }
        for (auto& session : expired) session->OnDeadline();
        Sweep();
    });
}

void ServerState::BeginAsyncReply() {
    std::lock_guard lock(replies_mu);
    ++pending_replies;
}

void ServerState::EndAsyncReply() {
    std::lock_guard lock(replies_mu);
    if (--pending_replies == 0) replies_done.notify_all();
}

void ServerState::WaitForAsyncReplies() {
    std::unique_lock lock(replies_mu);
    replies_done.wait(lock, [this] { return pending_replies == 0; });
}

void ServerState::AddSession(Session* session, std::weak_ptr<Session> handle) {
    std::lock_guard lock(sessions_mu);
    sessions.emplace(session, std::move(handle));
}

void ServerState::RemoveSession(Session* session) {
    std::lock_guard lock(sessions_mu);
    sessions.erase(session);
    if (is_stopping && sessions.empty() && !is_destroying) io.stop();
}

void ServerState::BeginStop() {
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(sessions_mu);
        if (sessions.empty()) return io.stop();
        for (auto& [ptr, handle] : sessions)
            if (auto session = handle.lock()) live.push_back(std::move(session));
    }
    for (auto& session : live) session->OnServerStopping();
    drain_timer.expires_after(options.drain_timeout);
    drain_timer.async_wait([this](beast::error_code ec) {
        if (ec) return;
        log::warn("HTTP server: requests still running after the drain timeout; closing them");
        io.stop();
    });
}

}  // namespace detail

namespace net = boost::asio;
using tcp = net::ip::tcp;

struct HttpServer::Impl : detail::ServerState {
    using ServerState::ServerState;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
}

// A response still on its way (an event commit) refers to the state, so wait for it first; the
// event writer completes every job it accepted, also when it is stopping.
HttpServer::~HttpServer() {
    Stop();
    impl_->WaitForAsyncReplies();
}

std::uint16_t HttpServer::Port() const {
    return impl_->port;
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpOptions& options,
                                                      service::Services& services,
                                                      service::TrackingService& tracking,
                                                      service::ScoringService& scoring) {
    if (options.body_limit == 0 || options.header_limit == 0)
        return Fail(InvalidArgument("body and header limits must be positive", "body_limit"));
    auto impl = std::make_unique<Impl>(options, services, tracking, scoring);
    const std::string where = options.host + ":" + std::to_string(options.port);
    try {
        tcp::resolver resolver(impl->io);
        const auto endpoints = resolver.resolve(options.host, std::to_string(options.port));
        const tcp::endpoint endpoint = endpoints.begin()->endpoint();
        impl->acceptor.open(endpoint.protocol());
        impl->acceptor.set_option(net::socket_base::reuse_address(true));
        impl->acceptor.bind(endpoint);
        impl->acceptor.listen(net::socket_base::max_listen_connections);
        impl->port = impl->acceptor.local_endpoint().port();
    } catch (const boost::system::system_error& e) {
        return Fail(Unavailable("cannot listen on " + where + ": " + e.code().message()));
    }
    impl->Accept();
    impl->Sweep();
    const unsigned thread_count =
        options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    for (unsigned thread_idx = 0; thread_idx < thread_count; ++thread_idx)
        impl->threads.emplace_back([io = &impl->io] {
            NameThisThread("lb-http");
            io->run();
        });
    log::info(
        "HTTP server listening on {}:{} with {} threads", options.host, impl->port, thread_count);
    return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

void HttpServer::StopOnSignals() {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](beast::error_code ec, int signal_number) {
        if (ec) return;
        log::info("signal {}: stopping the HTTP server", signal_number);
        if (!impl_->is_stopping.exchange(true)) impl_->BeginStop();
    });
}

void HttpServer::RequestStop() {
    if (impl_->is_stopping.exchange(true)) return;
    net::post(impl_->strand, [impl = impl_.get()] { impl->BeginStop(); });
}

void HttpServer::Wait() {
    std::lock_guard lock(impl_->join_mu);
    for (std::thread& thread : impl_->threads)
        if (thread.joinable()) thread.join();
}

void HttpServer::Stop() {
    RequestStop();
    Wait();
}

}  // namespace lb::http
