// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/auth/auth_service.h"

namespace crm::auth {

// Administration of staff accounts (docs/api/staff-accounts.md "Admin routes"):
// /api/v1/users [users.view / users.manage], /api/v1/roles [roles.view / roles.manage],
// /api/v1/permissions [roles.view], /api/v1/api-tokens [tokens.manage],
// /api/v1/login-log [logs.view]. Handlers parse, call AuthService and render. Thread-safe.
class AdminRoutes {
 public:
  explicit AdminRoutes(AuthService& auth) : auth_(auth) {}
  void add_to(http::Router& router);

 private:
  Result<http::Response> list_users(const http::Request& request);
  Result<http::Response> create_user(const http::Request& request);
  Result<http::Response> get_user(const http::Request& request);
  Result<http::Response> update_user(const http::Request& request);
  Result<http::Response> set_password(const http::Request& request);
  Result<http::Response> list_roles();
  Result<http::Response> create_role(const http::Request& request);
  Result<http::Response> update_role(const http::Request& request);
  Result<http::Response> delete_role(const http::Request& request);
  Result<http::Response> list_permissions();
  Result<http::Response> list_tokens();
  Result<http::Response> create_token(const http::Request& request);
  Result<http::Response> revoke_token(const http::Request& request);
  Result<http::Response> list_logins(const http::Request& request);

  AuthService& auth_;
};

}  // namespace crm::auth
