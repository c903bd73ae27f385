// SPDX-License-Identifier: Apache-2.0
#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace crm::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("crm_static_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "assets");
    write("index.html", "<html>console</html>");
    write("assets/app-123.js", "console.log(1)");
    write("assets/style.css", "body{}");
    write("logo.svg", "<svg/>");
    write(".env", "SECRET=1");
    fs::create_directories(root_.parent_path() / "crm_outside");
    std::ofstream(root_.parent_path() / "crm_outside" / "secret.txt") << "secret";
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(root_ / name) << content;
  }
  std::optional<Response> get(std::string target, HeaderList headers = {}) {
    StaticFiles files(root_.string());
    return files.serve(Request::for_test(Method::kGet, std::move(target), {}, std::move(headers)));
  }
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithContentTypesAndCacheHeaders) {
  EXPECT_TRUE(StaticFiles(root_.string()).available());
  auto index = get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->body(), "<html>console</html>");
  EXPECT_EQ(index->header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->header("cache-control"), "no-cache");

  auto script = get("/assets/app-123.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script->header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(get("/assets/style.css")->header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(get("/logo.svg")->header("content-type"), "image/svg+xml");
}

TEST_F(StaticFilesTest, AnswersNotModifiedForMatchingEtag) {
  auto first = get("/logo.svg");
  ASSERT_TRUE(first);
  const std::string etag(*first->header("etag"));
  auto again = get("/logo.svg", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status(), Status::kNotModified);
  EXPECT_TRUE(again->body().empty());
  EXPECT_EQ(get("/logo.svg", {{"If-None-Match", "\"other\""}})->status(), Status::kOk);
}

TEST_F(StaticFilesTest, FallsBackToIndexForClientRoutes) {
  auto route = get("/customers/42");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->body(), "<html>console</html>");
  EXPECT_FALSE(get("/missing.js"));
  EXPECT_FALSE(get("/assets/missing"));
  EXPECT_FALSE(get("/api/v1/customers"));
  StaticFiles files(root_.string());
  EXPECT_FALSE(files.serve(Request::for_test(Method::kPost, "/customers")));
}

TEST_F(StaticFilesTest, RefusesTraversalAndHiddenFiles) {
  EXPECT_FALSE(get("/../crm_outside/secret.txt"));
  EXPECT_FALSE(get("/%2e%2e/crm_outside/secret.txt"));
  EXPECT_FALSE(get("/%2E%2E/%2e%2e/etc/passwd"));
  EXPECT_FALSE(get("/assets/..%2f..%2fcrm_outside"));
  EXPECT_FALSE(get("/assets/..\\..\\x"));
  EXPECT_FALSE(get("/.env"));
}

TEST(StaticFiles, MissingRootIsUnavailable) {
  StaticFiles files("/nonexistent/crm/web");
  EXPECT_FALSE(files.available());
  EXPECT_FALSE(files.serve(Request::for_test(Method::kGet, "/")));
}

}  // namespace
}  // namespace crm::http
