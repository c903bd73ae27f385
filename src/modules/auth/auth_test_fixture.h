// SPDX-License-Identifier: Apache-2.0
// Shared by the auth tests: a migrated database, the module with its routes on a real Router
// (plus the settings routes), the test captcha answer and helpers to log in and call routes.
#pragma once

#include <gtest/gtest.h>

#include "http/error_response.h"
#include "modules/auth/auth_module.h"
#include "modules/settings/settings_routes.h"
#include "modules/testing/test_database.h"
#include "storage/job_queue.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
std::span<const storage::MigrationFile> settings();
std::span<const storage::MigrationFile> auth();
}  // namespace crm::migrations

namespace crm::auth {

inline constexpr std::string_view kAdminPassword = "Adm1n-Secret-Pw";
inline constexpr std::string_view kTestCaptcha = "K7MPQ";

struct TestSession {
  std::string token;
  std::string csrf;
  int64_t user_id = 0;
};

class AuthFixture : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {{"audit", migrations::audit()},
                               {"settings", migrations::settings()},
                               {"auth", migrations::auth()}});
    config_.set_for_test("auth.test_captcha", std::string(kTestCaptcha));
    config_.set_for_test("admin_password", std::string(kAdminPassword));
    jobs_ = std::make_unique<storage::JobQueue>(database_.db(), clock_);
    context_ = std::make_unique<modules::ModuleContext>(
        modules::ModuleContext{database_.db(), clock_, random_, config_, *jobs_, metrics_,
                               &keyring_});
    audit_ = std::make_unique<audit::AuditService>(database_.db(), clock_);
    settings_ = std::make_unique<settings::SettingsService>(database_.db(), clock_, *audit_, 0);
    module_ = std::make_unique<AuthModule>(*context_, *audit_, *settings_,
                                           PasswordHasher::Strength::kFastForTests);
    std::vector<modules::PermissionInfo> catalogue(module_->permissions().begin(),
                                                   module_->permissions().end());
    std::vector<std::string> owners(catalogue.size(), "auth");
    for (modules::PermissionInfo extra : {modules::PermissionInfo{"settings.view", "", ""},
                                          modules::PermissionInfo{"audit.view", "", ""},
                                          modules::PermissionInfo{"customers.view", "", ""},
                                          modules::PermissionInfo{"customers.edit", "", ""}}) {
      catalogue.push_back(extra);
      owners.push_back("other");
    }
    module_->service().set_catalogue(catalogue, owners);
    module_->add_routes(router_);
    settings_routes_ = std::make_unique<settings::SettingsRoutes>(*settings_);
    settings_routes_->add_to(router_);
    testing::internal::CaptureStdout();
    ASSERT_TRUE(module_->start());
    first_start_output_ = testing::internal::GetCapturedStdout();
  }

  AuthService& service() { return module_->service(); }

  http::Response call(http::Method method, const std::string& target, std::string body = {},
                      http::HeaderList headers = {}) {
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    auto request = http::Request::for_test(method, target, std::move(body), std::move(headers));
    auto response = router_.dispatch(request);
    if (!response) return http::error_response(response.error(), "test");
    return std::move(response).value();
  }

  // A call as a logged-in session (cookie, and the CSRF header unless `csrf` is false).
  http::Response as(const TestSession& session, http::Method method, const std::string& target,
                    const Json& body = nullptr, bool csrf = true) {
    http::HeaderList headers = {{"Cookie", "shopcrm_session=" + session.token}};
    if (csrf) headers.emplace_back("X-CSRF-Token", session.csrf);
    return call(method, target, body.is_null() ? std::string() : body.dump(), headers);
  }

  http::Response try_login(std::string_view username, std::string_view password) {
    Json captcha = Json::parse(call(http::Method::kGet, "/api/v1/auth/captcha").body());
    return call(http::Method::kPost, "/api/v1/auth/login",
                Json{{"username", username},
                     {"password", password},
                     {"captcha_id", captcha["id"]},
                     {"captcha", to_lower_ascii_for_test(kTestCaptcha)}}
                    .dump());
  }

  TestSession login(std::string_view username, std::string_view password) {
    http::Response response = try_login(username, password);
    EXPECT_EQ(response.status(), http::Status::kOk) << response.body();
    if (response.status() != http::Status::kOk) return {};
    const std::string cookie(response.header("Set-Cookie").value_or(""));
    const size_t start = cookie.find('=') + 1;
    Json body = Json::parse(response.body());
    return {cookie.substr(start, cookie.find(';') - start), body["csrf_token"],
            body["user"]["id"]};
  }

  int64_t role_id(std::string_view name) {
    auto roles = service().list_roles();
    CRM_CHECK(roles.has_value());
    for (const Role& role : *roles) {
      if (role.name == name) return role.id;
    }
    return 0;
  }

  // Creates an active user with `role` and the given password through the service.
  int64_t add_user(std::string username, std::string_view role,
                   std::string password = "Str0ng-Passw0rd") {
    NewUser user{.username = std::move(username), .display_name = "Test", .password = password,
                 .role_ids = {role_id(role)}};
    auto created = service().create_user(user, audit::AuditEntry{.actor_name = "test"});
    CRM_CHECK(created.has_value());
    return created->id;
  }

  int64_t count(const std::string& sql) {
    auto row = database_.db().read([&](storage::Connection& c) { return c.query_one(sql); });
    CRM_CHECK(row.has_value());
    return row->get_int(0);
  }

  static std::string to_lower_ascii_for_test(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }

  ManualClock clock_;
  SecureRandom random_;
  Config config_;
  http::Metrics metrics_;
  Keyring keyring_ = Keyring::for_test("auth-test");
  test::TestDatabase database_{GetParam()};
  std::unique_ptr<storage::JobQueue> jobs_;
  std::unique_ptr<modules::ModuleContext> context_;
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<settings::SettingsService> settings_;
  std::unique_ptr<AuthModule> module_;
  std::unique_ptr<settings::SettingsRoutes> settings_routes_;
  http::Router router_;
  std::string first_start_output_;
};

}  // namespace crm::auth
