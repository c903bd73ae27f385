// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/auth_test_fixture.h"

namespace crm::auth {
namespace {

using http::Method;
using http::Status;

class AdminRoutesTest : public AuthFixture {
 protected:
  int64_t audit_rows(std::string_view action) {
    return count("SELECT COUNT(*) FROM audit_log WHERE action = '" + std::string(action) + "'");
  }
  static std::string code(const http::Response& r) {
    return Json::parse(r.body())["error"]["code"];
  }
};

TEST_P(AdminRoutesTest, AdminCreatesUsersAndRolesWithAuditRows) {
  TestSession admin = login("admin", kAdminPassword);
  http::Response role = as(admin, Method::kPost, "/api/v1/roles",
                           {{"name", "auditor"}, {"label", "审计员"}, {"data_scope", "all"},
                            {"permissions", {"logs.view", "users.view"}}});
  ASSERT_EQ(role.status(), Status::kCreated) << role.body();
  const int64_t auditor = Json::parse(role.body())["id"];
  http::Response user = as(admin, Method::kPost, "/api/v1/users",
                           {{"username", "Zhao.Li"}, {"display_name", "赵丽"},
                            {"password", "Str0ng-Passw0rd"}, {"email", "zhao@example.com"},
                            {"role_ids", {auditor}}});
  ASSERT_EQ(user.status(), Status::kCreated) << user.body();
  Json created = Json::parse(user.body());
  EXPECT_EQ(created["username"], "zhao.li");
  EXPECT_EQ(created["permissions"], Json({"logs.view", "users.view"}));
  EXPECT_EQ(created["data_scope"], "all");
  EXPECT_EQ(created["status"], "active");
  EXPECT_FALSE(created.contains("password"));
  EXPECT_EQ(audit_rows("role.created"), 1);
  EXPECT_EQ(audit_rows("user.created"), 2);  // the first admin too
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%Passw0rd%'"), 0);

  http::Response taken = as(admin, Method::kPost, "/api/v1/users",
                            {{"username", "zhao.li"}, {"display_name", "x"},
                             {"password", "Str0ng-Passw0rd"}});
  EXPECT_EQ(taken.status(), Status::kConflict);
  EXPECT_EQ(code(taken), "user.username_taken");
  http::Response weak = as(admin, Method::kPost, "/api/v1/users",
                           {{"username", "qian"}, {"display_name", "x"}, {"password", "123456"}});
  EXPECT_EQ(code(weak), "auth.weak_password");
  EXPECT_EQ(Json::parse(weak.body())["error"]["field"], "password");
  EXPECT_EQ(code(as(admin, Method::kPost, "/api/v1/users",
                    {{"username", "x"}, {"display_name", "x"}, {"password", "Str0ng-Passw0rd"}})),
            "user.invalid_username");
  EXPECT_EQ(code(as(admin, Method::kPost, "/api/v1/users",
                    {{"username", "sun"}, {"display_name", "x"}, {"password", "Str0ng-Passw0rd"},
                     {"role_ids", {9999}}})),
            "user.unknown_role");

  Json list = Json::parse(as(admin, Method::kGet, "/api/v1/users?q=ZHAO&limit=1").body());
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["username"], "zhao.li");
  Json by_role = Json::parse(
      as(admin, Method::kGet, "/api/v1/users?role_id=" + std::to_string(auditor)).body());
  EXPECT_EQ(by_role["total"], 1);
  Json all = Json::parse(as(admin, Method::kGet, "/api/v1/users?limit=1").body());
  EXPECT_EQ(all["total"], 2);
  EXPECT_TRUE(all["next_after"].is_number_integer());

