#include "http/dispatcher.hpp"

#include <atomic>
#include <exception>
#include <future>
#include <memory>
#include <utility>

#include "common/log.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/routes.hpp"
#include "http/handlers/scoring_routes.hpp"

namespace lb::http {

Dispatcher::Dispatcher(service::Services& services,
                       service::TrackingService& tracking,
                       service::ScoringService& scoring,
                       std::filesystem::path ui_dir)
    : static_files_(std::move(ui_dir)) {
    handlers::AddApiRoutes(router_, services, tracking);
    handlers::AddScoringRoutes(router_, services, scoring);
}

Response Dispatcher::Handle(Request request) const noexcept {
    std::promise<Response> promise;
    std::future<Response> future = promise.get_future();
    // The reference stays valid: this function waits for the answer.
    Handle(std::move(request),
           [&promise](Response response) { promise.set_value(std::move(response)); });
    return future.get();
}

void Dispatcher::Handle(Request request, const Responder& respond) const noexcept {
    // An exception is turned into a 500 only when it escapes before the handler answered (a
    // handler that throws after answering has nothing left to send).
    auto answered = std::make_shared<std::atomic<bool>>(false);
    const Responder once = [answered, respond](Response response) {
        if (!answered->exchange(true)) respond(std::move(response));
    };
    try {
        if (IsUiPath(request.path)) return once(static_files_.Serve(request));
        router_.Dispatch(std::move(request), once);
    } catch (const std::exception& e) {
        once(ErrorResponse(Internal(std::string("unhandled exception: ") + e.what())));
    } catch (...) {
        once(ErrorResponse(Internal("unhandled non-standard exception")));
    }
}

}  // namespace lb::http
