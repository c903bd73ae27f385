// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace crm::test {

struct HttpResult {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A small blocking HTTP/1.1 client (libcurl) for API tests against a real server.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(HttpClient&& other) noexcept
      : base_url_(std::move(other.base_url_)), curl_(other.curl_) {
    other.curl_ = nullptr;
  }
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = {},
                     const std::vector<std::string>& headers = {});
  HttpResult get(const std::string& path) { return request("GET", path); }

 private:
  std::string base_url_;
  void* curl_;
};

}  // namespace crm::test
