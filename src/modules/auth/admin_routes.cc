// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/admin_routes.h"

#include "http/query_params.h"
#include "modules/auth/auth_json.h"

namespace crm::auth {

namespace {


Result<RoleDraft> role_draft(const Json& body) {
  RoleDraft draft;
  CRM_TRY_ASSIGN(draft.name, optional_string(body, "name"));
  CRM_TRY_ASSIGN(draft.label, optional_string(body, "label"));
  CRM_TRY_ASSIGN(draft.data_scope, optional_string(body, "data_scope"));
  CRM_TRY_ASSIGN(draft.permissions, optional_string_list(body, "permissions"));
  return draft;
}

http::Response items(Json list) {
  return http::Response::json(http::Status::kOk, {{"items", std::move(list)}});
}

}  // namespace

void AdminRoutes::add_to(http::Router& router) {
  auto bind = [this](Result<http::Response> (AdminRoutes::*method)(const http::Request&)) {
    return [this, method](http::Request& request) { return (this->*method)(request); };
  };
  router.get("/api/v1/users", "users.view", bind(&AdminRoutes::list_users));
  router.post("/api/v1/users", "users.manage", bind(&AdminRoutes::create_user));
  router.get("/api/v1/users/{id}", "users.view", bind(&AdminRoutes::get_user));
  router.patch("/api/v1/users/{id}", "users.manage", bind(&AdminRoutes::update_user));
  router.post("/api/v1/users/{id}/password", "users.manage", bind(&AdminRoutes::set_password));
  router.get("/api/v1/roles", "roles.view", [this](http::Request&) { return list_roles(); });
  router.post("/api/v1/roles", "roles.manage", bind(&AdminRoutes::create_role));
  router.patch("/api/v1/roles/{id}", "roles.manage", bind(&AdminRoutes::update_role));
  router.del("/api/v1/roles/{id}", "roles.manage", bind(&AdminRoutes::delete_role));
  router.get("/api/v1/permissions", "roles.view",
             [this](http::Request&) { return list_permissions(); });
  router.get("/api/v1/api-tokens", "tokens.manage",
             [this](http::Request&) { return list_tokens(); });
  router.post("/api/v1/api-tokens", "tokens.manage", bind(&AdminRoutes::create_token));
  router.del("/api/v1/api-tokens/{id}", "tokens.manage", bind(&AdminRoutes::revoke_token));
  router.get("/api/v1/login-log", "logs.view", bind(&AdminRoutes::list_logins));
}

Result<http::Response> AdminRoutes::list_users(const http::Request& request) {
  const http::QueryParams params(request, "validation.invalid");
  UserQuery query;
  query.q = params.text("q");
  query.status = params.text("status");
  CRM_TRY_ASSIGN(query.role_id, params.integer("role_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(query.limit, params.limit(kDefaultPageSize, kMaxPageSize));
  CRM_TRY_ASSIGN(query.after, params.integer("after", 1, INT64_MAX));
  CRM_TRY_ASSIGN(Page<User> page, auth_.list_users(query));
  return http::Response::json(http::Status::kOk, page_json(page));
}

Result<http::Response> AdminRoutes::create_user(const http::Request& request) {
  CRM_TRY_ASSIGN(Json body, request.json_body());
  NewUser user;
  CRM_TRY_ASSIGN(user.username, required_string(body, "username"));
  CRM_TRY_ASSIGN(user.display_name, required_string(body, "display_name"));
  CRM_TRY_ASSIGN(user.password, required_string(body, "password"));
  CRM_TRY_ASSIGN(auto phone, optional_string(body, "phone"));
  CRM_TRY_ASSIGN(auto email, optional_string(body, "email"));
  CRM_TRY_ASSIGN(auto department, optional_string(body, "department"));
  CRM_TRY_ASSIGN(auto role_ids, optional_id_list(body, "role_ids"));
  user.phone = phone.value_or("");
  user.email = email.value_or("");
  user.department = department.value_or("");
  user.role_ids = role_ids.value_or(std::vector<int64_t>{});
  CRM_TRY_ASSIGN(User created, auth_.create_user(user, audit::AuditEntry::from(request),
                                                 &request.context().permissions()));
  return http::Response::json(http::Status::kCreated, to_json(created));
}

Result<http::Response> AdminRoutes::get_user(const http::Request& request) {
  CRM_TRY_ASSIGN(int64_t id, request.path_id("id"));
  CRM_TRY_ASSIGN(User user, auth_.get_user(id));
  return http::Response::json(http::Status::kOk, to_json(user));
}

Result<http::Response> AdminRoutes::update_user(const http::Request& request) {
  CRM_TRY_ASSIGN(int64_t id, request.path_id("id"));
  CRM_TRY_ASSIGN(Json body, request.json_body());
  UserPatch patch;
  CRM_TRY_ASSIGN(patch.display_name, optional_string(body, "display_name"));
  CRM_TRY_ASSIGN(patch.phone, optional_string(body, "phone"));
  CRM_TRY_ASSIGN(patch.email, optional_string(body, "email"));
  CRM_TRY_ASSIGN(patch.department, optional_string(body, "department"));
  CRM_TRY_ASSIGN(patch.role_ids, optional_id_list(body, "role_ids"));
  CRM_TRY_ASSIGN(patch.status, optional_string(body, "status"));
  CRM_TRY_ASSIGN(User user, auth_.update_user(id, patch, audit::AuditEntry::from(request),
                                              &request.context().permissions()));
  return http::Response::json(http::Status::kOk, to_json(user));
}

Result<http::Response> AdminRoutes::set_password(const http::Request& request) {
  CRM_TRY_ASSIGN(int64_t id, request.path_id("id"));
  CRM_TRY_ASSIGN(Json body, request.json_body());
  CRM_TRY_ASSIGN(std::string password, required_string(body, "new_password"));
  CRM_TRY(auth_.set_user_password(id, password, audit::AuditEntry::from(request)));
  return http::Response::no_content();
}

Result<http::Response> AdminRoutes::list_roles() {
  CRM_TRY_ASSIGN(std::vector<Role> roles, auth_.list_roles());
  Json list = Json::array();
  for (const Role& role : roles) list.push_back(to_json(role));
  return items(std::move(list));
}

Result<http::Response> AdminRoutes::create_role(const http::Request& request) {
  CRM_TRY_ASSIGN(Json body, request.json_body());
  CRM_TRY_ASSIGN(RoleDraft draft, role_draft(body));
  CRM_TRY_ASSIGN(Role role, auth_.create_role(draft, audit::AuditEntry::from(request),
                                              &request.context().permissions()));
  return http::Response::json(http::Status::kCreated, to_json(role));
}

Result<http::Response> AdminRoutes::update_role(const http::Request& request) {
  CRM_TRY_ASSIGN(int64_t id, request.path_id("id"));
  CRM_TRY_ASSIGN(Json body, request.json_body());
  CRM_TRY_ASSIGN(RoleDraft draft, role_draft(body));
  CRM_TRY_ASSIGN(Role role, auth_.update_role(id, draft, audit::AuditEntry::from(request),
                                              &request.context().permissions()));
  return http::Response::json(http::Status::kOk, to_json(role));
}

Result<http::Response> AdminRoutes::delete_role(const http::Request& request) {
  CRM_TRY_ASSIGN(int64_t id, request.path_id("id"));
  CRM_TRY(auth_.delete_role(id, audit::AuditEntry::from(request)));
  return http::Response::no_content();
}

Result<http::Response> AdminRoutes::list_permissions() {
  Json list = Json::array();
  for (const PermissionEntry& entry : auth_.catalogue()) list.push_back(to_json(entry));
  return items(std::move(list));
}

Result<http::Response> AdminRoutes::list_tokens() {
  CRM_TRY_ASSIGN(std::vector<ApiToken> tokens, auth_.list_tokens());
  Json list = Json::array();
  for (const ApiToken& token : tokens) list.push_back(to_json(token));
  return items(std::move(list));
}

Result<http::Response> AdminRoutes::create_token(const http::Request& request) {
  CRM_TRY_ASSIGN(Json body, request.json_body());
  CRM_TRY_ASSIGN(std::string name, required_string(body, "name"));
  CRM_TRY_ASSIGN(auto permissions, optional_string_list(body, "permissions"));
  CRM_TRY_ASSIGN(NewApiToken created,
                 auth_.create_token(name, permissions.value_or(std::vector<std::string>{}),
                                    audit::AuditEntry::from(request),
                                    request.context().permissions()));
  Json json = to_json(created.token);
  json["token"] = created.secret;
  http::Response response = http::Response::json(http::Status::kCreated, json);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<http::Response> AdminRoutes::revoke_token(const http::Request& request) {
  CRM_TRY_ASSIGN(int64_t id, request.path_id("id"));
  CRM_TRY(auth_.revoke_token(id, audit::AuditEntry::from(request)));
  return http::Response::no_content();
}

Result<http::Response> AdminRoutes::list_logins(const http::Request& request) {
  const http::QueryParams params(request, "validation.invalid");
  LoginLogQuery query;
  query.username = params.text("username");
  query.result = params.text("result");
  CRM_TRY_ASSIGN(query.from_ms, params.time("from", false));
  CRM_TRY_ASSIGN(query.to_ms, params.time("to", true));
  CRM_TRY_ASSIGN(query.limit, params.limit(kDefaultPageSize, kMaxPageSize));
  CRM_TRY_ASSIGN(query.after, params.integer("after", 1, INT64_MAX));
  CRM_TRY_ASSIGN(Page<LoginLogEntry> page, auth_.list_logins(query));
  return http::Response::json(http::Status::kOk, page_json(page));
}

}  // namespace crm::auth
