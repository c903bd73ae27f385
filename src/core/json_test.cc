// SPDX-License-Identifier: Apache-2.0
#include "core/json.h"

#include <gtest/gtest.h>

#include <string>

namespace crm {
namespace {

TEST(Json, ParsesObjects) {
  auto parsed = parse_json_object(R"({"name":"李雷","age":30})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(required_string(*parsed, "name").value(), "李雷");
  EXPECT_EQ(required_int(*parsed, "age").value(), 30);
}

TEST(Json, MalformedBodyNamesTheOffset) {
  auto parsed = parse_json(R"({"name": )");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, "json.malformed");
  EXPECT_NE(parsed.error().message.find("byte"), std::string::npos);
}

TEST(Json, RejectsDeepNestingBeforeParsing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto parsed = parse_json(deep, {.max_depth = 32});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, "json.too_deep");
  // Brackets inside strings do not count.
  EXPECT_TRUE(parse_json(R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})", {.max_depth = 2}));
}

TEST(Json, FieldReadersNameTheField) {
  const Json body = Json::parse(R"({"age":"thirty","ok":1})");
  auto age = required_int(body, "age");
  ASSERT_FALSE(age);
  EXPECT_EQ(age.error().code, "validation.type");
  EXPECT_EQ(age.error().field, "age");
  auto name = required_string(body, "name");
  ASSERT_FALSE(name);
  EXPECT_EQ(name.error().code, "validation.required");
  EXPECT_EQ(name.error().field, "name");
  EXPECT_FALSE(optional_bool(body, "ok"));
  EXPECT_FALSE(optional_string(body, "missing").value().has_value());
}

TEST(Json, NotAnObjectIsRefused) {
  auto parsed = parse_json_object("[1,2]");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, "json.not_object");
}

}  // namespace
}  // namespace crm
