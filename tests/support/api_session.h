// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "http_client.h"

namespace crm::test {

// A logged-in (or not yet) console user: keeps the session cookie and the CSRF token and sends
// them like the browser does. Logs in through the real captcha + login routes, answering the
// captcha with the server's --test-captcha value.
class ApiSession {
 public:
  ApiSession(std::string base_url, std::string test_captcha);

  // GET captcha, POST login. Returns the login response (status 200 on success).
  HttpResult login(const std::string& username, const std::string& password);

  HttpResult get(const std::string& path);
  HttpResult post(const std::string& path, const nlohmann::json& body);
  HttpResult put(const std::string& path, const nlohmann::json& body);
  HttpResult patch(const std::string& path, const nlohmann::json& body);
  HttpResult del(const std::string& path);
  // Any request; `with_csrf` false leaves the X-CSRF-Token header out.
  HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                  bool with_csrf = true);

  // A fresh captcha id (answered by the test captcha).
  std::string captcha_id();

  const std::string& session_cookie() const { return cookie_; }
  void set_session_cookie(std::string cookie) { cookie_ = std::move(cookie); }
  const std::string& csrf_token() const { return csrf_; }
  const std::string& test_captcha() const { return captcha_; }

 private:
  HttpClient client_;
  std::string captcha_;
  std::string cookie_;  // "shopcrm_session=…"
  std::string csrf_;
};

}  // namespace crm::test
