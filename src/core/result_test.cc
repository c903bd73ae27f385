// SPDX-License-Identifier: Apache-2.0
#include "core/result.h"

#include <gtest/gtest.h>

#include <string>

namespace crm {
namespace {

Result<int> parse_positive(int value) {
  if (value <= 0) return invalid_input("test.not_positive", "must be positive", "value");
  return value;
}

Result<int> doubled(int value) {
  CRM_TRY_ASSIGN(int checked, parse_positive(value));
  return checked * 2;
}

Result<void> check_only(int value) {
  CRM_TRY(parse_positive(value));
  return {};
}

TEST(Result, CarriesValueOrError) {
  auto ok = doubled(21);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 42);

  auto failed = doubled(-1);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, "test.not_positive");
  EXPECT_EQ(failed.error().field, "value");
  EXPECT_EQ(failed.error().kind, ErrorKind::kInvalidInput);
}

TEST(Result, VoidResultPropagatesErrors) {
  EXPECT_TRUE(check_only(3));
  EXPECT_FALSE(check_only(0));
  EXPECT_EQ(check_only(0).error().code, "test.not_positive");
}

TEST(Result, ValueOrFallsBack) {
  EXPECT_EQ(parse_positive(-5).value_or(7), 7);
  EXPECT_EQ(parse_positive(5).value_or(7), 5);
}

}  // namespace
}  // namespace crm
