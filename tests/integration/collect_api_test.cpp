// POST /collect end to end: single events and batches, per-event rejections, whole-body errors
// that store nothing, idempotent retries, identity stitching into the lead's timeline with the
// first-touch channel, bots kept and marked, sessions, CORS.
#include <chrono>
#include <future>
#include <vector>

#include "api_fixture.hpp"

namespace lb::testing {
namespace {

using nlohmann::json;

class CollectApi : public ApiTest {
protected:
    HttpReply Collect(const json& body, const Headers& headers = {}) {
        return Fetch(Port(), "POST", "/collect", body.dump(), headers);
    }
    // A page view of `anonymous_id` at `minutes_ago` before the fake clock's now.
    json PageView(const std::string& anonymous_id,
                  const std::string& url,
                  int minutes_ago,
                  const std::string& referrer = "") const {
        json event = {
            {"type", "page"},
            {"anonymousId", anonymous_id},
            {"timestamp", At(minutes_ago)},
            {"context", {{"page", {{"url", url}}}, {"userAgent", "Mozilla/5.0 Firefox"}}}};
        if (!referrer.empty()) event["context"]["page"]["referrer"] = referrer;
        return event;
    }
    std::string At(int minutes_ago) const {
        return FormatIso8601(clock_.Now() - std::chrono::minutes(minutes_ago));
    }
    std::int64_t StoredTouchpoints() {
        std::int64_t count = -1;
        const Status status = test_store_->store->Read([&](storage::Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(count, tx.CountTouchpoints(workspace_.id));
            return Ok();
        });
        EXPECT_TRUE(status.has_value());
        return count;
    }
    json Visitor(const std::string& anonymous_id) {
        const HttpReply reply = Call("GET", "/api/v1/visitors/" + anonymous_id);
        EXPECT_EQ(reply.status, 200u) << reply.body;
        return reply.Json();
    }
    json Batch(json events) const {
        return {{"writeKey", workspace_.tracking_key}, {"batch", std::move(events)}};
    }
};

TEST_P(CollectApi, SingleEventIsAcceptedAndStored) {
    json event = PageView("a1", "https://acme.dk/", 1);
    event["writeKey"] = workspace_.tracking_key;
    const HttpReply reply = Collect(event);
    ASSERT_EQ(reply.status, 200u) << reply.body;
    EXPECT_EQ(reply.Json(), json::parse(R"({"accepted": 1, "rejected": []})"));
    const json visitor = Visitor("a1");
    ASSERT_EQ(visitor["touchpoints"].size(), 1u);
    EXPECT_EQ(visitor["touchpoints"][0]["channel"], "direct");
    EXPECT_TRUE(visitor["lead_id"].is_null());
}

TEST_P(CollectApi, KeyInTheQueryWorksToo) {
    const HttpReply reply = Fetch(Port(),
                                  "POST",
                                  "/collect?key=" + workspace_.tracking_key,
                                  PageView("a1", "https://acme.dk/", 1).dump());
    ASSERT_EQ(reply.status, 200u) << reply.body;
    EXPECT_EQ(StoredTouchpoints(), 1);
}

TEST_P(CollectApi, BatchRejectsOnlyTheBadEventsWithTheirIndex) {
    const HttpReply reply = Collect(Batch({PageView("a1", "https://acme.dk/", 3),
                                           {{"type", "alias"}, {"userId", "u"}},
                                           PageView("a1", "https://acme.dk/b", 2),
                                           {{"type", "page"}}}));
    ASSERT_EQ(reply.status, 200u) << reply.body;
    const json body = reply.Json();
    EXPECT_EQ(body["accepted"], 2);
    ASSERT_EQ(body["rejected"].size(), 2u);
    EXPECT_EQ(body["rejected"][0]["index"], 1);
    EXPECT_EQ(body["rejected"][0]["field"], "type");
    EXPECT_EQ(body["rejected"][1]["index"], 3);
    EXPECT_EQ(body["rejected"][1]["field"], "anonymousId");
    EXPECT_TRUE(body["rejected"][1]["reason"].is_string());
    EXPECT_EQ(StoredTouchpoints(), 2);
}

TEST_P(CollectApi, WholeBodyErrorsStoreNothing) {
    const std::string key = workspace_.tracking_key;
    ExpectError(Fetch(Port(), "POST", "/collect", R"({"writeKey": ")" + key + R"(", "type": )"),
                400,
                "invalid_argument",
                "");
    json wrong_key = PageView("a1", "https://acme.dk/", 1);
    wrong_key["writeKey"] = "not-a-key";
    ExpectError(Collect(wrong_key), 401, "unauthenticated", "");
    ExpectError(Collect(PageView("a1", "https://acme.dk/", 1)), 401, "unauthenticated", "");
    json too_many = json::array();
    for (int event_idx = 0; event_idx < 501; ++event_idx)
        too_many.push_back(PageView("a1", "https://acme.dk/", 1));
    EXPECT_EQ(Collect(Batch(too_many)).status, 413u);
    json huge = PageView("a1", "https://acme.dk/", 1);
    huge["writeKey"] = key;
    huge["properties"] = {{"padding", std::string(1024 * 1024 + 10, 'x')}};
    EXPECT_EQ(Collect(huge).status, 413u);
    EXPECT_EQ(StoredTouchpoints(), 0);
}

TEST_P(CollectApi, RetriedBatchIsStoredOnce) {
    json first = PageView("a1", "https://acme.dk/", 2);
    first["messageId"] = "m-1";
    json second = PageView("a1", "https://acme.dk/pricing", 1);
    second["messageId"] = "m-2";
    const json batch = Batch({first, second});
    for (int attempt = 0; attempt < 2; ++attempt) {
        const HttpReply reply = Collect(batch);
        ASSERT_EQ(reply.status, 200u) << reply.body;
        EXPECT_EQ(reply.Json()["accepted"], 2);
    }
    EXPECT_EQ(StoredTouchpoints(), 2);
}

TEST_P(CollectApi, IdentifyAttachesEarlierPageViewsWithTheFirstTouchChannel) {
    const HttpReply anonymous = Collect(Batch(
        {PageView(
             "v1", "https://acme.dk/?utm_source=google&utm_medium=cpc&utm_campaign=spring", 50),
         PageView("v1", "https://acme.dk/pricing", 45, "https://acme.dk/")}));
    ASSERT_EQ(anonymous.status, 200u) << anonymous.body;
    const json identify = {{"type", "identify"},
                           {"anonymousId", "v1"},
                           {"userId", "Ann@Acme.dk"},
                           {"traits", {{"firstName", "Ann"}}},
                           {"timestamp", At(40)}};
    ASSERT_EQ(Collect(Batch({identify})).status, 200u);
    ASSERT_EQ(Collect(Batch({PageView("v1", "https://acme.dk/demo", 5)})).status, 200u);

    const HttpReply leads = Call("GET", "/api/v1/leads?q=ann@acme.dk");
    ASSERT_EQ(leads.status, 200u) << leads.body;
    ASSERT_EQ(leads.Json()["items"].size(), 1u) << leads.body;
    const json lead = leads.Json()["items"][0];
    EXPECT_EQ(lead["channel"], "paid-search");
    EXPECT_EQ(lead["campaign"], "spring");
    EXPECT_EQ(lead["first_name"], "Ann");
    EXPECT_EQ(lead["first_touch"]["channel"], "paid-search");
    EXPECT_EQ(lead["first_touch"]["campaign"], "spring");
    EXPECT_EQ(lead["first_touch"]["at"], At(50));
    EXPECT_EQ(lead["latest_touch"]["at"], At(5));
    const std::string id = std::to_string(lead["id"].get<int>());
    const HttpReply timeline = Call("GET", "/api/v1/leads/" + id + "/timeline");
    ASSERT_EQ(timeline.status, 200u) << timeline.body;
    const json items = timeline.Json()["items"];
    ASSERT_EQ(items.size(), 4u) << timeline.body;
    EXPECT_EQ(items[0]["type"], "page");
    EXPECT_EQ(items[0]["channel"], "paid-search");
    EXPECT_EQ(items[0]["campaign"], "spring");
    EXPECT_EQ(items[2]["type"], "identify");
    EXPECT_EQ(items[3]["url"], "https://acme.dk/demo");
    const json visitor = Visitor("v1");
    EXPECT_EQ(visitor["lead_id"], lead["id"]);
    EXPECT_EQ(visitor["first_touch"]["channel"], "paid-search");
}

TEST_P(CollectApi, BotsAreStoredWithAFilteredReason) {
    json bot = PageView("b1", "https://acme.dk/", 1);
    bot["context"]["userAgent"] = "Mozilla/5.0 (compatible; Googlebot/2.1)";
    ASSERT_EQ(Collect(Batch({bot})).status, 200u);
    const json visitor = Visitor("b1");
    ASSERT_EQ(visitor["touchpoints"].size(), 1u);
    EXPECT_EQ(visitor["touchpoints"][0]["filtered_reason"], "bot:user-agent");
}

TEST_P(CollectApi, ANewSessionStartsAfterThirtyMinutesOfInactivity) {
    ASSERT_EQ(Collect(Batch({PageView("s1", "https://acme.dk/", 100),
                             PageView("s1", "https://acme.dk/a", 90),
                             PageView("s1", "https://acme.dk/b", 50)}))
                  .status,
              200u);
    const json events = Visitor("s1")["touchpoints"];
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0]["session_id"], events[1]["session_id"]);
    EXPECT_NE(events[1]["session_id"], events[2]["session_id"]);
}

