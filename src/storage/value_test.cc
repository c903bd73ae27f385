// SPDX-License-Identifier: Apache-2.0
#include "storage/value.h"

#include <gtest/gtest.h>

namespace crm::storage {
namespace {

TEST(Value, ConvertsArgumentTypes) {
  EXPECT_EQ(to_value(7), Value(int64_t{7}));
  EXPECT_EQ(to_value(int64_t{-3}), Value(int64_t{-3}));
  EXPECT_EQ(to_value(true), Value(int64_t{1}));
  EXPECT_EQ(to_value(false), Value(int64_t{0}));
  EXPECT_EQ(to_value(2.5), Value(2.5));
  EXPECT_EQ(to_value("abc"), Value(std::string("abc")));
  EXPECT_EQ(to_value(std::string_view("sv")), Value(std::string("sv")));
  EXPECT_EQ(to_value(std::string("s")), Value(std::string("s")));
  EXPECT_EQ(to_value(Blob{"\x01\x00"}), Value(Blob{"\x01\x00"}));
  EXPECT_EQ(to_value(nullptr), Value(nullptr));
  EXPECT_EQ(to_value(std::optional<int>()), Value(nullptr));
  EXPECT_EQ(to_value(std::optional<std::string>("x")), Value(std::string("x")));
  const char* null_text = nullptr;
  EXPECT_EQ(to_value(null_text), Value(nullptr));
}

TEST(Row, GettersConvertLeniently) {
  Row row({int64_t{42}, 1.5, std::string("17"), nullptr, Blob{"b"}});
  EXPECT_EQ(row.size(), 5u);
  EXPECT_EQ(row.get_int(0), 42);
  EXPECT_EQ(row.get_string(0), "42");
  EXPECT_DOUBLE_EQ(row.get_double(1), 1.5);
  EXPECT_EQ(row.get_int(2), 17);
  EXPECT_TRUE(row.is_null(3));
  EXPECT_EQ(row.get_optional_int(3), std::nullopt);
  EXPECT_EQ(row.get_optional_string(3), std::nullopt);
  EXPECT_EQ(row.get_optional_int(0), 42);
  EXPECT_EQ(row.get_blob(4).bytes, "b");
  EXPECT_TRUE(row.get_bool(0));
  EXPECT_EQ(row.get<int>(0), 42);
  EXPECT_EQ(row.get<std::string>(2), "17");
}

}  // namespace
}  // namespace crm::storage
