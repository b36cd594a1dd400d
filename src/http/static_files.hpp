// Static UI files: serves the built web UI from a directory, with SPA fallback to index.html,
// content types, cache headers and no way out of the directory.
#pragma once

#include <filesystem>
#include <string_view>

#include "common/result.hpp"
#include "http/message.hpp"

namespace lb::http {

// True for paths the UI owns: everything but /api, /healthz, /collect and /forms (and below).
[[nodiscard]] bool IsUiPath(std::string_view path);

// The Content-Type for a file name by its extension; application/octet-stream when unknown.
[[nodiscard]] std::string_view ContentTypeFor(const std::filesystem::path& file);

// Serves files below one directory. Thread-safe (reads the file system on each request; holds
// only the directory path).
class StaticFiles final {
public:
    // `ui_dir` may be missing; then every page says the UI was not built.
    explicit StaticFiles(std::filesystem::path ui_dir);

    // The file below the directory that `raw_path` (percent-encoded) names. kInvalidArgument
    // ("path") for bad escapes, NUL, backslashes, "..", or hidden segments; kNotFound when no
    // regular file is there or it lies outside the directory (through a link).
    [[nodiscard]] Result<std::filesystem::path> Resolve(std::string_view raw_path) const;

    // Answers GET/HEAD for `request.path`: the file; index.html (Cache-Control: no-cache) for
    // paths without a file extension outside /assets/; 404 otherwise. Files under /assets/ are
    // content-hashed by the build and cached for a year. 405 for other methods.
    [[nodiscard]] Response Serve(const Request& request) const;

private:
    [[nodiscard]] Response ServeFile(const std::filesystem::path& file,
                                     std::string_view cache_control) const;
    [[nodiscard]] Response NotBuiltPage() const;

    std::filesystem::path root_;  // canonical when it exists
};

}  // namespace lb::http
