// SPDX-License-Identifier: Apache-2.0
#include "modules/recovery/recovery_code.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>

#include "core/crypto.h"

namespace crm::recovery {
namespace {

// A Random whose bytes are all zero: uniform() yields 0.
class ZeroRandom final : public Random {
 public:
  void fill(void* buffer, size_t size) override { std::memset(buffer, 0, size); }
};

TEST(RecoveryCode, SixDigitsZeroPaddedAndVaried) {
  ZeroRandom zero;
  EXPECT_EQ(generate_code(zero), "000000");
  SeededRandom random(42);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = generate_code(random);
    ASSERT_TRUE(is_code_format(code)) << code;
    seen.insert(code);
  }
  EXPECT_GT(seen.size(), 190u);
  for (const char* bad : {"", "12345", "1234567", "12345a", " 12345", "１２３４５６"}) {
    EXPECT_FALSE(is_code_format(bad)) << bad;
  }
}

TEST(RecoveryCode, HashIsBoundToTheUser) {
  EXPECT_EQ(hash_code(7, "123456"), sha256_hex("7:123456"));
  EXPECT_NE(hash_code(7, "123456"), hash_code(8, "123456"));
}

TEST(RecoveryCode, DeliveryFollowsTheIdentifier) {
  const AccountContact both{1, "lilei", "13800138000", "li.lei@example.cn", true};
  const AccountContact phone_only{2, "hanmei", "13900139000", "", true};
  const AccountContact email_only{3, "wang", "", "wang@example.cn", true};
  const AccountContact neither{4, "zhao", "", "", true};

  EXPECT_EQ(choose_delivery("LI.LEI@example.cn", both)->channel, DeliveryChannel::kEmail);
  EXPECT_EQ(choose_delivery("lilei", both)->destination, "li.lei@example.cn");
  EXPECT_EQ(choose_delivery("13800138000", both)->channel, DeliveryChannel::kSms);
  EXPECT_EQ(choose_delivery("13800138000", both)->destination, "13800138000");
  EXPECT_EQ(choose_delivery("hanmei", phone_only)->channel, DeliveryChannel::kSms);
  EXPECT_EQ(choose_delivery("wang", email_only)->channel, DeliveryChannel::kEmail);
  EXPECT_FALSE(choose_delivery("zhao", neither).has_value());
}

TEST(RecoveryCode, DestinationsAreMasked) {
  EXPECT_EQ(mask_destination({DeliveryChannel::kEmail, "li.lei@example.cn"}), "l***@example.cn");
  EXPECT_EQ(mask_destination({DeliveryChannel::kSms, "13800138000"}), "138****8000");
  EXPECT_EQ(mask_destination({DeliveryChannel::kSms, "+8613800138000"}), "+86*******8000");
  EXPECT_EQ(mask_destination({DeliveryChannel::kSms, "123"}), "***");
}

TEST(RecoveryCode, MessageIsChineseThenEnglish) {
  const std::string body = code_message_body("012345");
  EXPECT_EQ(body.rfind("您的 shopcrm 验证码是 012345，10 分钟内有效。如非本人操作请忽略。\n", 0), 0u);
  EXPECT_NE(body.find("Your shopcrm verification code is 012345."), std::string::npos);
}

}  // namespace
}  // namespace crm::recovery
