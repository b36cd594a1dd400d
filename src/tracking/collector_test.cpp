#include "tracking/collector.hpp"

#include <algorithm>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "support/test_store.hpp"

namespace lb::tracking {
namespace {

const Timestamp kNow = FromEpochMillis(1'767'225'600'000);  // 2026-01-01

// A Collector with its EventWriter over a throw-away SQLite store holding one workspace.
class CollectorTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = lb::testing::OpenTestStore(lb::testing::TestBackend::kSqlite);
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        test_store_ = std::move(*opened);
        domain::Workspace workspace;
        workspace.name = "Collector";
        workspace.tracking_key = "collector-key";
        workspace.created_at = kNow;
        ASSERT_TRUE(test_store_.store->Write([&](storage::Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(const domain::Workspace created, tx.CreateWorkspace(workspace));
            ws_ = created.id;
            return Ok();
        }));
        writer_.emplace(*test_store_.store, storage::EventWriterOptions{});
        collector_.emplace(*writer_);
    }
    void TearDown() override {
        collector_.reset();
        writer_.reset();
    }

    // The one event of `body`, parsed.
    static TrackedEvent Event(std::string_view body) {
        auto payload = ParseCollectBody(body, kNow);
        EXPECT_TRUE(payload.has_value() && payload->events.size() == 1) << body;
        return payload->events.at(0);
    }

    std::vector<domain::Touchpoint> VisitorTouchpoints(const std::string& anonymous_id) {
        std::vector<domain::Touchpoint> events;
        EXPECT_TRUE(test_store_.store->Read([&](storage::Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(events, tx.ListVisitorTouchpoints(ws_, anonymous_id));
            return Ok();
        }));
        return events;
    }

    lb::testing::TestStore test_store_;
    std::optional<storage::EventWriter> writer_;
    std::optional<Collector> collector_;
    WorkspaceId ws_;
};

TEST_F(CollectorTest, PrepareClassifiesAnonymisesAndCopiesTheWebFields) {
    const auto prepared =
        collector_->Prepare(ws_, Event(R"({"type":"page","anonymousId":"a","messageId":"m1",
                  "context":{"page":{"url":"https://acme.dk/?utm_source=google&utm_medium=cpc&utm_campaign=spring",
                                     "referrer":"https://www.google.com/"},
                             "ip":"203.0.113.77","userAgent":"Mozilla/5.0"}})"));
    ASSERT_TRUE(prepared.has_value()) << prepared.error().message;
    const domain::Touchpoint& touchpoint = prepared->touchpoint;
    EXPECT_EQ(touchpoint.workspace_id, ws_);
    EXPECT_EQ(touchpoint.channel, "paid-search");
    EXPECT_EQ(touchpoint.campaign, "spring");
    EXPECT_EQ(touchpoint.ip, "203.0.113.0");
    EXPECT_EQ(touchpoint.user_agent, "Mozilla/5.0");
    EXPECT_EQ(touchpoint.referrer, "https://www.google.com/");
    EXPECT_EQ(touchpoint.message_id, "m1");
    EXPECT_TRUE(touchpoint.filtered_reason.empty());
    EXPECT_FALSE(prepared->is_internal_navigation);
}

TEST_F(CollectorTest, InternalNavigationAndOfflineEventsGetNoChannel) {
    const auto internal = collector_->Prepare(ws_, Event(R"({"type":"page","anonymousId":"a",
                  "context":{"page":{"url":"https://acme.dk/b","referrer":"https://acme.dk/a"}}})"));
    ASSERT_TRUE(internal.has_value());
    EXPECT_TRUE(internal->is_internal_navigation);
    EXPECT_EQ(internal->touchpoint.channel, "");
    const auto call = collector_->Prepare(ws_, Event(R"({"type":"call","userId":"crm-7"})"));
    ASSERT_TRUE(call.has_value());
    EXPECT_EQ(call->touchpoint.channel, "");
}

TEST_F(CollectorTest, IdentifyTakesTheEmailFromTraitsOrUserId) {
    const auto from_traits = collector_->Prepare(
        ws_, Event(R"({"type":"identify","anonymousId":"a","traits":{"email":" Bo@X.dk "}})"));
    ASSERT_TRUE(from_traits.has_value());
    EXPECT_EQ(from_traits->identify_email, "bo@x.dk");
    const auto from_user_id =
        collector_->Prepare(ws_, Event(R"({"type":"identify","userId":"Cy@X.dk"})"));
    ASSERT_TRUE(from_user_id.has_value());
    EXPECT_EQ(from_user_id->identify_email, "cy@x.dk");
    const auto no_email = collector_->Prepare(ws_, Event(R"({"type":"identify","userId":"42"})"));
    ASSERT_TRUE(no_email.has_value());
    EXPECT_EQ(no_email->identify_email, "");
}

TEST_F(CollectorTest, AnInvalidIdentifyEmailRejectsOnlyThatEvent) {
    auto payload = ParseCollectBody(
        R"({"batch":[{"type":"page","anonymousId":"a"},
                     {"type":"identify","anonymousId":"a","traits":{"email":"not-an-email"}}]})",
        kNow);
    ASSERT_TRUE(payload.has_value());
    const auto outcome = collector_->Collect(ws_, std::move(*payload), kNow);
    ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
    EXPECT_EQ(outcome->accepted, 1u);
    ASSERT_EQ(outcome->rejections.size(), 1u);
    EXPECT_EQ(outcome->rejections[0].index, 1u);
    EXPECT_EQ(outcome->rejections[0].field, "traits.email");
    EXPECT_EQ(VisitorTouchpoints("a").size(), 1u);
}

