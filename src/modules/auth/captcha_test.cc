// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/captcha.h"

#include <gtest/gtest.h>

#include "core/text.h"
#include "modules/testing/test_database.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> auth();
}  // namespace crm::migrations

namespace crm::auth {
namespace {

class CaptchaTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {{"auth", migrations::auth()}});
  }

  CaptchaService fixed() { return CaptchaService(database_.db(), clock_, random_, "Q7ZKM"); }

  ManualClock clock_;
  SecureRandom random_;
  test::TestDatabase database_{GetParam()};
};

// Decodes the base64 of a data URI (standard alphabet, padded).
std::string decode_data_uri(const std::string& uri) {
  const std::string prefix = "data:image/png;base64,";
  EXPECT_EQ(uri.rfind(prefix, 0), 0u);
  std::string b64 = uri.substr(prefix.size());
  for (char& c : b64) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return base64url_decode(b64).value_or("");
}

TEST_P(CaptchaTest, ImageIsAPngDataUri) {
  CaptchaService service(database_.db(), clock_, random_, std::nullopt);
  auto captcha = service.create();
  ASSERT_TRUE(captcha) << captcha.error().detail;
  const std::string png = decode_data_uri(captcha->image);
  ASSERT_GT(png.size(), 100u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_GE(captcha->id.size(), 16u);
}

TEST_P(CaptchaTest, RightAnswerOnceCaseInsensitive) {
  CaptchaService service = fixed();
  auto captcha = service.create();
  ASSERT_TRUE(captcha);
  EXPECT_TRUE(service.verify(captcha->id, "q7zkm"));
  auto reused = service.verify(captcha->id, "Q7ZKM");
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code, "auth.captcha_invalid");
  EXPECT_EQ(reused.error().field, "captcha");
}

TEST_P(CaptchaTest, WrongAnswerUsesItUp) {
  CaptchaService service = fixed();
  auto captcha = service.create();
  ASSERT_TRUE(captcha);
  EXPECT_FALSE(service.verify(captcha->id, "AAAAA"));
  EXPECT_FALSE(service.verify(captcha->id, "Q7ZKM"));
}

TEST_P(CaptchaTest, ExpiresAfterTwoMinutes) {
  CaptchaService service = fixed();
  auto first = service.create();
  auto second = service.create();
  ASSERT_TRUE(first && second);
  clock_.advance_ms(kCaptchaTtlMs - 1000);
  EXPECT_TRUE(service.verify(first->id, "Q7ZKM"));
  clock_.advance_ms(2000);
  EXPECT_FALSE(service.verify(second->id, "Q7ZKM"));
  EXPECT_FALSE(service.verify("no-such-id", "Q7ZKM"));
}

TEST_P(CaptchaTest, StoresOnlyAHashOfTheAnswer) {
  CaptchaService service = fixed();
  ASSERT_TRUE(service.create());
  auto row = database_.db().read(
      [](storage::Connection& c) { return c.query_one("SELECT answer_hash FROM captchas"); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->get_string(0).size(), 64u);
  EXPECT_EQ(row->get_string(0).find("Q7ZKM"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, CaptchaTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::auth
