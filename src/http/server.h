// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"

namespace crm::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 1;
  int worker_threads = 4;
  size_t max_body_bytes = 1 << 20;       // larger: 413 "http.body_too_large", then close
  size_t max_header_bytes = 16 * 1024;   // larger: 431 "http.header_too_large", then close
  int max_json_depth = 32;
  int read_timeout_ms = 15000;           // to read one whole request once it has started
  int idle_timeout_ms = 60000;           // keep-alive connection waiting for its next request
  int request_timeout_ms = 30000;        // RequestContext::deadline_ms
  int max_concurrent_requests = 256;     // beyond: 503 "http.overloaded" with Retry-After
  int shutdown_grace_ms = 10000;
  bool behind_tls = false;               // adds Strict-Transport-Security
  bool access_log = true;                // one "http.request" log line per request
};

// The HTTP/1.1 server (Boost.Beast, C++20 coroutines). Reads requests, answers from the router
// (always for /api/, /healthz, /readyz and /metrics, and for any path a route matches), else
// from the static files, else the router's 404. Handlers run on a worker pool unless their
// route is run_inline. Every response carries X-Request-Id and the security headers; each
// request is logged (ServerOptions::access_log) and observed in Metrics. An exception escaping a
// handler is logged and answered with 500; the server keeps serving.
//
// The router, metrics, static files and clock must outlive the server. listen() and run() are
// called once, from one thread; stop() may be called from any thread, any number of times.
class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics,
         const StaticFiles* static_files, const Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns "host:port" with the real port. kUnavailable "http.listen_failed"
  // with the reason in the message.
  Result<std::string> listen();

  // Serves on io_threads threads (this one included) until stop() has drained the connections;
  // returns at once if listen() did not succeed.
  void run();

  // Graceful: stops accepting, closes idle connections, lets requests in progress finish and
  // then closes their connections; run() returns when all are closed or after
  // shutdown_grace_ms. Thread-safe.
  void stop();

  // SIGINT and SIGTERM call stop() (handled inside the server's event loop). Call before run().
  void stop_on_signals();

  uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crm::http
