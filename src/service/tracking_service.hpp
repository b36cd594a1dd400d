// TrackingService: the tracking use cases beside Services: POST /collect (parse, authenticate by
// the workspace's tracking key, ingest durably) and a visitor's journey.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/entities.hpp"
#include "service/principal.hpp"
#include "service/services.hpp"
#include "storage/event_writer.hpp"
#include "tracking/collector.hpp"

namespace lb::service {

// A visitor and its touchpoints, oldest first.
struct VisitorView {
    domain::Visitor visitor;
    std::vector<domain::Touchpoint> touchpoints;
};

// Thread-safe. Holds references to `services` (for the store, the clock and tracking-key
// authentication) and to `writer` (the one event writer); both must outlive it.
class TrackingService final {
public:
    TrackingService(Services& services, storage::EventWriter& writer);

    // Ingests one /collect body. The tracking key is the body's "writeKey", else `query_key`
    // (?key=). Returns once every accepted event is durable. Errors: kTooLarge (body over
    // tracking::kMaxCollectBodyBytes, more than tracking::kMaxBatchEvents events),
    // kInvalidArgument (malformed body, see tracking::ParseCollectBody), kUnauthenticated (no key
    // or an unknown one), kUnavailable (writer overloaded or stopping, database unreachable).
    // Nothing is stored on any error.
    [[nodiscard]] Result<tracking::CollectOutcome> Collect(std::string_view body,
                                                           std::string_view query_key);
    // The same without blocking the calling thread while the events are written: `done` gets
    // what Collect would return (see tracking::CollectDone for the thread it runs on).
    void CollectAsync(std::string_view body,
                      std::string_view query_key,
                      tracking::CollectDone done);

    // The visitor with this anonymous id and every touchpoint it sent. kNotFound when unknown
    // (also for a sales principal unless the visitor's lead is theirs).
    [[nodiscard]] Result<VisitorView> GetVisitor(const Principal& principal,
                                                 std::string_view anonymous_id);

private:
    // A parsed body and the workspace its key names.
    struct Admitted {
        WorkspaceId workspace;
        tracking::CollectPayload payload;
        Timestamp received_at;
    };
    // Checks size, parses, authenticates (the errors of Collect).
    [[nodiscard]] Result<Admitted> Admit(std::string_view body, std::string_view query_key);

    Services& services_;
    tracking::Collector collector_;
};

}  // namespace lb::service
