#include "http/dispatcher.hpp"

#include <exception>
#include <utility>

#include "common/log.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/routes.hpp"

namespace lb::http {

Dispatcher::Dispatcher(service::Services& services,
                       service::TrackingService& tracking,
                       std::filesystem::path ui_dir)
    : static_files_(std::move(ui_dir)) {
    handlers::AddApiRoutes(router_, services, tracking);
}

Response Dispatcher::Handle(Request request) const noexcept {
    try {
        if (IsUiPath(request.path)) return static_files_.Serve(request);
        return router_.Dispatch(std::move(request));
    } catch (const std::exception& e) {
        return ErrorResponse(Internal(std::string("unhandled exception: ") + e.what()));
    } catch (...) {
        return ErrorResponse(Internal("unhandled non-standard exception"));
    }
}

}  // namespace lb::http
