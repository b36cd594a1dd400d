// A small blocking HTTP/1.1 client over one keep-alive connection, for the integration tests.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lb::testing {

// One response as the client saw it. status 0: the connection failed (body says why).
struct HttpReply {
    unsigned status = 0;
    std::map<std::string, std::string> headers;  // lowercase names
    std::string body;

    // The body parsed as JSON (null when it is not JSON).
    [[nodiscard]] nlohmann::json Json() const;
    // The header's value or "". `name` lowercase.
    [[nodiscard]] std::string Header(const std::string& name) const;
};

using Headers = std::map<std::string, std::string>;

// A connection to 127.0.0.1:port. Not thread-safe. Every read and write gives up after 10 s so a
// broken server fails the test instead of hanging it.
class HttpClient final {
public:
    explicit HttpClient(std::uint16_t port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    [[nodiscard]] bool IsConnected() const;

    // Sends one request on this connection and reads its response. A non-empty body gets
    // `Content-Type: application/json` unless `headers` names another.
    HttpReply Send(std::string_view method,
                   std::string_view target,
                   std::string body = {},
                   const Headers& headers = {});
    // Writes raw bytes (a partial or malformed request).
    bool Write(std::string_view bytes);
    // Reads one response (also a 100 Continue).
    HttpReply ReadReply();
    // True when the server closes the connection without sending anything more.
    bool ServerClosed();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One request on a new connection.
HttpReply Fetch(std::uint16_t port,
                std::string_view method,
                std::string_view target,
                std::string body = {},
                const Headers& headers = {});

}  // namespace lb::testing
