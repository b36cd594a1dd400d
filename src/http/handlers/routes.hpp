// Registration of every API route, one function per resource file in this folder. Handlers stay
// thin: parse the request, call one Services method, map the result.
#pragma once

#include "http/router.hpp"
#include "service/services.hpp"
#include "service/tracking_service.hpp"

namespace lb::http::handlers {

// Each adds its resource's routes; `services` must outlive the router.
void AddHealthRoutes(Router& router);
void AddSessionRoutes(Router& router, service::Services& services);
void AddLeadRoutes(Router& router, service::Services& services);
void AddCompanyRoutes(Router& router, service::Services& services);
void AddSettingsRoutes(Router& router, service::Services& services);
void AddUserRoutes(Router& router, service::Services& services);
// POST and OPTIONS /collect, GET /api/v1/visitors/{anonymousId}; `tracking` must outlive the
// router.
void AddTrackingRoutes(Router& router,
                       service::Services& services,
                       service::TrackingService& tracking);
// POST /api/v1/leads/{id}/touchpoints and /merge, GET and PUT /api/v1/channel-rules; `tracking`
// must outlive the router. Called by AddTrackingRoutes.
void AddLeadTrackingRoutes(Router& router,
                           service::Services& services,
                           service::TrackingService& tracking);

// All of the above.
void AddApiRoutes(Router& router, service::Services& services, service::TrackingService& tracking);

}  // namespace lb::http::handlers
