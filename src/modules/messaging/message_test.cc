// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/message.h"

#include <gtest/gtest.h>

namespace crm::messaging {
namespace {

TEST(Message, ValidateRefusesHeaderInjectionAndBadAddresses) {
  EXPECT_TRUE(validate({Channel::kEmail, "li.lei@example.cn", "验证码", "正文"}));
  EXPECT_TRUE(validate({Channel::kSms, "+8613800138000", "", "您的验证码"}));
  for (const char* to : {"", "no-at-sign", "a@b\r\nBcc: x@y", "<a@b>", "a b@c", "@example.com"}) {
    auto result = validate({Channel::kEmail, to, "s", "b"});
    ASSERT_FALSE(result) << to;
    EXPECT_EQ(result.error().code, "messaging.invalid_message");
    EXPECT_EQ(result.error().field, "to");
  }
  EXPECT_EQ(validate({Channel::kEmail, "a@b", "line\r\nBcc: x@y", "b"}).error().field, "subject");
  EXPECT_EQ(validate({Channel::kSms, "138", "", "\xff"}).error().field, "body");
}

TEST(Message, JsonRoundTripAndBlankedPayload) {
  const Message message{Channel::kSms, "13800138000", "", "验证码 123456"};
  auto parsed = message_from_json(to_json(message));
  ASSERT_TRUE(parsed && parsed->has_value());
  EXPECT_EQ((*parsed)->channel, Channel::kSms);
  EXPECT_EQ((*parsed)->to, "13800138000");
  EXPECT_EQ((*parsed)->body, "验证码 123456");

  auto blank = message_from_json(Json::object());
  ASSERT_TRUE(blank);
  EXPECT_FALSE(blank->has_value());
  EXPECT_EQ(message_from_json(Json{{"channel", "fax"}, {"to", "x"}}).error().code,
            "messaging.invalid_payload");
}

}  // namespace
}  // namespace crm::messaging
