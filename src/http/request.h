// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "http/request_context.h"
#include "http/status.h"

namespace crm::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One parsed HTTP request, free of Beast types so that handlers are plain functions testable
// without a server. Built by the server (Request::create) or by tests (Request::for_test).
// Not thread-safe; a request is handled by one thread at a time.
class Request {
 public:
  // Splits `target` into the percent-decoded path and query parameters. Fails with
  // kInvalidInput "http.bad_target" when the target is not an origin-form path ("/...") or has a
  // malformed percent escape.
  static Result<Request> create(Method method, std::string target, std::string body,
                                HeaderList headers, RequestContext context);
  // As create() with a default context (request id "test"); aborts on a malformed target.
  static Request for_test(Method method, std::string target, std::string body = {},
                          HeaderList headers = {});

  Method method() const { return method_; }
  std::string_view target() const { return target_; }
  // The decoded path ("/api/v1/customers/12"), without the query.
  std::string_view path() const { return path_; }
  // The raw (still percent-encoded) path, used for matching route segments.
  std::string_view raw_path() const { return raw_path_; }

  // The first query parameter called `name`, decoded ('+' is a space); nullopt when absent.
  std::optional<std::string> query(std::string_view name) const;
  const std::multimap<std::string, std::string, std::less<>>& query_params() const {
    return query_;
  }

  // The first header called `name`, compared case-insensitively.
  std::optional<std::string_view> header(std::string_view name) const;
  const HeaderList& headers() const { return headers_; }
  std::string_view body() const { return body_; }

  // A path parameter set by the router ("{id}" in the pattern), decoded.
  std::optional<std::string_view> path_param(std::string_view name) const;
  void set_path_param(std::string name, std::string value);
  // The path parameter as a positive integer; kNotFound "http.not_found" otherwise, since a
  // non-numeric id names no resource.
  Result<int64_t> path_id(std::string_view name) const;

  // The value of cookie `name` from the Cookie header(s).
  std::optional<std::string_view> cookie(std::string_view name) const;

  // The body as a JSON object, nesting limited to json_depth_limit(). Errors: 415
  // "http.unsupported_media_type" when the body is non-empty and Content-Type is not
  // application/json (or +json); "json.malformed", "json.too_deep", "json.not_object" (400).
  Result<Json> json_body() const;
  int json_depth_limit() const { return json_depth_limit_; }
  void set_json_depth_limit(int depth) { json_depth_limit_ = depth; }

  RequestContext& context() { return context_; }
  const RequestContext& context() const { return context_; }

 private:
  Request() = default;

  Method method_ = Method::kGet;
  std::string target_;
  std::string raw_path_;
  std::string path_;
  std::multimap<std::string, std::string, std::less<>> query_;
  HeaderList headers_;
  std::string body_;
  std::vector<std::pair<std::string, std::string>> path_params_;
  int json_depth_limit_ = 32;
  RequestContext context_;
};

// Percent-decodes `text`; with `plus_as_space` a '+' becomes ' ' (query strings). nullopt on a
// malformed escape or a decoded NUL byte.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);

// ASCII case-insensitive equality, for header names.
bool iequals(std::string_view a, std::string_view b);

}  // namespace crm::http
