// SPDX-License-Identifier: Apache-2.0
#include "modules/recovery/recovery_routes.h"

#include "http/error_response.h"

namespace crm::recovery {

void RecoveryRoutes::add_to(http::Router& router) {
  router.post("/api/v1/auth/recovery/request", std::string(http::kPublic),
              [this](http::Request& r) { return request_code(r); });
  router.post("/api/v1/auth/recovery/confirm", std::string(http::kPublic),
              [this](http::Request& r) { return confirm(r); });
}

Result<http::Response> RecoveryRoutes::request_code(const http::Request& request) {
  CRM_TRY_ASSIGN(Json body, request.json_body());
  CRM_TRY_ASSIGN(std::string identifier, required_string(body, "identifier"));
  CRM_TRY_ASSIGN(std::string captcha_id, required_string(body, "captcha_id"));
  CRM_TRY_ASSIGN(std::string captcha, required_string(body, "captcha"));
  CRM_TRY_ASSIGN(RequestDecision decision,
                 service_.request({.identifier = std::move(identifier),
                                   .captcha_id = std::move(captcha_id),
                                   .captcha = std::move(captcha),
                                   .ip = request.context().remote_address()}));
  if (!decision.accepted) {
    http::Response limited = http::error_response(
        Error{.kind = ErrorKind::kRateLimited,
              .code = "auth.rate_limited",
              .message = "Too many recovery requests. Try again later."},
        request.context().request_id());
    limited.set_header("Retry-After", std::to_string(decision.retry_after_s));
    return limited;
  }
  return http::Response::json(http::Status::kAccepted, Json{{"status", "sent"}});
}

Result<http::Response> RecoveryRoutes::confirm(const http::Request& request) {
  CRM_TRY_ASSIGN(Json body, request.json_body());
  CRM_TRY_ASSIGN(std::string identifier, required_string(body, "identifier"));
  CRM_TRY_ASSIGN(std::string code, required_string(body, "code"));
  CRM_TRY_ASSIGN(std::string new_password, required_string(body, "new_password"));
  CRM_TRY(service_.confirm({.identifier = std::move(identifier),
                            .code = std::move(code),
                            .new_password = std::move(new_password),
                            .ip = request.context().remote_address(),
                            .request_id = request.context().request_id()}));
  return http::Response::no_content();
}

}  // namespace crm::recovery
