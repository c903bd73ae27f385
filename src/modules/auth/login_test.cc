// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/auth_test_fixture.h"

namespace crm::auth {
namespace {

using http::Method;
using http::Status;

class LoginTest : public AuthFixture {};

Json error_of(const http::Response& response) { return Json::parse(response.body())["error"]; }

TEST_P(LoginTest, FirstStartCreatesAdminOnce) {
  EXPECT_NE(first_start_output_.find("Created the administrator account: username admin"),
            std::string::npos);
  testing::internal::CaptureStdout();
  ASSERT_TRUE(module_->start());
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 1);
}

TEST_P(LoginTest, LoginSetsCookieAndANewSessionEachTime) {
  http::Response response = try_login("ADMIN", kAdminPassword);
  ASSERT_EQ(response.status(), Status::kOk) << response.body();
  const std::string cookie(response.header("Set-Cookie").value_or(""));
  EXPECT_EQ(cookie.rfind("shopcrm_session=", 0), 0u);
  for (const char* part : {"; Path=/", "; HttpOnly", "; SameSite=Strict"}) {
    EXPECT_NE(cookie.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // http.trust_proxy is off
  Json body = Json::parse(response.body());
  EXPECT_EQ(body["user"]["username"], "admin");
  EXPECT_EQ(body["user"]["data_scope"], "all");
  EXPECT_EQ(body["user"]["totp_enabled"], false);
  EXPECT_TRUE(body["user"]["last_login_at"].is_number_integer());

  TestSession first = login("admin", kAdminPassword);
  TestSession second = login("admin", kAdminPassword);
  EXPECT_NE(first.token, second.token);
  EXPECT_NE(first.csrf, second.csrf);
  http::Response me = as(first, Method::kGet, "/api/v1/auth/me");
  ASSERT_EQ(me.status(), Status::kOk) << me.body();
  EXPECT_EQ(Json::parse(me.body())["csrf_token"], first.csrf);
  // Only the SHA-256 of the token is stored.
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = '" + first.token + "'"), 0);
}

TEST_P(LoginTest, UnknownUserAndWrongPasswordAreIndistinguishable) {
  http::Response unknown = try_login("nobody", "Whatever-123");
  http::Response wrong = try_login("admin", "Whatever-123");
  EXPECT_EQ(unknown.status(), Status::kUnauthorized);
  EXPECT_EQ(unknown.status(), wrong.status());
  EXPECT_EQ(error_of(unknown)["code"], "auth.invalid_credentials");
  EXPECT_EQ(error_of(unknown)["code"], error_of(wrong)["code"]);
  EXPECT_EQ(error_of(unknown)["message"], error_of(wrong)["message"]);
}

TEST_P(LoginTest, NeedsARightUnusedCaptcha) {
  Json captcha = Json::parse(call(Method::kGet, "/api/v1/auth/captcha").body());
  auto attempt = [&](std::string answer) {
    return call(Method::kPost, "/api/v1/auth/login",
                Json{{"username", "admin"}, {"password", kAdminPassword},
                     {"captcha_id", captcha["id"]}, {"captcha", answer}}.dump());
  };
  http::Response wrong = attempt("XXXXX");
  EXPECT_EQ(wrong.status(), Status::kBadRequest);
  EXPECT_EQ(error_of(wrong)["code"], "auth.captcha_invalid");
  EXPECT_EQ(error_of(wrong)["field"], "captcha");
  EXPECT_EQ(attempt(std::string(kTestCaptcha)).status(), Status::kBadRequest);  // used up

  http::Response missing = call(Method::kPost, "/api/v1/auth/login",
                                Json{{"username", "admin"}, {"password", "x"}}.dump());
  EXPECT_EQ(error_of(missing)["code"], "validation.required");
  EXPECT_EQ(error_of(missing)["field"], "captcha_id");
}

TEST_P(LoginTest, AccountLockoutEngagesAndLifts) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(try_login("admin", "Wrong-pass-1").status(), Status::kUnauthorized);
  http::Response locked = try_login("admin", kAdminPassword);
  ASSERT_EQ(locked.status(), Status::kTooManyRequests) << locked.body();
  EXPECT_EQ(error_of(locked)["code"], "auth.locked");
  EXPECT_EQ(locked.header("Retry-After").value_or(""), "900");
  clock_.advance_ms(10 * 60'000);
  locked = try_login("admin", kAdminPassword);
  EXPECT_EQ(locked.status(), Status::kTooManyRequests);
  EXPECT_EQ(locked.header("Retry-After").value_or(""), "300");
  clock_.advance_ms(5 * 60'000);
  EXPECT_EQ(try_login("admin", kAdminPassword).status(), Status::kOk);
  // A success resets the account's count.
  for (int i = 0; i < 4; ++i) try_login("admin", "Wrong-pass-1");
  EXPECT_EQ(try_login("admin", kAdminPassword).status(), Status::kOk);
}

TEST_P(LoginTest, IpLockoutCountsAllUsernames) {
  ASSERT_TRUE(settings_->update({{"ip_lockout_threshold", 6}}, {.actor_name = "test"}));
  for (int i = 0; i < 6; ++i) try_login("user" + std::to_string(i), "Wrong-pass-1");
  http::Response locked = try_login("admin", kAdminPassword);
  EXPECT_EQ(locked.status(), Status::kTooManyRequests);
  clock_.advance_ms(15 * 60'000);
  EXPECT_EQ(try_login("admin", kAdminPassword).status(), Status::kOk);
}

TEST_P(LoginTest, EveryAttemptIsLoggedAndTheLogIsAppendOnly) {
  add_user("wang", "salesperson");
  ASSERT_TRUE(service().disable_user("wang", {.actor_name = "test"}));
  try_login("admin", kAdminPassword);
  try_login("admin", "Wrong-pass-1");
  try_login("ghost", "Wrong-pass-1");
  try_login("wang", "Str0ng-Passw0rd");
  call(Method::kPost, "/api/v1/auth/login",
       Json{{"username", "admin"}, {"password", "x"}, {"captcha_id", "nope"}, {"captcha", "x"}}
           .dump());
  TestSession admin = login("admin", kAdminPassword);
  Json log = Json::parse(as(admin, Method::kGet, "/api/v1/login-log?limit=10").body());
  ASSERT_EQ(log["total"], 6) << log.dump();
  std::vector<std::string> results;
  for (const Json& item : log["items"]) results.push_back(item["result"]);
  EXPECT_EQ(results, (std::vector<std::string>{"success", "captcha_invalid", "disabled",
                                               "invalid_credentials", "invalid_credentials",
                                               "success"}));
  EXPECT_TRUE(log["items"][3]["user_id"].is_null());  // ghost
  Json filtered =
      Json::parse(as(admin, Method::kGet, "/api/v1/login-log?result=success&limit=1").body());
  EXPECT_EQ(filtered["total"], 2);
  EXPECT_TRUE(filtered["next_after"].is_number_integer());

  auto changed = database_.db().transaction([](storage::Connection& tx) {
    return tx.execute("UPDATE login_log SET result = 'success'");
  });
  EXPECT_FALSE(changed);
  auto deleted = database_.db().transaction(
      [](storage::Connection& tx) { return tx.execute("DELETE FROM login_log"); });
  EXPECT_FALSE(deleted);
}

TEST_P(LoginTest, DisabledAccountNeedsTheRightPasswordToSayDisabled) {
  add_user("wang", "salesperson");
  ASSERT_TRUE(service().disable_user("wang", {.actor_name = "test"}));
  EXPECT_EQ(error_of(try_login("wang", "Wrong-pass-1"))["code"], "auth.invalid_credentials");
  http::Response disabled = try_login("wang", "Str0ng-Passw0rd");
  EXPECT_EQ(disabled.status(), Status::kForbidden);
  EXPECT_EQ(error_of(disabled)["code"], "auth.account_disabled");
}

TEST_P(LoginTest, LogoutEndsTheSession) {
  TestSession session = login("admin", kAdminPassword);
  http::Response out = as(session, Method::kPost, "/api/v1/auth/logout");
  ASSERT_EQ(out.status(), Status::kNoContent) << out.body();
  EXPECT_NE(out.header("Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);
  http::Response me = as(session, Method::kGet, "/api/v1/auth/me");
  EXPECT_EQ(me.status(), Status::kUnauthorized);
  EXPECT_EQ(error_of(me)["code"], "auth.required");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.logout'"), 1);
}

TEST_P(LoginTest, IdleAndAbsoluteTimeouts) {
  TestSession idle = login("admin", kAdminPassword);
  clock_.advance_ms(29 * 60'000);
  EXPECT_EQ(as(idle, Method::kGet, "/api/v1/auth/me").status(), Status::kOk);  // slides
  clock_.advance_ms(29 * 60'000);
  EXPECT_EQ(as(idle, Method::kGet, "/api/v1/auth/me").status(), Status::kOk);
  clock_.advance_ms(31 * 60'000);
  EXPECT_EQ(as(idle, Method::kGet, "/api/v1/auth/me").status(), Status::kUnauthorized);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);  // deleted when found expired

  TestSession busy = login("admin", kAdminPassword);
  for (int i = 0; i < 12 * 3 - 1; ++i) {
    clock_.advance_ms(20 * 60'000);
    ASSERT_EQ(as(busy, Method::kGet, "/api/v1/auth/me").status(), Status::kOk) << i;
  }
  clock_.advance_ms(20 * 60'000);  // 12 hours after login
  EXPECT_EQ(as(busy, Method::kGet, "/api/v1/auth/me").status(), Status::kUnauthorized);
}

// Sessions of closed browsers are never presented again; a later login sweeps them.
TEST_P(LoginTest, ALoginSweepsSessionsThatExpired) {
  login("admin", kAdminPassword);
  login("admin", kAdminPassword);
  clock_.advance_ms(20 * 60'000);
  TestSession recent = login("admin", kAdminPassword);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 3);
  clock_.advance_ms(11 * 60'000);  // the first two are idle for 31 minutes, the third for 11
  TestSession now = login("admin", kAdminPassword);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 2);
  EXPECT_EQ(as(recent, Method::kGet, "/api/v1/auth/me").status(), Status::kOk);
  EXPECT_EQ(as(now, Method::kGet, "/api/v1/auth/me").status(), Status::kOk);
}

TEST_P(LoginTest, StateChangingRequestsNeedTheCsrfToken) {
  TestSession session = login("admin", kAdminPassword);
  const Json change = {{"current_password", kAdminPassword}, {"new_password", "N3w-Secret-Pw"}};
  http::Response missing = as(session, Method::kPost, "/api/v1/auth/password", change, false);
  EXPECT_EQ(missing.status(), Status::kForbidden);
  EXPECT_EQ(error_of(missing)["code"], "auth.csrf_invalid");
  TestSession wrong = session;
  wrong.csrf = "not-the-token";
  EXPECT_EQ(as(wrong, Method::kPost, "/api/v1/auth/password", change).status(),
            Status::kForbidden);
  EXPECT_EQ(as(session, Method::kGet, "/api/v1/auth/me", nullptr, false).status(), Status::kOk);
  EXPECT_EQ(as(session, Method::kPost, "/api/v1/auth/password", change).status(),
            Status::kNoContent);
  EXPECT_EQ(try_login("admin", "N3w-Secret-Pw").status(), Status::kOk);
}

TEST_P(LoginTest, ChangingOwnPasswordChecksCurrentAndPolicy) {
  TestSession session = login("admin", kAdminPassword);
  TestSession other = login("admin", kAdminPassword);
  http::Response wrong = as(session, Method::kPost, "/api/v1/auth/password",
                            {{"current_password", "nope"}, {"new_password", "N3w-Secret-Pw"}});
  EXPECT_EQ(error_of(wrong)["code"], "auth.wrong_password");
  http::Response weak = as(session, Method::kPost, "/api/v1/auth/password",
                           {{"current_password", kAdminPassword}, {"new_password", "short"}});
  EXPECT_EQ(error_of(weak)["code"], "auth.weak_password");
  EXPECT_EQ(error_of(weak)["field"], "new_password");
  ASSERT_EQ(as(session, Method::kPost, "/api/v1/auth/password",
               {{"current_password", kAdminPassword}, {"new_password", "N3w-Secret-Pw"}})
                .status(),
            Status::kNoContent);
  EXPECT_EQ(as(session, Method::kGet, "/api/v1/auth/me").status(), Status::kOk);  // kept
  EXPECT_EQ(as(other, Method::kGet, "/api/v1/auth/me").status(), Status::kUnauthorized);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_set'"), 1);
}

TEST_P(LoginTest, PasswordPolicyIsPublic) {
  http::Response policy = call(Method::kGet, "/api/v1/auth/password-policy");
  ASSERT_EQ(policy.status(), Status::kOk);
  Json body = Json::parse(policy.body());
  EXPECT_EQ(body["min_length"], 10);
  EXPECT_EQ(body["classes"], 3);
  EXPECT_EQ(body["class_names"].size(), 4u);
}

TEST_P(LoginTest, FindAccountByUsernamePhoneOrEmail) {
  NewUser user{.username = "lili", .display_name = "Li", .password = "Str0ng-Passw0rd",
               .phone = "13800000001", .email = "Li@Example.com"};
  ASSERT_TRUE(service().create_user(user, {.actor_name = "test"}));
  for (std::string identifier : {"LiLi", "13800000001", "li@example.COM"}) {
    auto found = database_.db().read(
        [&](storage::Connection& c) { return service().find_account(c, identifier); });
    ASSERT_TRUE(found && *found) << identifier;
    EXPECT_EQ((*found)->username, "lili");
    EXPECT_EQ((*found)->email, "li@example.com");
    EXPECT_TRUE((*found)->active);
  }
  auto none = database_.db().read(
      [&](storage::Connection& c) { return service().find_account(c, "nobody"); });
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

INSTANTIATE_TEST_SUITE_P(Databases, LoginTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::auth
