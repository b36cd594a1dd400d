#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "common/text.hpp"
#include "http/error_mapping.hpp"
#include "http/url.hpp"

namespace lb::http {

namespace {

constexpr std::array<std::string_view, 4> kServerPrefixes = {
    "/api", "/healthz", "/collect", "/forms"};
constexpr std::string_view kAssetsPrefix = "/assets/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

bool IsUnder(std::string_view path, std::string_view prefix) {
    return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

bool IsSafeSegment(std::string_view segment) {
    return !segment.starts_with('.') && segment.find('\\') == std::string_view::npos;
}

// Whether `file` (canonical) lies below `root` (canonical).
bool IsInside(const std::filesystem::path& root, const std::filesystem::path& file) {
    auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    return root_end == root.end();
}

}  // namespace

bool IsUiPath(std::string_view path) {
    for (std::string_view prefix : kServerPrefixes)
        if (IsUnder(path, prefix)) return false;
    return true;
}

std::string_view ContentTypeFor(const std::filesystem::path& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kTypes = {{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".wasm", "application/wasm"},
    }};
    const std::string extension = ToLower(file.extension().string());
    for (const auto& [known, type] : kTypes)
        if (known == extension) return type;
    return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path ui_dir) {
    std::error_code ec;
    root_ = std::filesystem::canonical(ui_dir, ec);
    if (ec) root_ = std::move(ui_dir);
}

Result<std::filesystem::path> StaticFiles::Resolve(std::string_view raw_path) const {
    LB_ASSIGN_OR_RETURN(std::string path, PercentDecode(raw_path, false, "path"));
    std::filesystem::path relative;
    for (std::string_view segment : Split(path, '/')) {
        if (segment.empty()) continue;
        if (!IsSafeSegment(segment))
            return Fail(
                InvalidArgument("the path must not contain '..', hidden segments or "
                                "backslashes",
                                "path"));
        relative /= std::filesystem::path(segment);
    }
    if (relative.empty()) relative = "index.html";
    std::error_code ec;
    const std::filesystem::path file = std::filesystem::canonical(root_ / relative, ec);
    if (ec || !std::filesystem::is_regular_file(file, ec) || !IsInside(root_, file))
        return Fail(NotFound("no such file: " + path));
    return file;
}

Response StaticFiles::Serve(const Request& request) const {
    if (request.method != "GET" && request.method != "HEAD") {
        Response response = ErrorBody(405, "method_not_allowed", "UI files allow GET and HEAD");
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    std::error_code ec;
    const bool is_built = std::filesystem::is_regular_file(root_ / "index.html", ec);
    auto file = Resolve(request.path);
    if (file) {
        const bool is_asset = request.path.starts_with(kAssetsPrefix);
        return ServeFile(*file, is_asset ? kImmutable : kNoCache);
    }
    if (file.error().code != ErrorCode::kNotFound) return ErrorResponse(file.error());
    // A file (a script, a style sheet, /lb.js) that is not there is a 404 whether or not the UI
    // was built: the page below, or index.html, would run as a broken script.
    const std::filesystem::path wanted(request.path);
    if (request.path.starts_with(kAssetsPrefix) || wanted.has_extension()) {
        if (is_built) return ErrorResponse(file.error());
        return ErrorResponse(NotFound(file.error().message +
                                      ": the UI directory holds no build (the UI and lb.js are "
                                      "built by npm run build in web/)"));
    }
    if (!is_built) return NotBuiltPage();
    return ServeFile(root_ / "index.html", kNoCache);
}

Response StaticFiles::ServeFile(const std::filesystem::path& file,
                                std::string_view cache_control) const {
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open()) return ErrorResponse(Internal("cannot read UI file " + file.string()));
    std::ostringstream content;
    content << in.rdbuf();
    Response response;
    response.content_type = ContentTypeFor(file);
    response.body = std::move(content).str();
    response.headers.emplace_back("Cache-Control", cache_control);
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return response;
}

Response StaticFiles::NotBuiltPage() const {
    Response response;
    response.content_type = "text/html; charset=utf-8";
    response.headers.emplace_back("Cache-Control", kNoCache);
    response.body =
        "<!doctype html><title>Leadbase</title><h1>Leadbase</h1><p>The web UI was not built "
        "(no index.html in the UI directory). Build it with <code>npm run build</code> in "
        "<code>web/</code>; the API under <code>/api/v1/</code> works without it.</p>\n";
    return response;
}

}  // namespace lb::http
