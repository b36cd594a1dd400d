#include "http/router.hpp"

#include <future>
#include <utility>

#include "common/assert.hpp"
#include "common/text.hpp"
#include "http/error_mapping.hpp"
#include "http/url.hpp"

namespace lb::http {

namespace {

bool IsParam(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::vector<std::string> SplitPath(std::string_view path) {
    std::vector<std::string> segments;
    for (std::string_view segment : Split(path.substr(1), '/')) segments.emplace_back(segment);
    return segments;
}

// Fills `params` when `path` fits the pattern's segments.
bool Fits(const std::vector<std::string>& pattern,
          const std::vector<std::string>& path,
          std::map<std::string, std::string>& params) {
    if (pattern.size() != path.size()) return false;
    std::map<std::string, std::string> found;
    for (std::size_t segment_idx = 0; segment_idx < pattern.size(); ++segment_idx) {
        const std::string& expected = pattern[segment_idx];
        const std::string& actual = path[segment_idx];
        if (IsParam(expected)) {
            if (actual.empty()) return false;
            found[expected.substr(1, expected.size() - 2)] = actual;
        } else if (expected != actual) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
    LB_ASSERT(!pattern.empty() && pattern.front() == '/');
    std::vector<std::string> segments = SplitPath(pattern);
    routes_.push_back(
        {std::move(method), std::move(pattern), std::move(segments), std::move(handler), {}});
}

void Router::AddAsync(std::string method, std::string pattern, AsyncHandler handler) {
    LB_ASSERT(!pattern.empty() && pattern.front() == '/');
    std::vector<std::string> segments = SplitPath(pattern);
    routes_.push_back(
        {std::move(method), std::move(pattern), std::move(segments), {}, std::move(handler)});
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
    std::vector<std::pair<std::string, std::string>> routes;
    for (const Route& route : routes_) routes.emplace_back(route.method, route.pattern);
    return routes;
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
    RouteMatch match;
    if (path.empty() || path.front() != '/') return match;
    const std::vector<std::string> segments = SplitPath(path);
    for (const Route& route : routes_) {
        std::map<std::string, std::string> params;
        if (!Fits(route.segments, segments, params)) continue;
        if (route.method == method) {
            return {RouteMatch::Kind::kFound,
                    &route.handler,
                    &route.async_handler,
                    std::move(params),
                    ""};
        }
        match.kind = RouteMatch::Kind::kWrongMethod;
        match.allow += match.allow.empty() ? "" : ", ";
        match.allow += route.method;
    }
    return match;
}

Response Router::Dispatch(Request request) const {
    std::promise<Response> promise;
    std::future<Response> future = promise.get_future();
    // The reference stays valid: this function waits for the answer.
    Dispatch(std::move(request),
             [&promise](Response response) { promise.set_value(std::move(response)); });
    return future.get();
}

void Router::Dispatch(Request request, Responder respond) const {
    RouteMatch match = Match(request.method, request.path);
    if (match.kind == RouteMatch::Kind::kUnknownPath)
        return respond(ErrorResponse(NotFound("no such endpoint: " + request.path)));
    if (match.kind == RouteMatch::Kind::kWrongMethod) {
        Response response = ErrorBody(
            405,
            "method_not_allowed",
            request.method + " is not allowed on " + request.path + "; allowed: " + match.allow);
        response.headers.emplace_back("Allow", match.allow);
        return respond(std::move(response));
    }
    for (auto& [name, raw] : match.params) {
        auto decoded = PercentDecode(raw, false, name);
        if (!decoded) return respond(ErrorResponse(decoded.error()));
        request.path_params[name] = std::move(*decoded);
    }
    if (*match.async_handler) return (*match.async_handler)(request, std::move(respond));
    respond((*match.handler)(request));
}

}  // namespace lb::http
