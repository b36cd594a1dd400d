#include "http/message.hpp"

namespace lb::http {

std::string_view Request::Header(std::string_view name) const {
    auto it = headers.find(std::string(name));
    return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view Response::Header(std::string_view name) const {
    for (const auto& [header_name, value] : headers)
        if (header_name == name) return value;
    return {};
}

}  // namespace lb::http
