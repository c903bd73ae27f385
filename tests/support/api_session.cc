// SPDX-License-Identifier: Apache-2.0
#include "api_session.h"

namespace crm::test {

ApiSession::ApiSession(std::string base_url, std::string test_captcha)
    : client_(std::move(base_url)), captcha_(std::move(test_captcha)) {}

std::string ApiSession::captcha_id() {
  const auto captcha = client_.get("/api/v1/auth/captcha");
  return captcha.json().value("id", "");
}

HttpResult ApiSession::login(const std::string& username, const std::string& password) {
  const nlohmann::json body{{"username", username},
                            {"password", password},
                            {"captcha_id", captcha_id()},
                            {"captcha", captcha_}};
  auto response = send("POST", "/api/v1/auth/login", body.dump(), false);
  if (response.status == 200) {
    const std::string set_cookie = response.header("set-cookie");
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_ = response.json().value("csrf_token", "");
  }
  return response;
}

HttpResult ApiSession::send(const std::string& method, const std::string& path,
                            const std::string& body, bool with_csrf) {
  std::vector<std::string> headers{"Content-Type: application/json"};
  if (!cookie_.empty()) headers.push_back("Cookie: " + cookie_);
  if (with_csrf && !csrf_.empty()) headers.push_back("X-CSRF-Token: " + csrf_);
  return client_.request(method, path, body, headers);
}

HttpResult ApiSession::get(const std::string& path) { return send("GET", path, {}); }
HttpResult ApiSession::post(const std::string& path, const nlohmann::json& body) {
  return send("POST", path, body.dump());
}
HttpResult ApiSession::put(const std::string& path, const nlohmann::json& body) {
  return send("PUT", path, body.dump());
}
HttpResult ApiSession::patch(const std::string& path, const nlohmann::json& body) {
  return send("PATCH", path, body.dump());
}
HttpResult ApiSession::del(const std::string& path) { return send("DELETE", path, {}); }

}  // namespace crm::test
