// SPDX-License-Identifier: Apache-2.0
#include "core/money.h"

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(Money, FormatsFenAsYuan) {
  EXPECT_EQ(format_yuan(Fen{1230}), "12.30");
  EXPECT_EQ(format_yuan(Fen{5}), "0.05");
  EXPECT_EQ(format_yuan(Fen{-5}), "-0.05");
  EXPECT_EQ(format_yuan(Fen{0}), "0.00");
}

TEST(Money, ParsesYuanExactly) {
  EXPECT_EQ(parse_yuan("12").value(), Fen{1200});
  EXPECT_EQ(parse_yuan("12.3").value(), Fen{1230});
  EXPECT_EQ(parse_yuan("0.07").value(), Fen{7});
  EXPECT_EQ(parse_yuan("-1.50").value(), Fen{-150});
}

TEST(Money, RejectsMalformedAmounts) {
  for (const char* bad : {"", "1.234", "abc", "1.", ".5", "1,5", "1e3", "99999999999999999"}) {
    auto parsed = parse_yuan(bad, "price");
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, "money.invalid_amount");
    EXPECT_EQ(parsed.error().field, "price");
  }
}

}  // namespace
}  // namespace crm
