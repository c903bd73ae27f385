// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/auth/auth_service.h"
#include "modules/auth/captcha.h"
#include "modules/auth/session_service.h"
#include "modules/auth/totp_service.h"

namespace crm::auth {

// Login and the logged-in user's own routes: GET /api/v1/auth/captcha, POST /api/v1/auth/login,
// GET /api/v1/auth/password-policy (public); GET /api/v1/auth/me, POST /api/v1/auth/logout,
// POST /api/v1/auth/password, POST /api/v1/auth/totp/{setup,enable,disable} (authenticated). Handlers only translate. Thread-safe.
class AuthRoutes {
 public:
  // `secure_cookie` adds "; Secure" to the session cookie (config http.trust_proxy).
  AuthRoutes(AuthService& auth, SessionService& sessions, TotpService& totp,
             CaptchaService& captcha, bool secure_cookie)
      : auth_(auth), sessions_(sessions), totp_(totp), captcha_(captcha),
        secure_cookie_(secure_cookie) {}

  void add_to(http::Router& router);

 private:
  Result<http::Response> captcha();
  Result<http::Response> login(const http::Request& request);
  Result<http::Response> password_policy();
  Result<http::Response> me(const http::Request& request);
  Result<http::Response> logout(const http::Request& request);
  Result<http::Response> change_password(const http::Request& request);
  Result<http::Response> totp_setup(const http::Request& request);
  Result<http::Response> totp_enable(const http::Request& request, bool enable);
  std::string cookie(std::string_view value, bool expire) const;

  AuthService& auth_;
  SessionService& sessions_;
  TotpService& totp_;
  CaptchaService& captcha_;
  bool secure_cookie_;
};

}  // namespace crm::auth
