// docs/openapi.yaml stays true to the code: every route the server registers is documented with
// its method, and every documented API path is served.
#include <fstream>
#include <set>
#include <sstream>

#include "api_fixture.hpp"
#include "common/text.hpp"
#include "http/handlers/routes.hpp"
#include "http/handlers/scoring_routes.hpp"
#include "http/router.hpp"

namespace lb::testing {
namespace {

class OpenApiDocument : public ApiTest {};

// {"GET /api/v1/leads", ...} from the `paths:` section: a path is a line "  /x:", a method a line
// "    get:" below it. Blank lines (paragraphs of a description) end nothing.
std::set<std::string> DocumentedRoutes() {
    std::ifstream in(std::string(LB_SOURCE_DIR) + "/docs/openapi.yaml");
    std::set<std::string> routes;
    std::string line, path;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (line.starts_with("  /") && line.ends_with(":")) {
            path = line.substr(2, line.size() - 3);
        } else if (!line.starts_with("  ")) {
            path.clear();
        } else if (!path.empty() && line.starts_with("    ") && !line.starts_with("     ")) {
            const std::string method = line.substr(4, line.find(':') - 4);
            for (const char* known : {"get", "post", "patch", "put", "delete", "options"})
                if (method == known) {
                    std::string upper = method;
                    for (char& c : upper)
                        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                    routes.insert(upper + " " + path);
                }
        }
    }
    return routes;
}

TEST_P(OpenApiDocument, DescribesExactlyTheRoutesTheServerHas) {
    http::Router router;
    http::handlers::AddApiRoutes(router, *services_, *tracking_);
    http::handlers::AddScoringRoutes(router, *services_, *scoring_);
    std::set<std::string> served;
    for (const auto& [method, pattern] : router.Routes()) served.insert(method + " " + pattern);
    const std::set<std::string> documented = DocumentedRoutes();
    ASSERT_FALSE(documented.empty()) << "docs/openapi.yaml not found or has no paths";
    EXPECT_EQ(documented, served);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         OpenApiDocument,
                         ::testing::Values(TestBackend::kSqlite),
                         TestBackendName);

}  // namespace
}  // namespace lb::testing