TEST_P(CollectApi, CorsPreflightAndOriginOnValidKeys) {
    const Headers origin = {{"Origin", "https://www.customer.example"}};
    const HttpReply preflight = Fetch(Port(), "OPTIONS", "/collect", "", origin);
    EXPECT_EQ(preflight.status, 204u);
    EXPECT_EQ(preflight.Header("access-control-allow-origin"), "https://www.customer.example");
    EXPECT_NE(preflight.Header("access-control-allow-methods").find("POST"), std::string::npos);
    EXPECT_NE(preflight.Header("access-control-allow-headers").find("Content-Type"),
              std::string::npos);

    Headers beacon = origin;
    beacon["Content-Type"] = "text/plain;charset=UTF-8";
    const HttpReply sent = Collect(Batch({PageView("c1", "https://acme.dk/", 1)}), beacon);
    EXPECT_EQ(sent.status, 200u) << sent.body;
    EXPECT_EQ(sent.Header("access-control-allow-origin"), "https://www.customer.example");

    json wrong_key = PageView("c1", "https://acme.dk/", 1);
    wrong_key["writeKey"] = "nope";
    const HttpReply refused = Collect(wrong_key, origin);
    EXPECT_EQ(refused.status, 401u);
    EXPECT_EQ(refused.Header("access-control-allow-origin"), "");
}

