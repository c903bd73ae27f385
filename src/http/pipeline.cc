// SPDX-License-Identifier: Apache-2.0
#include "http/pipeline.h"

#include <fmt/format.h>

#include <atomic>
#include <random>

#include "core/log.h"
#include "http/error_response.h"

namespace crm::http {
namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'";

bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// A random per-process prefix and a counter: unique, cheap, and not a secret.
std::string next_request_id() {
  static const uint64_t prefix = [] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) | device();
  }();
  static std::atomic<uint64_t> counter{0};
  return fmt::format("{:016x}-{:x}", prefix, counter.fetch_add(1, std::memory_order_relaxed));
}

}  // namespace

bool is_router_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" ||
         path == "/readyz" || path == "/metrics";
}

Pipeline::Pipeline(const ServerOptions& options, const Router& router, Metrics& metrics,
                   const StaticFiles* static_files)
    : options_(options), router_(router), metrics_(metrics), static_files_(static_files) {}

std::string Pipeline::request_id_for(std::optional<std::string_view> incoming) {
  if (incoming && is_sane_request_id(*incoming)) return std::string(*incoming);
  return next_request_id();
}

Pipeline::Plan Pipeline::plan(Request& request) const {
  Plan plan;
  plan.match = router_.match(request);
  if (plan.match.found() || static_files_ == nullptr || is_router_path(request.path())) {
    return plan;
  }
  plan.immediate = static_files_->serve(request);
  return plan;
}

Response Pipeline::run(Request& request, const RouteMatch& match) const noexcept {
  const std::string& request_id = request.context().request_id();
  try {
    Result<Response> result = router_.dispatch(request, match);
    if (result) return std::move(result).value();
    const Error& error = result.error();
    if (error.kind == ErrorKind::kInternal || error.kind == ErrorKind::kUnavailable) {
      log::error("http.handler_error", {{"request_id", request_id},
                                        {"route", request.context().route_pattern()},
                                        {"code", error.code},
                                        {"detail", error.detail}});
    }
    return error_response(error, request_id);
  } catch (const std::exception& e) {
    try {
      log::error("http.handler_exception", {{"request_id", request_id},
                                            {"route", request.context().route_pattern()},
                                            {"what", e.what()}});
      return error_response(internal_error(e.what()), request_id);
    } catch (...) {
    }
  } catch (...) {
  }
  try {
    log::error("http.handler_exception", {{"request_id", request_id}, {"what", "unknown"}});
    return error_response(internal_error(), request_id);
  } catch (...) {
    return Response(Status::kInternalServerError, {}, {});
  }
}

void Pipeline::decorate(Response& response, std::string_view request_id,
                        std::string_view path) const {
  auto& headers = response.headers();
  headers.emplace_back("X-Request-Id", request_id);
  headers.emplace_back("X-Content-Type-Options", "nosniff");
  headers.emplace_back("X-Frame-Options", "DENY");
  headers.emplace_back("Referrer-Policy", "no-referrer");
  headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  if (options_.behind_tls) {
    headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  if ((path == "/api" || path.starts_with("/api/")) && !response.header("cache-control")) {
    headers.emplace_back("Cache-Control", "no-store");
  }
}

void Pipeline::record(const Summary& summary, int status, double seconds) const {
  metrics_.observe(summary.method, summary.route, status, seconds);
  if (!options_.access_log) return;
  log::info("http.request", {{"request_id", summary.request_id},
                             {"method", summary.method},
                             {"route", summary.route},
                             {"path", summary.path},
                             {"status", status},
                             {"duration_ms", seconds * 1000.0},
                             {"remote", summary.remote},
                             {"user_id", summary.user_id}});
}

}  // namespace crm::http