  Json permissions = Json::parse(as(admin, Method::kGet, "/api/v1/permissions").body());
  EXPECT_EQ(permissions["items"][0],
            Json({{"name", "users.view"}, {"label_zh", "查看员工"}, {"label_en", "View staff"},
                  {"module", "auth"}}));
}

TEST_P(AdminRoutesTest, SalespersonIsRefusedAdminRoutesAndCannotRaiseTheirRole) {
  const int64_t id = add_user("wang", "salesperson");
  TestSession sales = login("wang", "Str0ng-Passw0rd");
  for (const char* target : {"/api/v1/users", "/api/v1/roles", "/api/v1/settings",
                             "/api/v1/login-log", "/api/v1/api-tokens", "/api/v1/permissions"}) {
    http::Response response = as(sales, Method::kGet, target);
    EXPECT_EQ(response.status(), Status::kForbidden) << target;
    EXPECT_EQ(code(response), "auth.forbidden") << target;
  }
  http::Response raise = as(sales, Method::kPatch, "/api/v1/users/" + std::to_string(id),
                            {{"role_ids", {role_id("admin")}}});
  EXPECT_EQ(raise.status(), Status::kForbidden);
  Json me = Json::parse(as(sales, Method::kGet, "/api/v1/auth/me").body());
  EXPECT_EQ(me["user"]["roles"][0]["name"], "salesperson");
  EXPECT_EQ(me["user"]["data_scope"], "own");
  EXPECT_EQ(me["user"]["permissions"], Json({"customers.edit", "customers.view"}));
}

TEST_P(AdminRoutesTest, UsersCannotChangeTheirOwnRolesOrStatusNorGrantMoreThanTheyHave) {
  TestSession admin = login("admin", kAdminPassword);
  const std::string self = "/api/v1/users/" + std::to_string(admin.user_id);
  EXPECT_EQ(code(as(admin, Method::kPatch, self, {{"role_ids", {role_id("analyst")}}})),
            "user.cannot_change_self");
  EXPECT_EQ(code(as(admin, Method::kPatch, self, {{"status", "disabled"}})),
            "user.cannot_change_self");
  EXPECT_EQ(as(admin, Method::kPatch, self, {{"display_name", "Boss"}}).status(), Status::kOk);

  // A user manager without roles.manage cannot hand out the admin role.
  http::Response role = as(admin, Method::kPost, "/api/v1/roles",
                           {{"name", "hr"}, {"label", "HR"}, {"data_scope", "own"},
                            {"permissions", {"users.view", "users.manage"}}});
  ASSERT_EQ(role.status(), Status::kCreated);
  add_user("hr1", "hr");
  const int64_t target = add_user("zhou", "salesperson");
  TestSession hr = login("hr1", "Str0ng-Passw0rd");
  http::Response grant = as(hr, Method::kPatch, "/api/v1/users/" + std::to_string(target),
                            {{"role_ids", {role_id("admin")}}});
  EXPECT_EQ(grant.status(), Status::kForbidden);
  EXPECT_EQ(code(grant), "auth.cannot_grant");
}

TEST_P(AdminRoutesTest, DisablingAndSettingAPasswordEndSessions) {
  TestSession admin = login("admin", kAdminPassword);
  const int64_t id = add_user("wang", "salesperson");
  TestSession sales = login("wang", "Str0ng-Passw0rd");
  const std::string path = "/api/v1/users/" + std::to_string(id);
  ASSERT_EQ(as(admin, Method::kPost, path + "/password", {{"new_password", "An0ther-Passw0rd"}})
                .status(),
            Status::kNoContent);
  EXPECT_EQ(as(sales, Method::kGet, "/api/v1/auth/me").status(), Status::kUnauthorized);
  EXPECT_EQ(audit_rows("user.password_set"), 1);

  sales = login("wang", "An0ther-Passw0rd");
  http::Response disabled = as(admin, Method::kPatch, path, {{"status", "disabled"}});
  ASSERT_EQ(disabled.status(), Status::kOk) << disabled.body();
  EXPECT_EQ(Json::parse(disabled.body())["status"], "disabled");
  EXPECT_EQ(as(sales, Method::kGet, "/api/v1/auth/me").status(), Status::kUnauthorized);
  EXPECT_EQ(audit_rows("user.disabled"), 1);
}

TEST_P(AdminRoutesTest, RoleRules) {
  TestSession admin = login("admin", kAdminPassword);
  Json roles = Json::parse(as(admin, Method::kGet, "/api/v1/roles").body());
  ASSERT_EQ(roles["items"].size(), 5u);
  EXPECT_EQ(roles["items"][0]["name"], "admin");
  EXPECT_EQ(roles["items"][0]["user_count"], 1);
  EXPECT_EQ(roles["items"][0]["permissions"].size(), 10u);  // the whole catalogue

  const std::string admin_role = "/api/v1/roles/" + std::to_string(role_id("admin"));
  EXPECT_EQ(code(as(admin, Method::kPatch, admin_role, {{"label", "x"}})), "role.builtin");
  EXPECT_EQ(code(as(admin, Method::kDelete, admin_role)), "role.builtin");
  EXPECT_EQ(code(as(admin, Method::kPost, "/api/v1/roles",
                    {{"name", "bad"}, {"label", "x"}, {"permissions", {"rockets.launch"}}})),
            "role.unknown_permission");

  http::Response created = as(admin, Method::kPost, "/api/v1/roles",
                              {{"name", "temp"}, {"label", "Temp"}, {"data_scope", "department"}});
  ASSERT_EQ(created.status(), Status::kCreated);
  const std::string path = "/api/v1/roles/" + Json::parse(created.body())["id"].dump();
  http::Response patched = as(admin, Method::kPatch, path, {{"permissions", {"users.view"}}});
  EXPECT_EQ(Json::parse(patched.body())["permissions"], Json({"users.view"}));
  add_user("wuwu", "temp");
  http::Response in_use = as(admin, Method::kDelete, path);
  EXPECT_EQ(in_use.status(), Status::kConflict);
  EXPECT_EQ(code(in_use), "role.in_use");
  EXPECT_NE(Json::parse(in_use.body())["error"]["message"].get<std::string>().find("1 user"),
            std::string::npos);
  EXPECT_EQ(audit_rows("role.updated"), 1);
}

TEST_P(AdminRoutesTest, BuiltinDefaultsAreGrantedOnceAndRemovalSticks) {
  const int64_t sales = role_id("salesperson");
  ASSERT_TRUE(service().update_role(sales, {.permissions = std::vector<std::string>{}},
                                    {.actor_name = "test"}));
  ASSERT_TRUE(service().sync_builtin_roles());
  auto roles = service().list_roles();
  ASSERT_TRUE(roles);
  for (const Role& role : *roles) {
    if (role.name == "salesperson") {
      EXPECT_TRUE(role.permissions.empty());
    }
  }
  // A permission introduced later (a new module) is granted once.
  auto catalogue = service().catalogue();
  std::vector<modules::PermissionInfo> infos;
  std::vector<std::string> owners;
  for (const PermissionEntry& e : catalogue) {
    infos.push_back({e.name, e.label_zh, e.label_en});
    owners.push_back(e.module);
  }
  infos.push_back({"orders.view", "查看订单", "View orders"});
  owners.emplace_back("orders");
  service().set_catalogue(infos, owners);
  ASSERT_TRUE(service().sync_builtin_roles());
  roles = service().list_roles();
  for (const Role& role : *roles) {
    if (role.name == "salesperson") {
      EXPECT_EQ(role.permissions, std::vector<std::string>{"orders.view"});
    }
  }
}

TEST_P(AdminRoutesTest, ApiTokensAreScopedShownOnceAndRevocable) {
  TestSession admin = login("admin", kAdminPassword);
  http::Response created = as(admin, Method::kPost, "/api/v1/api-tokens",
                              {{"name", "ERP sync"}, {"permissions", {"users.view"}}});
  ASSERT_EQ(created.status(), Status::kCreated) << created.body();
  Json token = Json::parse(created.body());
  const std::string secret = token["token"];
  EXPECT_EQ(secret.rfind("scrm_", 0), 0u);
  EXPECT_EQ(token["prefix"], secret.substr(0, 8));
  const http::HeaderList bearer = {{"Authorization", "Bearer " + secret}};
  EXPECT_EQ(call(Method::kGet, "/api/v1/users", {}, bearer).status(), Status::kOk);
  EXPECT_EQ(call(Method::kGet, "/api/v1/roles", {}, bearer).status(), Status::kForbidden);
  EXPECT_EQ(call(Method::kPost, "/api/v1/users", Json{{"username", "abc"}}.dump(), bearer).status(),
            Status::kForbidden);  // no CSRF needed, but no users.manage either
  Json listed = Json::parse(as(admin, Method::kGet, "/api/v1/api-tokens").body());
  EXPECT_FALSE(listed["items"][0].contains("token"));
  EXPECT_TRUE(listed["items"][0]["last_used_at"].is_number_integer());
  EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens WHERE token_hash = '" + secret + "'"), 0);

  ASSERT_EQ(as(admin, Method::kDelete, "/api/v1/api-tokens/" + token["id"].dump()).status(),
            Status::kNoContent);
  http::Response revoked = call(Method::kGet, "/api/v1/users", {}, bearer);
  EXPECT_EQ(revoked.status(), Status::kUnauthorized);
  EXPECT_EQ(code(revoked), "auth.required");
  EXPECT_EQ(audit_rows("api_token.created"), 1);
  EXPECT_EQ(audit_rows("api_token.revoked"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%" + secret + "%'"), 0);
}

TEST_P(AdminRoutesTest, TokensNeverExceedTheirCreator) {
  TestSession admin = login("admin", kAdminPassword);
  http::Response role = as(admin, Method::kPost, "/api/v1/roles",
                           {{"name", "integrator"}, {"label", "Integrator"},
                            {"permissions", {"tokens.manage", "users.view"}}});
  ASSERT_EQ(role.status(), Status::kCreated);
  const std::string role_path = "/api/v1/roles/" + Json::parse(role.body())["id"].dump();
  add_user("ops", "integrator");
  TestSession ops = login("ops", "Str0ng-Passw0rd");
  http::Response too_much = as(ops, Method::kPost, "/api/v1/api-tokens",
                               {{"name", "x"}, {"permissions", {"users.manage"}}});
  EXPECT_EQ(too_much.status(), Status::kForbidden);
  EXPECT_EQ(code(too_much), "auth.cannot_grant");
  http::Response created = as(ops, Method::kPost, "/api/v1/api-tokens",
                              {{"name", "x"}, {"permissions", {"users.view"}}});
  ASSERT_EQ(created.status(), Status::kCreated);
  const http::HeaderList bearer = {
      {"Authorization", "Bearer " + Json::parse(created.body())["token"].get<std::string>()}};
  EXPECT_EQ(call(Method::kGet, "/api/v1/users", {}, bearer).status(), Status::kOk);
  // The creator loses users.view: so does the token.
  ASSERT_EQ(as(admin, Method::kPatch, role_path, {{"permissions", {"tokens.manage"}}}).status(),
            Status::kOk);
  EXPECT_EQ(call(Method::kGet, "/api/v1/users", {}, bearer).status(), Status::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Databases, AdminRoutesTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::auth
