#include "http_client.hpp"

#include <cctype>
#include <chrono>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace lb::testing {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::chrono::seconds kTimeout{10};

}  // namespace

nlohmann::json HttpReply::Json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

std::string HttpReply::Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

struct HttpClient::Impl {
    net::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;
    bool is_connected = false;

    // Runs one asynchronous operation to completion under the timeout.
    template <typename Start>
    beast::error_code Run(Start&& start) {
        beast::error_code result;
        stream.expires_after(kTimeout);
        start([&result](beast::error_code ec, std::size_t) { result = ec; });
        io.restart();
        io.run();
        return result;
    }
};

HttpClient::HttpClient(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
    beast::error_code ec;
    impl_->stream.socket().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
    impl_->is_connected = !ec;
}

HttpClient::~HttpClient() = default;

bool HttpClient::IsConnected() const {
    return impl_->is_connected;
}

HttpReply HttpClient::Send(std::string_view method,
                           std::string_view target,
                           std::string body,
                           const Headers& headers) {
    bhttp::request<bhttp::string_body> request;
    request.method_string(beast::string_view(method.data(), method.size()));
    request.target(beast::string_view(target.data(), target.size()));
    request.version(11);
    request.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty() && !headers.contains("Content-Type"))
        request.set(bhttp::field::content_type, "application/json");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::move(body);
    request.prepare_payload();
    const beast::error_code ec = impl_->Run(
        [&](auto handler) { bhttp::async_write(impl_->stream, request, std::move(handler)); });
    if (ec) return {0, {}, "write failed: " + ec.message()};
    return ReadReply();
}

bool HttpClient::Write(std::string_view bytes) {
    return !impl_->Run([&](auto handler) {
        net::async_write(
            impl_->stream, net::buffer(bytes.data(), bytes.size()), std::move(handler));
    });
}

HttpReply HttpClient::ReadReply() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    const beast::error_code ec = impl_->Run([&](auto handler) {
        bhttp::async_read(impl_->stream, impl_->buffer, parser, std::move(handler));
    });
    if (ec) return {0, {}, "read failed: " + ec.message()};
    HttpReply reply;
    const auto& message = parser.get();
    reply.status = message.result_int();
    for (const auto& field : message) {
        std::string name = field.name_string().to_string();
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[name] = field.value().to_string();
    }
    reply.body = message.body();
    return reply;
}

bool HttpClient::ServerClosed() {
    char byte = 0;
    const beast::error_code ec = impl_->Run([&](auto handler) {
        impl_->stream.async_read_some(net::buffer(&byte, 1), std::move(handler));
    });
    return ec == net::error::eof || ec == net::error::connection_reset;
}

HttpReply Fetch(std::uint16_t port,
                std::string_view method,
                std::string_view target,
                std::string body,
                const Headers& headers) {
    HttpClient client(port);
    if (!client.IsConnected()) return {0, {}, "connect failed"};
    return client.Send(method, target, std::move(body), headers);
}

}  // namespace lb::testing