TEST_F(CollectorTest, ImpossibleRatesAreKeptAndMarked) {
    std::string body = R"({"batch":[)";
    for (int event_idx = 0; event_idx < 25; ++event_idx) {
        if (event_idx > 0) body += ',';
        body += R"({"type":"track","event":"click","anonymousId":"fast"})";
    }
    body += "]}";
    auto payload = ParseCollectBody(body, kNow);
    ASSERT_TRUE(payload.has_value());
    ASSERT_TRUE(collector_->Collect(ws_, std::move(*payload), kNow).has_value());
    const auto events = VisitorTouchpoints("fast");
    ASSERT_EQ(events.size(), 25u);
    const auto flagged = std::count_if(events.begin(), events.end(), [](const auto& event) {
        return event.filtered_reason == kBotRate;
    });
    EXPECT_EQ(flagged, 5);
}

// Holds the event writer busy with a job of its own until Release: requests sent meanwhile
// queue up, as they do under load.
class WriterHold {
public:
    explicit WriterHold(storage::EventWriter& writer) {
        auto started = std::make_shared<std::promise<void>>();
        auto start = started->get_future();
        done_ = writer.Submit(
            [started, released = released_.get_future().share()](storage::Transaction&) -> Status {
                started->set_value();
                released.wait();
                return Ok();
            },
            1);
        start.wait();
    }
    void Release() {
        released_.set_value();
        EXPECT_TRUE(done_.get().has_value());
    }

private:
    std::promise<void> released_;
    std::future<Status> done_;
};

// Starts CollectAsync for `body`; the future gets its outcome.
std::future<Result<CollectOutcome>> CollectLater(Collector& collector,
                                                 WorkspaceId ws,
                                                 std::string_view body) {
    auto promise = std::make_shared<std::promise<Result<CollectOutcome>>>();
    auto future = promise->get_future();
    auto payload = ParseCollectBody(body, kNow);
    EXPECT_TRUE(payload.has_value()) << body;
    collector.CollectAsync(ws, std::move(*payload), kNow, [promise](Result<CollectOutcome> out) {
        promise->set_value(std::move(out));
    });
    return future;
}

TEST_F(CollectorTest, AMessageIdSentAgainWhileItsFirstTryWaitsIsStoredOnce) {
    WriterHold hold(*writer_);
    auto first =
        CollectLater(*collector_, ws_, R"({"type":"page","anonymousId":"r","messageId":"same"})");
    auto retry =
        CollectLater(*collector_, ws_, R"({"type":"page","anonymousId":"r","messageId":"same"})");
    hold.Release();
    const auto first_outcome = first.get();
    const auto retry_outcome = retry.get();
    ASSERT_TRUE(first_outcome.has_value() && retry_outcome.has_value());
    EXPECT_EQ(first_outcome->accepted, 1U);
    EXPECT_EQ(retry_outcome->accepted, 1U);
    EXPECT_EQ(VisitorTouchpoints("r").size(), 1U);
}

// Requests written in one group are each answered with their own touched leads: a known
// visitor's page view touches its lead, a stranger's touches none.
TEST_F(CollectorTest, RequestsOfOneGroupAreAnsweredWithTheirOwnTouchedLeads) {
    const auto identified = collector_->Collect(
        ws_,
        *ParseCollectBody(
            R"({"type":"identify","anonymousId":"known","traits":{"email":"k@x.dk"}})", kNow),
        kNow);
    ASSERT_TRUE(identified.has_value()) << identified.error().message;
    ASSERT_EQ(identified->touched_leads.size(), 1U);
    WriterHold hold(*writer_);
    auto known = CollectLater(*collector_, ws_, R"({"type":"page","anonymousId":"known"})");
    auto stranger = CollectLater(*collector_, ws_, R"({"type":"page","anonymousId":"stranger"})");
    hold.Release();
    const auto known_outcome = known.get();
    const auto stranger_outcome = stranger.get();
    ASSERT_TRUE(known_outcome.has_value() && stranger_outcome.has_value());
    EXPECT_EQ(known_outcome->touched_leads, identified->touched_leads);
    EXPECT_TRUE(stranger_outcome->touched_leads.empty());
}

// Requests waiting for the writer are written in the order they came: the page view before an
// identify call is attached to the lead afterwards, the one after it gets the lead at once.
TEST_F(CollectorTest, RequestsWaitingForTheWriterKeepTheirOrderAroundAnIdentifyCall) {
    WriterHold hold(*writer_);
    auto before =
        CollectLater(*collector_, ws_, R"({"type":"page","anonymousId":"o","messageId":"o1"})");
    auto identify = CollectLater(*collector_,
                                 ws_,
                                 R"({"type":"identify","anonymousId":"o","messageId":"o2",
                                     "traits":{"email":"o@x.dk"}})");
    auto after =
        CollectLater(*collector_, ws_, R"({"type":"page","anonymousId":"o","messageId":"o3"})");
    hold.Release();
    const auto identify_outcome = identify.get();
    ASSERT_TRUE(before.get().has_value());
    ASSERT_TRUE(identify_outcome.has_value());
    const auto after_outcome = after.get();
    ASSERT_TRUE(after_outcome.has_value());
    ASSERT_EQ(identify_outcome->touched_leads.size(), 1U);
    EXPECT_EQ(after_outcome->touched_leads, identify_outcome->touched_leads);
    for (const domain::Touchpoint& event : VisitorTouchpoints("o"))
        EXPECT_EQ(event.lead_id, identify_outcome->touched_leads.front()) << event.message_id;
}

}  // namespace
}  // namespace lb::tracking
