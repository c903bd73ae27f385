// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/smtp_sender.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace crm::messaging {
namespace {

std::string decode_base64(std::string_view text) {
  // Standard base64 -> base64url, then the core decoder (which takes it unpadded).
  std::string url(text);
  for (char& c : url) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!url.empty() && url.back() == '=') url.pop_back();
  return base64url_decode(url).value_or("<invalid>");
}

TEST(SmtpFormat, HeadersAreRfc5322WithEncodedUtf8SubjectAndBase64Body) {
  const Message message{Channel::kEmail, "han@example.cn", "shopcrm 密码找回验证码",
                        "您的 shopcrm 验证码是 123456。\nYour code is 123456."};
  const std::string text = format_email(message, "shopcrm <noreply@shop.example>",
                                        1'767'225'600'000, "abc.1@shop.example");
  const auto blank = text.find("\r\n\r\n");
  ASSERT_NE(blank, std::string::npos);
  const std::string headers = text.substr(0, blank + 2);
  EXPECT_NE(headers.find("Date: Thu, 01 Jan 2026 00:00:00 +0000\r\n"), std::string::npos) << headers;
  EXPECT_NE(headers.find("From: shopcrm <noreply@shop.example>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("To: <han@example.cn>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Message-ID: <abc.1@shop.example>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  const std::string subject_prefix = "Subject: =?UTF-8?B?";
  const auto subject = headers.find(subject_prefix);
  ASSERT_NE(subject, std::string::npos);
  const auto subject_end = headers.find("?=", subject);
  EXPECT_EQ(decode_base64(headers.substr(subject + subject_prefix.size(),
                                         subject_end - subject - subject_prefix.size())),
            message.subject);
  // Every header line is ASCII.
  for (unsigned char c : headers) EXPECT_LT(c, 0x80);

  std::string body;
  for (auto line : split(std::string_view(text).substr(blank + 4), '\n')) {
    ASSERT_LE(line.size(), 77u);  // 76 + '\r'
    body += std::string(trim(line));
  }
  EXPECT_EQ(decode_base64(body), message.body);
}

TEST(SmtpFormat, LongSubjectsAreSplitIntoEncodedWordsOnCharacterBoundaries) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "验";  // 120 bytes
  const std::string encoded = encode_header_text(subject);
  std::string decoded;
  for (auto word : split(encoded, '\n')) {
    word = trim(word);
    ASSERT_LE(word.size(), 75u);
    ASSERT_EQ(word.substr(0, 10), "=?UTF-8?B?");
    const std::string piece = decode_base64(word.substr(10, word.size() - 12));
    EXPECT_TRUE(is_valid_utf8(piece));
    decoded += piece;
  }
  EXPECT_EQ(decoded, subject);
  EXPECT_EQ(encode_header_text("Plain ASCII"), "Plain ASCII");
  EXPECT_EQ(envelope_address("Shop <a@b.c>"), "a@b.c");
  EXPECT_EQ(envelope_address(" a@b.c "), "a@b.c");
}

TEST(SmtpSender, UnreachableServerFailsQuicklyWithSendFailed) {
  ManualClock clock;
  SmtpSender sender({.url = "smtp://127.0.0.1:1", .mail_from = "noreply@shop.example",
                     .connect_timeout_ms = 2000, .timeout_ms = 3000},
                    clock);
  const int64_t started = steady_now_ms();
  auto result = sender.send({Channel::kEmail, "han@example.cn", "s", "code 123456"});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "messaging.send_failed");
  EXPECT_EQ(result.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(result.error().detail.find("123456"), std::string::npos);
  EXPECT_LT(steady_now_ms() - started, 3000);
}

TEST(SmtpSender, RefusesSms) {
  ManualClock clock;
  SmtpSender sender({.url = "smtp://127.0.0.1:1", .mail_from = "a@b"}, clock);
  EXPECT_EQ(sender.send({Channel::kSms, "138", "", "b"}).error().code, "messaging.invalid_message");
}

}  // namespace
}  // namespace crm::messaging
