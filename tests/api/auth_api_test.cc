// SPDX-License-Identifier: Apache-2.0
// Staff accounts end to end (issue 3) against the real binary, on SQLite and PostgreSQL: captcha,
// login, lockout, sessions, CSRF, recovery, roles, tokens, audit, settings, and clean logs.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";

class AuthApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    outbox_ = db_->dir() + "/outbox.log";
    server_ = start_server({"--test-captcha", kCaptcha},
                           {{"SHOPCRM_ADMIN_PASSWORD", kAdminPassword},
                            {"SHOPCRM_MESSAGING_OUTBOX_FILE", outbox_},
                            {"SHOPCRM_JOBS_POLL_INTERVAL_MS", "50"}});
    ASSERT_TRUE(server_);
  }

  ApiSession session() { return ApiSession(server_->base_url(), kCaptcha); }

  ApiSession admin() {
    ApiSession admin = session();
    EXPECT_EQ(admin.login("admin", kAdminPassword).status, 200);
    return admin;
  }

  int64_t role_id(ApiSession& admin, const std::string& name) {
    const nlohmann::json roles = admin.get("/api/v1/roles").json();
    for (const auto& role : roles["items"]) {
      if (role["name"] == name) return role["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no role " << name;
    return 0;
  }

  // Creates a salesperson and returns their id.
  int64_t create_salesperson(ApiSession& admin, const std::string& username,
                             const std::string& password) {
    auto created = admin.post("/api/v1/users", {{"username", username},
                                                {"display_name", "业务员 " + username},
                                                {"password", password},
                                                {"email", username + "@example.com"},
                                                {"role_ids", {role_id(admin, "salesperson")}}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json().value("id", int64_t{0});
  }

  // The code in the newest message of the development sender, waiting for the job to deliver it.
  std::string latest_code() {
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::ifstream in(outbox_);
      std::string line, last;
      while (std::getline(in, line)) {
        if (!line.empty()) last = line;
      }
      std::smatch match;
      const std::string body = last.empty() ? "" : nlohmann::json::parse(last).value("body", "");
      if (std::regex_search(body, match, std::regex("(\\d{6})"))) return match[1];
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no code in " << outbox_;
    return "";
  }

  std::string outbox_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(AuthApiTest, CaptchaIsRequiredAndSingleUse) {
  ApiSession s = session();
  auto captcha = HttpClient(server_->base_url()).get("/api/v1/auth/captcha");
  ASSERT_EQ(captcha.status, 200);
  EXPECT_EQ(captcha.json()["image"].get<std::string>().rfind("data:image/png;base64,", 0), 0u);

  const std::string id = captcha.json()["id"];
  const nlohmann::json wrong{{"username", "admin"}, {"password", kAdminPassword},
                             {"captcha_id", id}, {"captcha", "0000"}};
  auto refused = s.send("POST", "/api/v1/auth/login", wrong.dump(), false);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json()["error"]["code"], "auth.captcha_invalid");
  EXPECT_EQ(refused.json()["error"]["field"], "captcha");

  // The wrong answer used the captcha up: the right answer with the same id is refused too.
  const nlohmann::json reused{{"username", "admin"}, {"password", kAdminPassword},
                              {"captcha_id", id}, {"captcha", kCaptcha}};
  EXPECT_EQ(s.send("POST", "/api/v1/auth/login", reused.dump(), false).status, 400);

  const nlohmann::json missing{{"username", "admin"}, {"password", kAdminPassword}};
  auto no_captcha = s.send("POST", "/api/v1/auth/login", missing.dump(), false);
  EXPECT_EQ(no_captcha.status, 400);
  EXPECT_FALSE(no_captcha.json()["error"]["field"].get<std::string>().empty());
}

TEST_P(AuthApiTest, UnknownUserAndWrongPasswordAreIndistinguishable) {
  ApiSession s = session();
  auto unknown = s.login("nobody", "Whatever-123");
  auto wrong = s.login("admin", "Wrong-Pass-123");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, unknown.status);
  EXPECT_EQ(wrong.json()["error"]["code"], unknown.json()["error"]["code"]);
  EXPECT_EQ(wrong.json()["error"]["message"], unknown.json()["error"]["message"]);
}

TEST_P(AuthApiTest, LockoutEngagesAfterRepeatedFailuresAndIsLogged) {
  ApiSession a = admin();
  create_salesperson(a, "target", "Sales-Pass-2026");
  ApiSession s = session();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(s.login("target", "Wrong-Pass-123").status, 401);
  auto locked = s.login("target", "Sales-Pass-2026");  // even the right password
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.json()["error"]["code"], "auth.locked");
  EXPECT_FALSE(locked.header("retry-after").empty());

  auto log = a.get("/api/v1/login-log?username=target");
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(log.json()["total"], 6);
  EXPECT_EQ(log.json()["items"][0]["result"], "locked");
  EXPECT_EQ(log.json()["items"][1]["result"], "invalid_credentials");
  EXPECT_EQ(log.json()["items"][0]["ip"], "127.0.0.1");
}

TEST_P(AuthApiTest, SessionRotatesAtLoginAndDiesAtLogout) {
  ApiSession first = admin();
  ApiSession second = admin();
  EXPECT_NE(first.session_cookie(), second.session_cookie());
  EXPECT_EQ(first.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(first.get("/api/v1/auth/me").json()["user"]["username"], "admin");

  const std::string old_cookie = first.session_cookie();
  EXPECT_EQ(first.post("/api/v1/auth/logout", nlohmann::json::object()).status, 204);
  ApiSession replay = session();
  replay.set_session_cookie(old_cookie);
  EXPECT_EQ(replay.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(second.get("/api/v1/auth/me").status, 200);  // other sessions live on
}

TEST_P(AuthApiTest, StateChangingRequestsNeedTheCsrfToken) {
  ApiSession a = admin();
  const std::string body = nlohmann::json{{"churn_threshold_days", 200}}.dump();
  auto refused = a.send("PUT", "/api/v1/settings", body, /*with_csrf=*/false);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["error"]["code"], "auth.csrf_invalid");
  EXPECT_EQ(a.get("/api/v1/settings").json()["values"]["churn_threshold_days"], 180);
  EXPECT_EQ(a.send("PUT", "/api/v1/settings", body).status, 200);
  EXPECT_EQ(a.get("/api/v1/settings").json()["values"]["churn_threshold_days"], 200);
}

TEST_P(AuthApiTest, InvalidSettingsAreRefusedWithTheFieldNamed) {
  ApiSession a = admin();
  auto bad = a.put("/api/v1/settings", {{"lockout_threshold", 3}, {"session_idle_minutes", 0}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["field"], "session_idle_minutes");
  EXPECT_EQ(a.get("/api/v1/settings").json()["values"]["lockout_threshold"], 5);  // nothing changed
  auto unknown = a.put("/api/v1/settings", {{"no_such_setting", 1}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json()["error"]["field"], "no_such_setting");
}

TEST_P(AuthApiTest, SalespersonIsRefusedAdminRoutesAndCannotRaiseOwnRole) {
  ApiSession a = admin();
  const int64_t id = create_salesperson(a, "lilei", "Sales-Pass-2026");
  ApiSession sales = session();
  ASSERT_EQ(sales.login("lilei", "Sales-Pass-2026").status, 200);
  for (const char* path : {"/api/v1/users", "/api/v1/roles", "/api/v1/settings",
                           "/api/v1/audit-log", "/api/v1/login-log", "/api/v1/api-tokens"}) {
    EXPECT_EQ(sales.get(path).status, 403) << path;
  }
  auto raise = sales.patch("/api/v1/users/" + std::to_string(id),
                           {{"role_ids", {role_id(a, "admin")}}});
  EXPECT_EQ(raise.status, 403);
  auto me = sales.get("/api/v1/auth/me").json()["user"];
  EXPECT_EQ(me["roles"].size(), 1u);
  EXPECT_EQ(me["roles"][0]["name"], "salesperson");
}

TEST_P(AuthApiTest, RevokedApiTokenIsRefused) {
  ApiSession a = admin();
  auto created = a.post("/api/v1/api-tokens", {{"name", "ERP"}, {"permissions", {"users.view"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = created.json()["token"];
  HttpClient erp(server_->base_url());
  EXPECT_EQ(erp.request("GET", "/api/v1/users", {}, {"Authorization: Bearer " + token}).status, 200);
  EXPECT_EQ(erp.request("GET", "/api/v1/roles", {}, {"Authorization: Bearer " + token}).status, 403);

  const auto id = created.json()["id"].get<int64_t>();
  EXPECT_EQ(a.del("/api/v1/api-tokens/" + std::to_string(id)).status, 204);
  EXPECT_EQ(erp.request("GET", "/api/v1/users", {}, {"Authorization: Bearer " + token}).status, 401);
  // Listing never shows the secret again.
  EXPECT_EQ(a.get("/api/v1/api-tokens").body.find(token), std::string::npos);
}

TEST_P(AuthApiTest, RecoveryCodeIsSingleUseAndRateLimited) {
  ApiSession a = admin();
  create_salesperson(a, "hanmeimei", "Sales-Pass-2026");
  ApiSession anon = session();
  auto sent = anon.post("/api/v1/auth/recovery/request", {{"identifier", "hanmeimei@example.com"},
                                                          {"captcha_id", anon.captcha_id()},
                                                          {"captcha", kCaptcha}});
  EXPECT_EQ(sent.status, 202);
  auto unknown = anon.post("/api/v1/auth/recovery/request", {{"identifier", "ghost@example.com"},
                                                             {"captcha_id", anon.captcha_id()},
                                                             {"captcha", kCaptcha}});
  EXPECT_EQ(unknown.status, sent.status);
  EXPECT_EQ(unknown.body, sent.body);

  const std::string code = latest_code();
  auto confirmed = anon.post("/api/v1/auth/recovery/confirm",
                             {{"identifier", "hanmeimei@example.com"},
                              {"code", code},
                              {"new_password", "Brand-New-Pass-7"}});
  EXPECT_EQ(confirmed.status, 204) << confirmed.body;
  auto again = anon.post("/api/v1/auth/recovery/confirm", {{"identifier", "hanmeimei@example.com"},
                                                          {"code", code},
                                                          {"new_password", "Another-Pass-8"}});
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.json()["error"]["code"], "auth.code_invalid");
  EXPECT_EQ(session().login("hanmeimei", "Brand-New-Pass-7").status, 200);

  long last = 0;
  for (int i = 0; i < 4; ++i) {
    last = anon.post("/api/v1/auth/recovery/request", {{"identifier", "hanmeimei"},
                                                       {"captcha_id", anon.captcha_id()},
                                                       {"captcha", kCaptcha}})
               .status;
  }
  EXPECT_EQ(last, 429);
}

TEST_P(AuthApiTest, EveryWriteIsAuditedAndTheAuditLogCannotBeAltered) {
  ApiSession a = admin();
  create_salesperson(a, "auditme", "Sales-Pass-2026");
  a.put("/api/v1/settings", {{"churn_threshold_days", 90}});
  auto log = a.get("/api/v1/audit-log?limit=50");
  ASSERT_EQ(log.status, 200);
  std::set<std::string> actions;
  const nlohmann::json entries = log.json();
  for (const auto& item : entries["items"]) actions.insert(item["action"]);
  EXPECT_TRUE(actions.count("user.created")) << log.body;
  EXPECT_TRUE(actions.count("settings.updated")) << log.body;
  EXPECT_EQ(log.body.find("Sales-Pass-2026"), std::string::npos);  // never a password

  const std::string altered = GetParam() == "sqlite"
      ? run_command({"sqlite3", db_->url().substr(7), "UPDATE audit_log SET action = 'x'"}).err
      : run_command({"psql", db_->url(), "-c", "DELETE FROM audit_log"}).err;
  EXPECT_NE(altered.find("append-only"), std::string::npos) << altered;
  EXPECT_EQ(a.get("/api/v1/audit-log?limit=50").body, log.body);
}

TEST_P(AuthApiTest, NoSecretEverReachesTheLog) {
  ApiSession a = admin();
  auto token = a.post("/api/v1/api-tokens", {{"name", "BI"}, {"permissions", {"users.view"}}});
  create_salesperson(a, "secretive", "Sales-Pass-2026");
  ApiSession anon = session();
  anon.post("/api/v1/auth/recovery/request",
            {{"identifier", "secretive"}, {"captcha_id", anon.captcha_id()}, {"captcha", kCaptcha}});
  const std::string code = latest_code();
  session().login("secretive", "Wrong-Guess-999");

  const std::string log = server_->log();
  for (const std::string& secret : {std::string(kAdminPassword), std::string("Sales-Pass-2026"),
                                   std::string("Wrong-Guess-999"), code,
                                   token.json().value("token", std::string("?")),
                                   a.session_cookie().substr(a.session_cookie().find('=') + 1),
                                   a.csrf_token()}) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(log.find(secret), std::string::npos) << "secret in log: " << secret;
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, AuthApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
