// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/auth_routes.h"

#include "http/error_response.h"
#include "modules/auth/auth_json.h"

namespace crm::auth {

namespace {

std::string attribute(const http::Request& request, const std::string& name) {
  const auto& attributes = request.context().attributes();
  const auto it = attributes.find(name);
  return it == attributes.end() ? std::string() : it->second;
}

}  // namespace

void AuthRoutes::add_to(http::Router& router) {
  const std::string pub(http::kPublic);
  const std::string any(http::kAuthenticated);
  router.get("/api/v1/auth/captcha", pub, [this](http::Request&) { return captcha(); });
  router.post("/api/v1/auth/login", pub, [this](http::Request& r) { return login(r); });
  router.get("/api/v1/auth/password-policy", pub,
             [this](http::Request&) { return password_policy(); });
  router.get("/api/v1/auth/me", any, [this](http::Request& r) { return me(r); });
  router.post("/api/v1/auth/logout", any, [this](http::Request& r) { return logout(r); });
  router.post("/api/v1/auth/password", any,
              [this](http::Request& r) { return change_password(r); });
  router.post("/api/v1/auth/totp/setup", any, [this](http::Request& r) { return totp_setup(r); });
  router.post("/api/v1/auth/totp/enable", any,
              [this](http::Request& r) { return totp_enable(r, true); });
  router.post("/api/v1/auth/totp/disable", any,
              [this](http::Request& r) { return totp_enable(r, false); });
}

std::string AuthRoutes::cookie(std::string_view value, bool expire) const {
  std::string out = std::string(kSessionCookie) + "=" + std::string(value) + "; Path=/";
  if (expire) out += "; Max-Age=0";
  out += "; HttpOnly; SameSite=Strict";
  if (secure_cookie_) out += "; Secure";
  return out;
}

Result<http::Response> AuthRoutes::captcha() {
  CRM_TRY_ASSIGN(Captcha created, captcha_.create());
  http::Response response =
      http::Response::json(http::Status::kOk, {{"id", created.id}, {"image", created.image}});
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<http::Response> AuthRoutes::login(const http::Request& request) {
  CRM_TRY_ASSIGN(Json body, request.json_body());
  LoginInput input;
  for (auto [field, target] : {std::pair{"username", &input.username},
                               std::pair{"password", &input.password},
                               std::pair{"captcha_id", &input.captcha_id},
                               std::pair{"captcha", &input.captcha},
                               std::pair{"totp", &input.totp}}) {
    CRM_TRY_ASSIGN(std::optional<std::string> value, optional_string(body, field));
    *target = value.value_or("");
  }
  input.ip = request.context().remote_address();
  input.user_agent = std::string(request.header("User-Agent").value_or(""));
  input.previous_token = std::string(request.cookie(kSessionCookie).value_or(""));
  int64_t retry_after_s = 0;
  auto result = sessions_.login(input, &retry_after_s);
  if (!result) {
    if (result.error().code != "auth.locked") return std::move(result).error();
    http::Response locked = http::error_response(result.error(), request.context().request_id());
    locked.set_header("Retry-After", std::to_string(retry_after_s));
    return locked;
  }
  http::Response response = http::Response::json(
      http::Status::kOk, {{"user", to_json(result->user)}, {"csrf_token", result->csrf_token}});
  response.add_header("Set-Cookie", cookie(result->session_token, false));
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<http::Response> AuthRoutes::password_policy() {
  const settings::Settings current = auth_.settings().current();
  return http::Response::json(
      http::Status::kOk, {{"min_length", current.password_min_length},
                          {"classes", current.password_classes},
                          {"class_names", {"lower", "upper", "digit", "symbol"}},
                          {"forbid_username", true},
                          {"forbid_common", true}});
}

Result<http::Response> AuthRoutes::me(const http::Request& request) {
  CRM_TRY_ASSIGN(User user, auth_.get_user(request.context().actor()->user_id));
  Json body = {{"user", to_json(user)}, {"csrf_token", attribute(request, "csrf_token")}};
  if (request.context().actor()->is_api_token) {  // the token's narrower permissions
    body["user"]["permissions"] = request.context().permissions();
  }
  http::Response response = http::Response::json(http::Status::kOk, body);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<http::Response> AuthRoutes::logout(const http::Request& request) {
  const std::string session_id = attribute(request, "session_id");
  if (!session_id.empty()) {
    CRM_TRY(sessions_.logout(session_id, audit::AuditEntry::from(request)));
  }
  http::Response response = http::Response::no_content();
  response.add_header("Set-Cookie", cookie("", true));
  return response;
}

Result<http::Response> AuthRoutes::change_password(const http::Request& request) {
  CRM_TRY_ASSIGN(Json body, request.json_body());
  CRM_TRY_ASSIGN(std::string current, required_string(body, "current_password"));
  CRM_TRY_ASSIGN(std::string next, required_string(body, "new_password"));
  if (request.context().actor()->is_api_token) {
    return forbidden("auth.forbidden", "API tokens cannot change passwords.");
  }
  CRM_TRY(auth_.change_own_password(request.context().actor()->user_id, current, next,
                                    attribute(request, "session_id"),
                                    audit::AuditEntry::from(request)));
  return http::Response::no_content();
}

Result<http::Response> AuthRoutes::totp_setup(const http::Request& request) {
  if (request.context().actor()->is_api_token) {
    return forbidden("auth.forbidden", "API tokens have no second factor.");
  }
  CRM_TRY_ASSIGN(TotpSetup setup, totp_.setup(request.context().actor()->user_id,
                                              audit::AuditEntry::from(request)));
  http::Response response = http::Response::json(
      http::Status::kOk, {{"secret", setup.secret}, {"otpauth_uri", setup.otpauth_uri}});
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<http::Response> AuthRoutes::totp_enable(const http::Request& request, bool enable) {
  if (request.context().actor()->is_api_token) {
    return forbidden("auth.forbidden", "API tokens have no second factor.");
  }
  CRM_TRY_ASSIGN(Json body, request.json_body());
  CRM_TRY_ASSIGN(std::string code, required_string(body, "code"));
  const int64_t user_id = request.context().actor()->user_id;
  if (enable) {
    CRM_TRY(totp_.enable(user_id, code, audit::AuditEntry::from(request)));
  } else {
    CRM_TRY(totp_.disable(user_id, code, audit::AuditEntry::from(request)));
  }
  return http::Response::no_content();
}

}  // namespace crm::auth
