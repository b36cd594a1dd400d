// Router: maps method + path pattern ("/api/v1/leads/{id}") to a handler; answers 404 (JSON) for
// unknown paths and 405 with `Allow` for a known path with another method.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace lb::http {

// Handlers get the request with `path_params` filled (percent-decoded) and return the response.
// They must not throw; the server turns an escaped exception into a 500 anyway.
using Handler = std::function<Response(const Request&)>;
// Receives a response, once; may be called on any thread.
using Responder = std::function<void(Response)>;
// A handler that answers later (e.g. after a commit) by calling `respond` exactly once, from any
// thread. It must copy what it needs of the request before returning.
using AsyncHandler = std::function<void(const Request&, Responder respond)>;

// The outcome of looking a request up.
struct RouteMatch {
    enum class Kind { kFound, kUnknownPath, kWrongMethod };
    Kind kind = Kind::kUnknownPath;
    const Handler* handler = nullptr;             // set for kFound; owned by the router
    const AsyncHandler* async_handler = nullptr;  // set for kFound; empty for a plain handler
    std::map<std::string, std::string> params;    // set for kFound; raw (not yet decoded)
    std::string allow;                            // set for kWrongMethod: "GET, POST"
};

// A fixed routing table. Built once before the server starts (Add is not thread-safe); Match and
// Dispatch are const and thread-safe afterwards.
class Router final {
public:
    // Registers `handler` for `method` and `pattern`. Pattern segments are literal or `{name}`
    // (one whole, non-empty segment). Requires: pattern starts with '/', no duplicate route.
    void Add(std::string method, std::string pattern, Handler handler);
    // The same for a handler that answers asynchronously.
    void AddAsync(std::string method, std::string pattern, AsyncHandler handler);

    // Finds the route of `method` + `path` (path without the query string).
    [[nodiscard]] RouteMatch Match(std::string_view method, std::string_view path) const;

    // Every registered route as {method, pattern}, in registration order (for docs checks).
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> Routes() const;

    // Runs the matched handler with decoded path params, or returns the 404/405/400 error.
    // Blocks until an asynchronous handler has answered.
    [[nodiscard]] Response Dispatch(Request request) const;
    // The same, passing the response to `respond` (at once, or later for asynchronous handlers).
    void Dispatch(Request request, Responder respond) const;

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        AsyncHandler async_handler;
    };
    std::vector<Route> routes_;
};

}  // namespace lb::http
