// SPDX-License-Identifier: Apache-2.0
// Two-step verification end to end through the routes: set-up, enable, login with a code,
// replay refused, disable.
#include "modules/auth/auth_test_fixture.h"
#include "modules/auth/totp.h"

namespace crm::auth {
namespace {

using http::Method;
using http::Status;

class TotpLoginTest : public AuthFixture {
 protected:
  std::string code_now(const std::string& base32_secret, int64_t offset_steps = 0) {
    return totp_code(*base32_decode(base32_secret), clock_.now_ms() / 1000 / 30 + offset_steps);
  }

  http::Response login_with_code(const std::string& code) {
    Json captcha = Json::parse(call(Method::kGet, "/api/v1/auth/captcha").body());
    return call(Method::kPost, "/api/v1/auth/login",
                Json{{"username", "admin"}, {"password", kAdminPassword},
                     {"captcha_id", captcha["id"]}, {"captcha", std::string(kTestCaptcha)},
                     {"totp", code}}
                    .dump());
  }
};

TEST_P(TotpLoginTest, SetUpEnableLoginAndDisable) {
  TestSession admin = login("admin", kAdminPassword);
  http::Response setup = as(admin, Method::kPost, "/api/v1/auth/totp/setup", Json::object());
  ASSERT_EQ(setup.status(), Status::kOk) << setup.body();
  const std::string secret = Json::parse(setup.body())["secret"];
  EXPECT_NE(Json::parse(setup.body())["otpauth_uri"].get<std::string>().find(secret),
            std::string::npos);

  // Pending set-up is not yet required at login.
  EXPECT_EQ(try_login("admin", kAdminPassword).status(), Status::kOk);

  http::Response wrong = as(admin, Method::kPost, "/api/v1/auth/totp/enable", {{"code", "000000"}});
  EXPECT_EQ(wrong.status(), Status::kBadRequest);
  EXPECT_EQ(Json::parse(wrong.body())["error"]["field"], "code");
  ASSERT_EQ(as(admin, Method::kPost, "/api/v1/auth/totp/enable", {{"code", code_now(secret)}})
                .status(),
            Status::kNoContent);

  // Now the password alone is not enough.
  http::Response needs_code = try_login("admin", kAdminPassword);
  EXPECT_EQ(needs_code.status(), Status::kUnauthorized);
  EXPECT_EQ(Json::parse(needs_code.body())["error"]["code"], "auth.totp_required");
  EXPECT_EQ(Json::parse(needs_code.body())["error"]["field"], "totp");

  // The code used to enable cannot be replayed; the next step's code works once.
  EXPECT_EQ(Json::parse(login_with_code(code_now(secret)).body())["error"]["code"],
            "auth.totp_invalid");
  clock_.advance_ms(30'000);
  const std::string next = code_now(secret);
  http::Response ok = login_with_code(next);
  ASSERT_EQ(ok.status(), Status::kOk) << ok.body();
  EXPECT_EQ(Json::parse(ok.body())["user"]["totp_enabled"], true);
  EXPECT_EQ(login_with_code(next).status(), Status::kUnauthorized);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_log WHERE result = 'totp_invalid'"), 2);

  clock_.advance_ms(30'000);
  ASSERT_EQ(as(admin, Method::kPost, "/api/v1/auth/totp/disable", {{"code", code_now(secret)}})
                .status(),
            Status::kNoContent);
  EXPECT_EQ(try_login("admin", kAdminPassword).status(), Status::kOk);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'user.totp_%'"), 3);
}

// The secret is stored sealed (a copy of the database alone cannot produce codes); a plaintext
// secret from before sealing is sealed by reseal_totp_secrets (run at start) and keeps working.
TEST_P(TotpLoginTest, SecretsAreStoredSealedAndOldPlaintextOnesAreSealedAtStart) {
  TestSession admin = login("admin", kAdminPassword);
  http::Response setup = as(admin, Method::kPost, "/api/v1/auth/totp/setup", Json::object());
  ASSERT_EQ(setup.status(), Status::kOk) << setup.body();
  const std::string secret = Json::parse(setup.body())["secret"];
  auto stored = [&] {
    return database_.db()
        .read([](storage::Connection& c) {
          return c.query_one("SELECT totp_secret FROM users WHERE username = 'admin'");
        })
        ->get_string(0);
  };
  EXPECT_EQ(stored().find(secret), std::string::npos);
  EXPECT_EQ(stored().rfind(keyring_.active_prefix(), 0), 0u) << stored();
  EXPECT_EQ(*keyring_.open(stored(), TotpService::kSecretPlace), secret);

  // As written before secrets were sealed: plaintext base32. A code cannot be checked against it.
  ASSERT_TRUE(database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(tx.execute("UPDATE users SET totp_secret = ? WHERE username = 'admin'", secret));
    return {};
  }));
  EXPECT_EQ(as(admin, Method::kPost, "/api/v1/auth/totp/enable", {{"code", code_now(secret)}})
                .status(),
            Status::kInternalServerError);
  EXPECT_EQ(*reseal_totp_secrets(database_.db(), keyring_), 1);
  EXPECT_EQ(*reseal_totp_secrets(database_.db(), keyring_), 0);
  EXPECT_EQ(*keyring_.open(stored(), TotpService::kSecretPlace), secret);
  ASSERT_EQ(as(admin, Method::kPost, "/api/v1/auth/totp/enable", {{"code", code_now(secret)}})
                .status(),
            Status::kNoContent);
  clock_.advance_ms(30'000);
  EXPECT_EQ(login_with_code(code_now(secret)).status(), Status::kOk);
}

INSTANTIATE_TEST_SUITE_P(Databases, TotpLoginTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::auth
