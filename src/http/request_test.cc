// SPDX-License-Identifier: Apache-2.0
#include "http/request.h"

#include <gtest/gtest.h>

namespace crm::http {
namespace {

TEST(Request, DecodesPathAndQuery) {
  Request request = Request::for_test(Method::kGet, "/api/v1/c%20d?q=a%2Bb+c&x=1&x=2&flag");
  EXPECT_EQ(request.path(), "/api/v1/c d");
  EXPECT_EQ(request.raw_path(), "/api/v1/c%20d");
  EXPECT_EQ(request.query("q"), "a+b c");
  EXPECT_EQ(request.query("x"), "1");
  EXPECT_EQ(request.query_params().count("x"), 2u);
  EXPECT_EQ(request.query("flag"), "");
  EXPECT_FALSE(request.query("missing"));
}

TEST(Request, RejectsMalformedTargets) {
  EXPECT_FALSE(Request::create(Method::kGet, "/a%zz", {}, {}, {}));
  EXPECT_FALSE(Request::create(Method::kGet, "/a%2", {}, {}, {}));
  EXPECT_FALSE(Request::create(Method::kGet, "/a%00", {}, {}, {}));
  EXPECT_FALSE(Request::create(Method::kGet, "http://x/", {}, {}, {}));
  auto bad = Request::create(Method::kGet, "/?q=%G1", {}, {}, {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "http.bad_target");
}

TEST(Request, HeadersAreCaseInsensitive) {
  Request request = Request::for_test(Method::kGet, "/", {}, {{"X-Thing", "1"}});
  EXPECT_EQ(request.header("x-thing"), "1");
  EXPECT_EQ(request.header("X-THING"), "1");
  EXPECT_FALSE(request.header("x-other"));
}

TEST(Request, ReadsCookies) {
  Request request = Request::for_test(Method::kGet, "/", {},
                                      {{"Cookie", "a=1; sid=\"abc\"; empty="}, {"cookie", "b=2"}});
  EXPECT_EQ(request.cookie("sid"), "abc");
  EXPECT_EQ(request.cookie("a"), "1");
  EXPECT_EQ(request.cookie("empty"), "");
  EXPECT_EQ(request.cookie("b"), "2");
  EXPECT_FALSE(request.cookie("c"));
}

TEST(Request, PathIdAcceptsOnlyPositiveIntegers) {
  Request request = Request::for_test(Method::kGet, "/");
  request.set_path_param("id", "42");
  request.set_path_param("bad", "4x");
  request.set_path_param("zero", "0");
  request.set_path_param("negative", "-3");
  EXPECT_EQ(*request.path_id("id"), 42);
  for (const char* name : {"bad", "zero", "negative", "missing"}) {
    auto id = request.path_id(name);
    ASSERT_FALSE(id) << name;
    EXPECT_EQ(id.error().kind, ErrorKind::kNotFound);
    EXPECT_EQ(id.error().code, "http.not_found");
  }
}

TEST(Request, JsonBody) {
  const HeaderList json = {{"Content-Type", "application/json; charset=utf-8"}};
  auto ok = Request::for_test(Method::kPost, "/", R"({"a":1})", json).json_body();
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)["a"], 1);

  auto wrong_type = Request::for_test(Method::kPost, "/", R"({"a":1})",
                                      {{"Content-Type", "text/plain"}}).json_body();
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.error().code, "http.unsupported_media_type");
  EXPECT_FALSE(Request::for_test(Method::kPost, "/", "{}").json_body());  // no Content-Type

  auto malformed = Request::for_test(Method::kPost, "/", "{\"a\":", json).json_body();
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, "json.malformed");
  EXPECT_EQ(Request::for_test(Method::kPost, "/", "[1]", json).json_body().error().code,
            "json.not_object");

  Request deep = Request::for_test(Method::kPost, "/", R"({"a":{"b":{"c":1}}})", json);
  deep.set_json_depth_limit(2);
  EXPECT_EQ(deep.json_body().error().code, "json.too_deep");
}

}  // namespace
}  // namespace crm::http
