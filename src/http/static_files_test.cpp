#include "http/static_files.hpp"

#include <fstream>

#include <gtest/gtest.h>

namespace lb::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        base_ = fs::temp_directory_path() /
                ("lb_static_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                 "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(base_);
        fs::create_directories(base_ / "ui" / "assets");
        Write(base_ / "ui" / "index.html", "<html>app</html>");
        Write(base_ / "ui" / "assets" / "app-1a2b.js", "console.log(1)");
        Write(base_ / "ui" / "logo.svg", "<svg/>");
        Write(base_ / "ui" / ".env", "SECRET=1");
        Write(base_ / "secret.txt", "outside");
        fs::create_symlink(base_ / "secret.txt", base_ / "ui" / "link.txt");
    }
    void TearDown() override { fs::remove_all(base_); }

    static void Write(const fs::path& file, std::string_view content) {
        std::ofstream(file) << content;
    }
    Response Get(std::string path, std::string method = "GET") const {
        Request request;
        request.method = std::move(method);
        request.path = std::move(path);
        return StaticFiles(base_ / "ui").Serve(request);
    }

    fs::path base_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirContentType) {
    const Response script = Get("/assets/app-1a2b.js");
    EXPECT_EQ(script.status, 200u);
    EXPECT_EQ(script.body, "console.log(1)");
    EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(Get("/logo.svg").content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedLongAndIndexIsNot) {
    EXPECT_EQ(Get("/assets/app-1a2b.js").Header("Cache-Control"),
              "public, max-age=31536000, immutable");
    EXPECT_EQ(Get("/").Header("Cache-Control"), "no-cache");
    EXPECT_EQ(Get("/index.html").Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, UnknownPagePathsFallBackToIndex) {
    const Response page = Get("/leads/42");
    EXPECT_EQ(page.status, 200u);
    EXPECT_EQ(page.body, "<html>app</html>");
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
}

TEST_F(StaticFilesTest, MissingFilesAre404NotIndex) {
    EXPECT_EQ(Get("/assets/gone.js").status, 404u);
    EXPECT_EQ(Get("/favicon.ico").status, 404u);
}

TEST_F(StaticFilesTest, NeverServesAnythingOutsideTheDirectory) {
    for (const char* path : {"/../secret.txt",
                             "/../../etc/passwd",
                             "/%2e%2e/secret.txt",
                             "/%2E%2E/%2e%2e/etc/passwd",
                             "/assets/..%2f..%2fsecret.txt",
                             "/..%5csecret.txt",
                             "/.env",
                             "/link.txt",
                             "/%00index.html"}) {
        const Response response = Get(path);
        EXPECT_NE(response.status, 200u) << path;
        EXPECT_EQ(response.body.find("outside"), std::string::npos) << path;
        EXPECT_EQ(response.body.find("SECRET"), std::string::npos) << path;
    }
}

TEST_F(StaticFilesTest, OnlyGetAndHeadAreAllowed) {
    const Response response = Get("/", "POST");
    EXPECT_EQ(response.status, 405u);
    EXPECT_EQ(response.Header("Allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, MissingUiDirectorySaysTheUiWasNotBuilt) {
    Request request;
    request.method = "GET";
    request.path = "/";
    const Response response = StaticFiles(base_ / "nowhere").Serve(request);
    EXPECT_EQ(response.status, 200u);
    EXPECT_NE(response.body.find("not built"), std::string::npos);
}

// A page that loads /lb.js from a server whose UI was not built must get a 404, not the HTML
// page above with 200 (which a browser runs as a broken script, silently).
TEST_F(StaticFilesTest, WithoutABuiltUiFilesAre404AndNamesTheBuild) {
    for (const char* path : {"/lb.js", "/assets/app-1a2b.js", "/favicon.ico"}) {
        Request request;
        request.method = "GET";
        request.path = path;
        const Response response = StaticFiles(base_ / "nowhere").Serve(request);
        EXPECT_EQ(response.status, 404u) << path;
        EXPECT_NE(response.body.find("npm run build"), std::string::npos) << response.body;
    }
}

// lb.js is served whatever became of the UI's own build (index.html).
TEST_F(StaticFilesTest, TheSnippetIsServedWithoutTheUisIndex) {
    Write(base_ / "ui" / "lb.js", "(function(){})()");
    fs::remove(base_ / "ui" / "index.html");
    const Response script = Get("/lb.js");
    EXPECT_EQ(script.status, 200u);
    EXPECT_EQ(script.body, "(function(){})()");
    EXPECT_NE(Get("/").body.find("not built"), std::string::npos);
}

TEST(IsUiPath, ServerPathsAreNotUiPaths) {
    for (const char* path : {"/api", "/api/v1/leads", "/healthz", "/collect", "/forms/x"})
        EXPECT_FALSE(IsUiPath(path)) << path;
    for (const char* path : {"/", "/leads", "/apiary", "/assets/a.js", "/healthzz"})
        EXPECT_TRUE(IsUiPath(path)) << path;
}

}  // namespace
}  // namespace lb::http
