// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/file_sender.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "core/json.h"

namespace crm::messaging {
namespace {

std::vector<Json> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<Json> lines;
  for (std::string line; std::getline(in, line);) {
    auto parsed = parse_json_object(line);
    EXPECT_TRUE(parsed) << line;
    if (parsed) lines.push_back(*parsed);
  }
  return lines;
}

class FileSenderTest : public testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/crm_outbox_XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  ManualClock clock_;
};

TEST_F(FileSenderTest, AppendsOneJsonLinePerMessageWithChineseTextAndCreatesTheFolder) {
  const std::string path = dir_ + "/nested/data/outbox.log";
  FileSender sender(path, clock_);
  ASSERT_TRUE(sender.send({Channel::kEmail, "han@example.cn", "shopcrm 验证码",
                           "您的 shopcrm 验证码是 123456，10 分钟内有效。\nLine \"two\""}));
  clock_.advance_ms(5);
  ASSERT_TRUE(sender.send({Channel::kSms, "13800138000", "", "验证码 654321"}));

  std::ifstream raw(path);
  std::string first_line;
  std::getline(raw, first_line);
  EXPECT_NE(first_line.find("验证码"), std::string::npos) << "UTF-8 is written as is";
  EXPECT_EQ(first_line.rfind("{\"at\":", 0), 0u) << first_line;

  const auto lines = read_lines(path);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["at"], clock_.now_ms() - 5);
  EXPECT_EQ(lines[0]["channel"], "email");
  EXPECT_EQ(lines[0]["to"], "han@example.cn");
  EXPECT_EQ(lines[0]["subject"], "shopcrm 验证码");
  EXPECT_EQ(lines[0]["body"], "您的 shopcrm 验证码是 123456，10 分钟内有效。\nLine \"two\"");
  EXPECT_EQ(lines[1]["channel"], "sms");
  EXPECT_EQ(lines[1]["body"], "验证码 654321");
}

TEST_F(FileSenderTest, ConcurrentSendersNeverInterleaveLines) {
  const std::string path = dir_ + "/outbox.log";
  FileSender sender(path, clock_);
  const std::string long_body(4000, 'x');
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) EXPECT_TRUE(sender.send({Channel::kSms, "1", "", long_body}));
    });
  }
  for (auto& thread : threads) thread.join();
  const auto lines = read_lines(path);
  ASSERT_EQ(lines.size(), 100u);
  for (const Json& line : lines) EXPECT_EQ(line["body"], long_body);
}

TEST_F(FileSenderTest, UnwritablePathIsSendFailed) {
  std::ofstream(dir_ + "/file") << "x";
  FileSender sender(dir_ + "/file/outbox.log", clock_);  // parent is a regular file
  auto result = sender.send({Channel::kSms, "1", "", "b"});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "messaging.send_failed");
  EXPECT_EQ(result.error().kind, ErrorKind::kUnavailable);
}

}  // namespace
}  // namespace crm::messaging
