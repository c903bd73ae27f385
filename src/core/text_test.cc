// SPDX-License-Identifier: Apache-2.0
#include "core/text.h"

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(Text, HexAndBase64) {
  EXPECT_EQ(to_hex("\x01\xAB"), "01ab");
  EXPECT_EQ(base64_encode("hello"), "aGVsbG8=");
  EXPECT_EQ(base64url_encode("\xFB\xFF"), "-_8");
  EXPECT_EQ(base64url_decode("-_8").value(), "\xFB\xFF");
  EXPECT_FALSE(base64url_decode("***"));
}

TEST(Text, TrimSplitAndIntegers) {
  EXPECT_EQ(trim("  a b \n"), "a b");
  const auto parts = split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[2], "b");
  EXPECT_EQ(parse_int64("-42").value(), -42);
  EXPECT_FALSE(parse_int64("4x"));
  EXPECT_FALSE(parse_int64(""));
  EXPECT_FALSE(parse_int64("99999999999999999999"));
}

TEST(Text, ValidatesUtf8) {
  EXPECT_TRUE(is_valid_utf8("客户 shopcrm"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE5\xAE"));      // truncated
}

}  // namespace
}  // namespace crm
