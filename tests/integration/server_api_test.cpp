// The server itself: keep-alive, timeouts, limits, malformed HTTP, static UI files and graceful
// stop.
#include <fstream>
#include <thread>

#include "api_fixture.hpp"
#include "common/rng.hpp"

namespace lb::testing {
namespace {

using nlohmann::json;

class ServerApi : public ApiTest {
protected:
    void Configure(http::HttpOptions& options) override {
        ui_dir_ = std::filesystem::temp_directory_path() /
                  ("lb_ui_" + SecureRandomHex(8));  // unique across parallel test processes
        std::filesystem::create_directories(ui_dir_ / "assets");
        std::ofstream(ui_dir_ / "index.html") << "<html>leadbase</html>";
        std::ofstream(ui_dir_ / "assets" / "app-9f8e.js") << "run()";
        options.ui_dir = ui_dir_;
    }
    void TearDown() override {
        ApiTest::TearDown();
        std::filesystem::remove_all(ui_dir_);
    }

    std::filesystem::path ui_dir_;
};

TEST_P(ServerApi, KeepAliveServesSeveralRequestsOnOneConnection) {
    HttpClient client(Port());
    ASSERT_TRUE(client.IsConnected());
    for (int request_idx = 0; request_idx < 5; ++request_idx) {
        const HttpReply reply =
            client.Send("POST",
                        "/api/v1/leads",
                        json{{"email", "k" + std::to_string(request_idx) + "@x.dk"}}.dump(),
                        Bearer(admin_key_));
        ASSERT_EQ(reply.status, 201u) << reply.body;
        EXPECT_NE(reply.Header("connection"), "close");
    }
    const HttpReply list = client.Send("GET", "/api/v1/leads", "", Bearer(admin_key_));
    EXPECT_EQ(list.Json()["items"].size(), 5u);
}

TEST_P(ServerApi, OversizeBodyIs413) {
    const std::string body =
        R"({"email": "big@x.dk", "title": ")" + std::string(1024 * 1024, 'a') + "\"}";
    ExpectError(Call("POST", "/api/v1/leads", body), 413, "too_large", "");
}

TEST_P(ServerApi, OversizeHeadersAre431) {
    const HttpReply reply =
        Fetch(Port(), "GET", "/healthz", "", {{"X-Filler", std::string(20 * 1024, 'h')}});
    EXPECT_EQ(reply.status, 431u) << reply.body;
}

TEST_P(ServerApi, MalformedHttpIs400) {
    HttpClient client(Port());
    ASSERT_TRUE(client.Write("GET /healthz HTTP/1.1\r\nHost x\r\n\r\n"));
    const HttpReply reply = client.ReadReply();
    EXPECT_EQ(reply.status, 400u) << reply.body;
    EXPECT_EQ(reply.Json()["error"]["code"], "invalid_argument");
}

TEST_P(ServerApi, ServesTheUiWithSpaFallbackAndCacheHeaders) {
    const HttpReply index = Fetch(Port(), "GET", "/leads/42");
    EXPECT_EQ(index.status, 200u);
    EXPECT_EQ(index.body, "<html>leadbase</html>");
    EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(index.Header("cache-control"), "no-cache");
    const HttpReply asset = Fetch(Port(), "GET", "/assets/app-9f8e.js");
    EXPECT_EQ(asset.body, "run()");
    EXPECT_NE(asset.Header("cache-control").find("immutable"), std::string::npos);
}

TEST_P(ServerApi, PathTraversalNeverLeavesTheUiDirectory) {
    for (const char* target : {"/../../etc/passwd",
                               "/%2e%2e/%2e%2e/etc/passwd",
                               "/assets/..%2F..%2F..%2Fetc%2Fpasswd",
                               "/..%5c..%5cetc%5cpasswd"}) {
        const HttpReply reply = Fetch(Port(), "GET", target);
        EXPECT_NE(reply.status, 200u) << target;
        EXPECT_EQ(reply.body.find("root:"), std::string::npos) << target;
    }
}

TEST_P(ServerApi, GracefulStopFinishesTheRequestInFlight) {
    HttpClient client(Port());
    const std::string body = R"({"email": "inflight@x.dk"})";
    ASSERT_TRUE(client.Write("POST /api/v1/leads HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " +
                             admin_key_ +
                             "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                             "Content-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n"));
    ASSERT_EQ(client.ReadReply().status, 100u);  // the server has the request and is reading it
    server_->RequestStop();
    std::thread waiter([this] { server_->Wait(); });
    ASSERT_TRUE(client.Write(body));
    const HttpReply reply = client.ReadReply();
    EXPECT_EQ(reply.status, 201u) << reply.body;
    EXPECT_EQ(reply.Header("connection"), "close");
    EXPECT_TRUE(client.ServerClosed());
    waiter.join();
    EXPECT_FALSE(HttpClient(Port()).IsConnected());
    auto stored = services_->Store().Read([this](storage::Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto lead, tx.FindLeadByEmail(workspace_.id, "inflight@x.dk"));
        if (!lead) return Fail(NotFound("the in-flight lead was not stored"));
        return Ok();
    });
    EXPECT_TRUE(stored) << stored.error().message;
}

TEST_P(ServerApi, StopClosesIdleKeepAliveConnections) {
    HttpClient client(Port());
    ASSERT_EQ(client.Send("GET", "/healthz").status, 200u);
    server_->Stop();
    EXPECT_TRUE(client.ServerClosed());
}

// Short timeouts, so that the tests below see them pass (the client gives up after 10 s).
class ServerTimeouts : public ApiTest {
protected:
    void Configure(http::HttpOptions& options) override {
        options.read_timeout = std::chrono::milliseconds(300);
        options.idle_timeout = std::chrono::milliseconds(300);
    }
};

TEST_P(ServerTimeouts, ARequestThatStopsHalfwayIsClosedAfterTheReadTimeout) {
    HttpClient client(Port());
    ASSERT_TRUE(client.Write("POST /collect HTTP/1.1\r\nHost: t\r\nContent-"));
    EXPECT_TRUE(client.ServerClosed());
}

TEST_P(ServerTimeouts, ABodyThatStopsHalfwayIsClosedAfterTheReadTimeout) {
    HttpClient client(Port());
    ASSERT_TRUE(client.Write(
        "POST /api/v1/leads HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"email\""));
    EXPECT_TRUE(client.ServerClosed());
}

TEST_P(ServerTimeouts, AnIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
    HttpClient client(Port());
    ASSERT_EQ(client.Send("GET", "/healthz").status, 200u);
    EXPECT_TRUE(client.ServerClosed());
    EXPECT_EQ(HttpClient(Port()).Send("GET", "/healthz").status, 200u) << "the server still serves";
}

// A client that keeps to the timeouts is served however long it stays: each request gets a new
// deadline.
TEST_P(ServerTimeouts, AConnectionUsedWithinTheTimeoutsStaysOpen) {
    HttpClient client(Port());
    for (int request_idx = 0; request_idx < 12; ++request_idx) {
        ASSERT_EQ(client.Send("GET", "/healthz").status, 200u) << "request " << request_idx;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ServerTimeouts,
                         ::testing::ValuesIn(AllTestBackends()),
                         TestBackendName);

INSTANTIATE_TEST_SUITE_P(Backends,
                         ServerApi,
                         ::testing::ValuesIn(AllTestBackends()),
                         TestBackendName);

}  // namespace
}  // namespace lb::testing
