// SPDX-License-Identifier: Apache-2.0
#include "http/router.h"

#include <algorithm>
#include <utility>

#include "core/text.h"
#include "http/error_response.h"

namespace crm::http {
namespace {

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}.
std::vector<std::string_view> path_segments(std::string_view path) {
  return split(path.substr(1), '/');
}

}  // namespace

void Router::add(Method method, std::string pattern, std::string permission, Handler handler,
                 RouteOptions options) {
  CRM_CHECK(!pattern.empty() && pattern.front() == '/');
  std::vector<std::string> segments;
  for (std::string_view segment : path_segments(pattern)) segments.emplace_back(segment);
  routes_.push_back(Route{method, std::move(pattern), std::move(segments), std::move(permission),
                          std::move(handler), options});
}

void Router::get(std::string pattern, std::string permission, Handler handler,
                 RouteOptions options) {
  add(Method::kGet, std::move(pattern), std::move(permission), std::move(handler), options);
}
void Router::post(std::string pattern, std::string permission, Handler handler,
                  RouteOptions options) {
  add(Method::kPost, std::move(pattern), std::move(permission), std::move(handler), options);
}
void Router::put(std::string pattern, std::string permission, Handler handler,
                 RouteOptions options) {
  add(Method::kPut, std::move(pattern), std::move(permission), std::move(handler), options);
}
void Router::patch(std::string pattern, std::string permission, Handler handler,
                   RouteOptions options) {
  add(Method::kPatch, std::move(pattern), std::move(permission), std::move(handler), options);
}
void Router::del(std::string pattern, std::string permission, Handler handler,
                 RouteOptions options) {
  add(Method::kDelete, std::move(pattern), std::move(permission), std::move(handler), options);
}

void Router::set_authenticator(std::function<Result<void>(Request&)> authenticator) {
  authenticator_ = std::move(authenticator);
}

bool Router::matches_path(const Route& route, const std::vector<std::string_view>& segments) {
  if (route.segments.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& expected = route.segments[i];
    if (is_parameter(expected)) {
      if (segments[i].empty()) return false;
    } else if (expected != segments[i]) {
      return false;
    }
  }
  return true;
}

RouteMatch Router::match(Request& request) const {
  const auto segments = path_segments(request.raw_path());
  RouteMatch result;
  int head_fallback = -1;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    if (!matches_path(route, segments)) continue;
    result.path_matched = true;
    if (route.method == request.method()) {
      result.route_index = static_cast<int>(i);
      break;
    }
    if (request.method() == Method::kHead && route.method == Method::kGet && head_fallback < 0) {
      head_fallback = static_cast<int>(i);
    }
  }
  if (!result.found()) result.route_index = head_fallback;
  if (!result.found()) return result;

  const Route& route = routes_[static_cast<size_t>(result.route_index)];
  result.run_inline = route.options.run_inline;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& expected = route.segments[i];
    if (!is_parameter(expected)) continue;
    auto decoded = percent_decode(segments[i], false);
    request.set_path_param(expected.substr(1, expected.size() - 2),
                           decoded ? std::move(*decoded) : std::string(segments[i]));
  }
  request.context().set_route_pattern(route.pattern);
  return result;
}

std::string Router::allowed_methods(const std::vector<std::string_view>& segments) const {
  std::vector<Method> methods;
  for (const Route& route : routes_) {
    if (!matches_path(route, segments)) continue;
    methods.push_back(route.method);
    if (route.method == Method::kGet) methods.push_back(Method::kHead);
  }
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  std::string allow;
  for (Method method : methods) {
    if (!allow.empty()) allow += ", ";
    allow += to_string(method);
  }
  return allow;
}

size_t Router::max_body_bytes(Method method, std::string_view raw_path) const {
  const auto segments = path_segments(raw_path);
  for (const Route& route : routes_) {
    if (route.method == method && matches_path(route, segments)) {
      return route.options.max_body_bytes;
    }
  }
  return 0;
}

Result<Response> Router::dispatch(Request& request, const RouteMatch& match) const {
  if (!match.found()) {
    if (match.path_matched) {
      Response response = error_response(
          Error{ErrorKind::kInvalidInput, "http.method_not_allowed",
                "This method is not allowed on this resource."},
          request.context().request_id());
      response.set_header("Allow", allowed_methods(path_segments(request.raw_path())));
      return response;
    }
    return not_found("http.not_found", "No such resource.");
  }
  const Route& route = routes_[static_cast<size_t>(match.route_index)];
  if (route.permission != kPublic) {
    if (!authenticator_) {
      return Error{ErrorKind::kUnauthenticated, "auth.required", "Please sign in."};
    }
    CRM_TRY(authenticator_(request));
    if (!request.context().actor()) {
      return Error{ErrorKind::kUnauthenticated, "auth.required", "Please sign in."};
    }
    if (route.permission != kAuthenticated && !request.context().can(route.permission)) {
      return forbidden("auth.forbidden", "You do not have permission to do this.");
    }
  }
  return route.handler(request);
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> infos;
  infos.reserve(routes_.size());
  for (const Route& route : routes_) infos.push_back({route.method, route.pattern, route.permission});
  return infos;
}

}  // namespace crm::http
