// Registration of the scoring routes (models, preview, rescore, a lead's score history).
#pragma once

#include "http/router.hpp"
#include "service/scoring_service.hpp"
#include "service/services.hpp"

namespace lb::http::handlers {

// GET/PUT /api/v1/scoring/models, GET/PUT/DELETE /api/v1/scoring/models/{key},
// POST /api/v1/scoring/preview and /rescore, GET /api/v1/scoring/suggested-model,
// GET /api/v1/leads/{id}/score-history.
// `services` and `scoring` must outlive the router.
void AddScoringRoutes(Router& router,
                      service::Services& services,
                      service::ScoringService& scoring);

}  // namespace lb::http::handlers
