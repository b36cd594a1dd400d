// Dispatcher: what the server does with one parsed request: API routes through the Router, UI
// paths through StaticFiles, and any escaped exception as a 500.
#pragma once

#include <filesystem>

#include "http/message.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "service/scoring_service.hpp"
#include "service/services.hpp"
#include "service/tracking_service.hpp"

namespace lb::http {

// Immutable after construction; Handle is thread-safe. Holds references to `services`,
// `tracking` and `scoring`, which must outlive it.
class Dispatcher final {
public:
    Dispatcher(service::Services& services,
               service::TrackingService& tracking,
               service::ScoringService& scoring,
               std::filesystem::path ui_dir);

    // Never throws: an exception from a handler becomes a logged 500.
    [[nodiscard]] Response Handle(Request request) const noexcept;
    // The same, passing the response to `respond`: at once, or later from another thread for
    // asynchronous routes (POST /collect answers after its commit).
    void Handle(Request request, const Responder& respond) const noexcept;

private:
    Router router_;
    StaticFiles static_files_;
};

}  // namespace lb::http
