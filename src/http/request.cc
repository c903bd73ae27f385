// SPDX-License-Identifier: Apache-2.0
#include "http/request.h"

#include "core/text.h"

namespace crm::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_json_media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  const std::string media = to_lower_ascii(trim(content_type.substr(0, semicolon)));
  return media == "application/json" ||
         (media.starts_with("application/") && media.ends_with("+json"));
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      const char decoded = static_cast<char>(high * 16 + low);
      if (decoded == '\0') return std::nullopt;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

Result<Request> Request::create(Method method, std::string target, std::string body,
                                HeaderList headers, RequestContext context) {
  const auto bad_target = [] {
    return invalid_input("http.bad_target", "The request target is malformed.");
  };
  if (target.empty() || target.front() != '/') return bad_target();
  Request request;
  request.method_ = method;
  const auto question = target.find('?');
  request.raw_path_ = target.substr(0, question);
  auto path = percent_decode(request.raw_path_, false);
  if (!path) return bad_target();
  request.path_ = std::move(*path);
  if (question != std::string::npos) {
    const std::string_view query = std::string_view(target).substr(question + 1);
    for (std::string_view pair : split(query, '&')) {
      if (pair.empty()) continue;
      const auto equals = pair.find('=');
      auto name = percent_decode(pair.substr(0, equals), true);
      auto value = percent_decode(
          equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
      if (!name || !value) return bad_target();
      request.query_.emplace(std::move(*name), std::move(*value));
    }
  }
  request.target_ = std::move(target);
  request.body_ = std::move(body);
  request.headers_ = std::move(headers);
  request.context_ = std::move(context);
  return request;
}

Request Request::for_test(Method method, std::string target, std::string body,
                          HeaderList headers) {
  auto request = create(method, std::move(target), std::move(body), std::move(headers),
                        RequestContext("test", "127.0.0.1", INT64_MAX));
  CRM_CHECK(request.has_value());
  return std::move(request).value();
}

std::optional<std::string> Request::query(std::string_view name) const {
  const auto it = query_.find(name);
  if (it == query_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers_) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::path_param(std::string_view name) const {
  for (const auto& [key, value] : path_params_) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

void Request::set_path_param(std::string name, std::string value) {
  path_params_.emplace_back(std::move(name), std::move(value));
}

Result<int64_t> Request::path_id(std::string_view name) const {
  const auto text = path_param(name);
  const auto value = text ? parse_int64(*text) : std::nullopt;
  if (!value || *value <= 0 || text->front() == '+' || text->front() == '0') {
    return not_found("http.not_found", "No such resource.");
  }
  return *value;
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
  for (const auto& [key, value] : headers_) {
    if (!iequals(key, "cookie")) continue;
    for (std::string_view part : split(value, ';')) {
      part = trim(part);
      const auto equals = part.find('=');
      if (equals == std::string_view::npos) continue;
      if (trim(part.substr(0, equals)) != name) continue;
      std::string_view cookie_value = trim(part.substr(equals + 1));
      if (cookie_value.size() >= 2 && cookie_value.front() == '"' && cookie_value.back() == '"') {
        cookie_value = cookie_value.substr(1, cookie_value.size() - 2);
      }
      return cookie_value;
    }
  }
  return std::nullopt;
}

Result<Json> Request::json_body() const {
  if (!body_.empty()) {
    const auto content_type = header("content-type");
    if (!content_type || !is_json_media_type(*content_type)) {
      return Error{ErrorKind::kInvalidInput, "http.unsupported_media_type",
                   "The request body must be sent as Content-Type: application/json."};
    }
  }
  return parse_json_object(body_, JsonLimits{.max_depth = json_depth_limit_});
}

}  // namespace crm::http