// More concurrent requests than server threads: /collect does not hold a thread while its
// events commit, and every acknowledged event is stored once.
TEST_P(CollectApi, ConcurrentRequestsAreAllAcknowledgedAndStored) {
    constexpr int kClients = 8;
    constexpr int kRequestsPerClient = 10;
    std::vector<std::future<int>> clients;
    for (int client_idx = 0; client_idx < kClients; ++client_idx) {
        clients.push_back(std::async(std::launch::async, [this, client_idx] {
            int acknowledged = 0;
            HttpClient client(Port());
            for (int request_idx = 0; request_idx < kRequestsPerClient; ++request_idx) {
                json event = PageView("k" + std::to_string(client_idx), "https://acme.dk/", 1);
                event["messageId"] = std::to_string(client_idx) + "-" + std::to_string(request_idx);
                const HttpReply reply = client.Send("POST", "/collect", Batch({event}).dump());
                if (reply.status == 200 && reply.Json()["accepted"] == 1) ++acknowledged;
            }
            return acknowledged;
        }));
    }
    int acknowledged = 0;
    for (auto& client : clients) acknowledged += client.get();
    EXPECT_EQ(acknowledged, kClients * kRequestsPerClient);
    EXPECT_EQ(StoredTouchpoints(), kClients * kRequestsPerClient);
}

TEST_P(CollectApi, UnknownVisitorIs404AndTrackingKeysMayNotReadVisitors) {
    ExpectError(Call("GET", "/api/v1/visitors/nobody"), 404, "not_found", "");
    EXPECT_EQ(Call("GET", "/api/v1/visitors/nobody", "", tracking_key_).status, 403u);
}

LB_INSTANTIATE_ON_ALL_BACKENDS(CollectApi);

}  // namespace
}  // namespace lb::testing
