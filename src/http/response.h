// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "http/status.h"

namespace crm::http {

// An HTTP response as handlers build it: status, headers and a complete body. The server adds
// Content-Length, Connection, X-Request-Id and the security headers. Not thread-safe.
class Response {
 public:
  Response() = default;
  Response(Status status, std::string body, std::string content_type);

  // `value` serialised with dump_json, Content-Type application/json.
  static Response json(Status status, const Json& value);
  static Response text(Status status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  // 204 with no body.
  static Response no_content();

  Status status() const { return status_; }
  void set_status(Status status) { status_ = status; }
  const std::string& body() const { return body_; }
  std::string& mutable_body() { return body_; }
  std::vector<std::pair<std::string, std::string>>& headers() { return headers_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

  // Replaces any header of the same (case-insensitive) name.
  Response& set_header(std::string name, std::string value);
  // Adds a header even if one of that name exists (Set-Cookie).
  Response& add_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;

 private:
  Status status_ = Status::kOk;
  std::string body_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace crm::http
