// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "http/request.h"
#include "http/response.h"
#include "http/status.h"

namespace crm::http {

// A handler translates a request into a response: parse, call a service, render. It may return
// an Error (rendered by error_response) and must not rely on exceptions for foreseeable failures.
using Handler = std::function<Result<Response>(Request&)>;

// Route permissions that are not "resource.action" strings.
inline constexpr std::string_view kPublic = "public";                // no actor needed
inline constexpr std::string_view kAuthenticated = "authenticated";  // any actor

struct RouteOptions {
  // The handler never blocks (no database, no hashing): run it on the I/O thread instead of the
  // worker pool.
  bool run_inline = false;
  // The largest request body this route accepts (uploads); 0: the server's max_body_bytes.
  size_t max_body_bytes = 0;
};

struct RouteInfo {
  Method method;
  std::string pattern;
  std::string permission;
};

// The result of Router::match: which route (if any) serves a request.
struct RouteMatch {
  int route_index = -1;       // -1 when no route matched method and path
  bool path_matched = false;  // some route matched the path (with another method: 405)
  bool run_inline = true;     // where the server should run dispatch()
  bool found() const { return route_index >= 0; }
};

// The route table. Patterns are literal segments and "{name}" parameters, matched segment by
// segment against the raw path; a parameter matches one non-empty segment (decoded into
// Request::path_param). Literal routes win over parameter routes of the same shape when added
// first; routes are tried in the order added. HEAD is served by a GET route when no HEAD route
// exists. Build the table at start-up, then share it read-only between threads.
class Router {
 public:
  // `pattern` must start with '/'; `permission` is kPublic, kAuthenticated or a permission string.
  void add(Method method, std::string pattern, std::string permission, Handler handler,
           RouteOptions options = {});
  void get(std::string pattern, std::string permission, Handler handler, RouteOptions options = {});
  void post(std::string pattern, std::string permission, Handler handler, RouteOptions options = {});
  void put(std::string pattern, std::string permission, Handler handler, RouteOptions options = {});
  void patch(std::string pattern, std::string permission, Handler handler,
             RouteOptions options = {});
  void del(std::string pattern, std::string permission, Handler handler, RouteOptions options = {});

  // Called for every non-public route before the permission check: authenticates the request
  // (sets the actor) or returns an error (401). Unset: every non-public route answers 401
  // "auth.required".
  void set_authenticator(std::function<Result<void>(Request&)> authenticator);

  // Matches method and path; on success fills path params and the context's route_pattern.
  RouteMatch match(Request& request) const;
  // Runs a match: 404 "http.not_found", 405 "http.method_not_allowed" (as a Response with Allow),
  // authenticator (401), permission check (403 "auth.forbidden"), then the handler.
  Result<Response> dispatch(Request& request, const RouteMatch& match) const;
  Result<Response> dispatch(Request& request) const { return dispatch(request, match(request)); }

  std::vector<RouteInfo> routes() const;

  // The body limit of the route that `method` and `raw_path` (no query) match: its
  // RouteOptions::max_body_bytes, or 0 when there is no such route or it sets none. Read by the
  // server after the headers, before the body.
  size_t max_body_bytes(Method method, std::string_view raw_path) const;

 private:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;  // "{id}" marks a parameter
    std::string permission;
    Handler handler;
    RouteOptions options;
  };
  static bool matches_path(const Route& route, const std::vector<std::string_view>& segments);
  std::string allowed_methods(const std::vector<std::string_view>& segments) const;

  std::vector<Route> routes_;
  std::function<Result<void>(Request&)> authenticator_;
};

}  // namespace crm::http
