// Request and Response: the HTTP messages as the router and handlers see them, free of Beast so
// that only server.cpp compiles Beast.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lb::http {

// One parsed request. Plain value; one per request. Header names are stored lowercase.
struct Request {
    std::string method;  // "GET", "POST", ...
    std::string path;    // the target before '?', still percent-encoded
    std::string query_string;
    std::map<std::string, std::string> headers;  // lowercase name -> value (last one wins)
    std::string body;
    std::map<std::string, std::string> path_params;  // filled by the router ("id" -> "42")

    // The header's value, or "" when absent. `name` must be lowercase.
    [[nodiscard]] std::string_view Header(std::string_view name) const;
};

// One response. Plain value. `headers` are sent as given, after Content-Type.
struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // The first value of header `name` (case-sensitive as stored), or "".
    [[nodiscard]] std::string_view Header(std::string_view name) const;
};

}  // namespace lb::http
