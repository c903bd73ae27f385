// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/metrics.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"

namespace crm::http {

// The Beast-free steps the server takes for each request, kept apart from server.cc so that
// they compile fast and can be tested without sockets. Thread-safe (const apart from Metrics,
// which is thread-safe itself).
class Pipeline {
 public:
  Pipeline(const ServerOptions& options, const Router& router, Metrics& metrics,
           const StaticFiles* static_files);

  // The incoming X-Request-Id when it is 1-64 characters of [A-Za-z0-9_-], else a new id.
  static std::string request_id_for(std::optional<std::string_view> incoming);

  // How to answer a request: either at once (a static file) or by dispatching `match`.
  struct Plan {
    std::optional<Response> immediate;
    RouteMatch match;
  };
  Plan plan(Request& request) const;

  // Router::dispatch with the one catch-all: an exception is logged (request id, route, what())
  // and becomes a 500; so does a returned kInternal error (logged with its detail).
  Response run(Request& request, const RouteMatch& match) const noexcept;

  // Adds X-Request-Id, the security headers, and Cache-Control: no-store on /api/ paths.
  void decorate(Response& response, std::string_view request_id, std::string_view path) const;

  // One access-log line (when enabled) and one Metrics::observe.
  struct Summary {
    std::string_view request_id;
    std::string_view method;
    std::string_view route;  // pattern, "static" or "unmatched"
    std::string_view path;
    std::string_view remote;
    int64_t user_id = 0;
  };
  void record(const Summary& summary, int status, double seconds) const;

  const ServerOptions& options() const { return options_; }
  Metrics& metrics() const { return metrics_; }

 private:
  const ServerOptions& options_;
  const Router& router_;
  Metrics& metrics_;
  const StaticFiles* static_files_;
};

// Whether the router, not the static files, owns `path`.
bool is_router_path(std::string_view path);

}  // namespace crm::http
