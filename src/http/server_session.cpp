// One HTTP/1.1 connection of the server: reads requests with Beast, hands them to the
// dispatcher and writes the replies, keep-alive, with the server's timeouts and limits.
#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "common/text.hpp"
#include "http/error_mapping.hpp"
#include "http/server_state.hpp"

namespace lb::http::detail {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

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
    if (response.status != 204 && !response.content_type.empty())
        message.set(bhttp::field::content_type, response.content_type);
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
//
// Timeouts: each phase (reading a request, waiting for the next one, writing the reply,
// lingering) sets a deadline, and the server's sweep closes the connection once it has passed.
// One shared timer instead of a timer per read and write (Beast's tcp_stream), which cost a
// timer wait and a cancelled handler per operation (about 7 % of the CPU of a /collect request).
class Connection final : public Session, public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket&& socket, ServerState& server)
        : socket_(std::move(socket)), server_(server) {}
    ~Connection() override { server_.RemoveSession(this); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    Connection(Connection&&) = delete;
    Connection& operator=(Connection&&) = delete;

    void Run() {
        server_.AddSession(this, weak_from_this());
        net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
    }

    [[nodiscard]] bool IsPastDeadline(SteadyClock::time_point now) const override {
        return now.time_since_epoch().count() >= deadline_.load(std::memory_order_relaxed);
    }

    void OnDeadline() override {
        net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
            if (self->IsPastDeadline(SteadyClock::now())) self->Close();
        });
    }

    void OnServerStopping() override {
        net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
            self->is_stopping_ = true;
            beast::error_code ignored;
            if (!self->is_busy_) self->socket_.cancel(ignored);
        });
    }

private:
    void ReadHeader() {
        if (is_stopping_ || server_.is_stopping) return Close();
        is_busy_ = false;
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
        parser_->body_limit(server_.options.body_limit);
        ExpireAfter(is_first_request_ ? server_.options.read_timeout
                                      : server_.options.idle_timeout);
        bhttp::async_read_header(
            socket_,
            buffer_,
            *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
    }

    void OnHeader(beast::error_code ec) {
        if (ec) return OnReadError(ec);
        is_busy_ = true;
        ExpireAfter(server_.options.read_timeout);
        if (ToLower(View(parser_->get()[bhttp::field::expect])) == "100-continue") {
            continue_.emplace(bhttp::status::continue_, parser_->get().version());
            return bhttp::async_write(
                socket_,
                *continue_,
                [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                    if (write_ec) return self->Close();
                    self->ReadBody();
                });
        }
        if (ParseBuffered(ec)) return Handle();
        if (ec) return OnReadError(ec);
        ReadBody();
    }

    // A small request's body usually arrived with its header: parse it from the buffer rather
    // than through another asynchronous read (a round through the scheduler per request).
    // True when the message is complete; `ec` tells a parse error (a body over the limit).
    bool ParseBuffered(beast::error_code& ec) {
        parser_->eager(true);
        while (!parser_->is_done() && buffer_.size() > 0) {
            const std::size_t used = parser_->put(buffer_.data(), ec);
            buffer_.consume(used);
            if (ec == bhttp::error::need_more) {
                ec = {};
                return false;
            }
            if (ec || used == 0) return false;
        }
        return parser_->is_done();
    }

    void ReadBody() {
        bhttp::async_read(socket_,
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
        ExpireNever();  // the handler's time (a commit, a scoring run) is not the client's
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
                    self->socket_.get_executor(),
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
        ExpireAfter(server_.options.read_timeout);
        bhttp::async_write(
            socket_,
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
        socket_.shutdown(tcp::socket::shutdown_send, ignored);
        ExpireAfter(kLingerTime);
        buffer_.consume(buffer_.size());
        DropInput();
    }

    void DropInput() {
        socket_.async_read_some(buffer_.prepare(kLingerChunk),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (ec) return self->Close();
                                    self->DropInput();
                                });
    }

    void Close() {
        beast::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_both, ignored);
        socket_.close(ignored);
    }

    void ExpireAfter(std::chrono::milliseconds timeout) {
        deadline_.store((SteadyClock::now() + timeout).time_since_epoch().count(),
                        std::memory_order_relaxed);
    }
    void ExpireNever() {
        deadline_.store(SteadyClock::duration::max().count(), std::memory_order_relaxed);
    }

    static constexpr std::size_t kLingerChunk = 64 * 1024;

    tcp::socket socket_;
    // When the sweep closes the connection (steady clock ticks); written on the strand.
    std::atomic<SteadyClock::rep> deadline_{SteadyClock::duration::max().count()};
    beast::flat_buffer buffer_;
    ServerState& server_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<bhttp::response<bhttp::empty_body>> continue_;
    std::optional<bhttp::response<bhttp::string_body>> response_;
    bool is_first_request_ = true;
    bool is_busy_ = false;  // a request is being read, handled or answered
    bool is_stopping_ = false;
};

}  // namespace

void StartSession(tcp::socket&& socket, ServerState& server) {
    std::make_shared<Connection>(std::move(socket), server)->Run();
}

}  // namespace lb::http::detail
