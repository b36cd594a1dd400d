#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "common/log.hpp"
#include "common/text.hpp"
#include "http/dispatcher.hpp"
#include "http/error_mapping.hpp"

namespace lb::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session;

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
    // The acceptor, signals and drain timer are used only on this strand.
    net::strand<net::io_context::executor_type> strand{net::make_strand(io)};
    tcp::acceptor acceptor{strand};
    net::signal_set signals{strand};
    net::steady_timer drain_timer{strand};
    std::vector<std::thread> threads;
    std::uint16_t port = 0;
};

std::string_view View(beast::string_view text) {
    return {text.data(), text.size()};
}

Request ToRequest(bhttp::request<bhttp::string_body>&& message) {
    Request request;
    request.method = std::string(View(message.method_string()));
    const std::string_view target = View(message.target());
    const std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query_string = target.substr(question + 1);
    for (const auto& field : message)
        request.headers[ToLower(View(field.name_string()))] = std::string(View(field.value()));
    request.body = std::move(message.body());
    return request;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& response,
                                            unsigned version,
                                            bool is_head,
                                            bool keep_alive) {
    bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status),
                                                version};
    message.set(bhttp::field::server, "leadbase");
    if (response.status != 204) message.set(bhttp::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) message.insert(name, value);
    message.keep_alive(keep_alive);
    const std::size_t body_size = response.body.size();
    message.body() = std::move(response.body);
    message.prepare_payload();
    if (is_head) {
        message.body().clear();
        message.content_length(body_size);
    }
    return message;
}

// One connection. Lives as long as an asynchronous operation holds it (shared_ptr is the Beast
// idiom: the pending handler is the owner). All its work runs on its strand.
class Session final : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, ServerState& server)
        : stream_(std::move(socket)), server_(server) {}
    ~Session() { server_.RemoveSession(this); }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void Run() {
        server_.AddSession(this, weak_from_this());
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
    }

    // Called on stop: ends the connection now if it waits for a request, else after the reply.
    void OnServerStopping() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            self->is_stopping_ = true;
            if (!self->is_busy_) self->stream_.cancel();
        });
    }

private:
    void ReadHeader() {
        if (is_stopping_ || server_.is_stopping) return Close();
        is_busy_ = false;
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
        parser_->body_limit(server_.options.body_limit);
        stream_.expires_after(is_first_request_ ? server_.options.read_timeout
                                                : server_.options.idle_timeout);
        bhttp::async_read_header(
            stream_,
            buffer_,
            *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
    }

    void OnHeader(beast::error_code ec) {
        if (ec) return OnReadError(ec);
        is_busy_ = true;
        stream_.expires_after(server_.options.read_timeout);
        if (ToLower(View(parser_->get()[bhttp::field::expect])) == "100-continue") {
            continue_.emplace(bhttp::status::continue_, parser_->get().version());
            return bhttp::async_write(
                stream_,
                *continue_,
                [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                    if (write_ec) return self->Close();
                    self->ReadBody();
                });
        }
        ReadBody();
    }

    void ReadBody() {
        bhttp::async_read(stream_,
                          buffer_,
                          *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->OnReadError(ec);
                              self->Handle();
                          });
    }

    void OnReadError(beast::error_code ec) {
        if (ec == bhttp::error::body_limit)
            return Reply(
                ErrorResponse(TooLarge("the request body is over the limit of " +
                                       std::to_string(server_.options.body_limit) + " bytes")),
                11,
                false);
        if (ec == bhttp::error::header_limit)
            return Reply(ErrorBody(431, "headers_too_large", "the request headers are too large"),
                         11,
                         false);
        const bool is_parse_error =
            ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
            ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
        if (is_parse_error)
            return Reply(ErrorResponse(InvalidArgument("malformed HTTP request: " + ec.message())),
                         11,
                         false);
        Close();  // end of stream, timeout, cancelled on stop, reset by peer
    }

    void Handle() {
        auto message = parser_->release();
        const unsigned version = message.version();
        const bool is_head = message.method() == bhttp::verb::head;
        const bool keep_alive = message.keep_alive();
        Request request = ToRequest(std::move(message));
        if (is_head) request.method = "GET";
        // The response may come from another thread (POST /collect answers from the event
        // writer after its commit). The work guard keeps the io threads running until it is
        // posted; the pending count keeps ServerState alive until then (see ~HttpServer).
        server_.BeginAsyncReply();
        auto guard = std::make_shared<net::executor_work_guard<net::io_context::executor_type>>(
            server_.io.get_executor());
        server_.dispatcher.Handle(
            std::move(request),
            [self = shared_from_this(), guard, version, keep_alive, is_head](
                Response response) mutable {
                ServerState& server = self->server_;
                net::dispatch(
                    self->stream_.get_executor(),
                    [self, response = std::move(response), version, keep_alive, is_head]() mutable {
                        self->Reply(std::move(response), version, keep_alive, is_head);
                    });
                guard.reset();
                self.reset();
                server.EndAsyncReply();
            });
    }

    void Reply(Response&& response, unsigned version, bool keep_alive, bool is_head = false) {
        is_busy_ = true;
        const bool keeps_open = keep_alive && !is_stopping_ && !server_.is_stopping;
        response_ = ToBeast(std::move(response), version, is_head, keeps_open);
        stream_.expires_after(server_.options.read_timeout);
        bhttp::async_write(
            stream_,
            *response_,
            [self = shared_from_this(), keeps_open](beast::error_code ec, std::size_t) {
                self->response_.reset();
                if (ec) return self->Close();
                if (!keeps_open) return self->Linger();
                self->is_first_request_ = false;
                self->ReadHeader();
            });
    }

    // After a final reply, stop sending but read (and drop) what the client still sends until it
    // closes or kLingerTime passes: closing with unread input would make the kernel send a reset
    // that can destroy the reply before the client reads it (e.g. a 413 for a large upload).
    void Linger() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(kLingerTime);
        buffer_.consume(buffer_.size());
        DropInput();
    }

    void DropInput() {
        stream_.async_read_some(buffer_.prepare(kLingerChunk),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (ec) return self->Close();
                                    self->DropInput();
                                });
    }

    void Close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    static constexpr std::chrono::seconds kLingerTime{2};
    static constexpr std::size_t kLingerChunk = 64 * 1024;

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    ServerState& server_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<bhttp::response<bhttp::empty_body>> continue_;
    std::optional<bhttp::response<bhttp::string_body>> response_;
    bool is_first_request_ = true;
    bool is_busy_ = false;  // a request is being read, handled or answered
    bool is_stopping_ = false;
};

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
            std::make_shared<Session>(std::move(socket), *this)->Run();
        }
        Accept();
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

}  // namespace

struct HttpServer::Impl : ServerState {
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
    const unsigned thread_count =
        options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    for (unsigned thread_idx = 0; thread_idx < thread_count; ++thread_idx)
        impl->threads.emplace_back([io = &impl->io] { io->run(); });
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
