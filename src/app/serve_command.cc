// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <cstdio>

#include "app/app.h"
#include "app/commands.h"
#include "app/listen_address.h"
#include "app/version.h"
#include "core/log.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "storage/worker.h"

namespace crm::app {

namespace {

Result<http::ServerOptions> server_options(const Config& config) {
  http::ServerOptions options;
  CRM_TRY_ASSIGN(const ListenAddress address,
                 parse_listen_address(config.get_or("listen", "127.0.0.1:8080")));
  options.host = address.host;
  options.port = address.port;
  auto get = [&](std::string_view key, int64_t fallback, int64_t min, int64_t max) {
    return config.get_int(key, fallback, min, max);
  };
  CRM_TRY_ASSIGN(const int64_t body, get("http.max_body_bytes", 1 << 20, 1024, int64_t{1} << 30));
  CRM_TRY_ASSIGN(const int64_t header, get("http.max_header_bytes", 16 * 1024, 1024, 1 << 20));
  CRM_TRY_ASSIGN(const int64_t depth, get("http.max_json_depth", 32, 1, 512));
  CRM_TRY_ASSIGN(const int64_t read_ms, get("http.read_timeout_ms", 15000, 100, 3600000));
  CRM_TRY_ASSIGN(const int64_t idle_ms, get("http.idle_timeout_ms", 60000, 100, 3600000));
  CRM_TRY_ASSIGN(const int64_t request_ms, get("http.request_timeout_ms", 30000, 100, 3600000));
  CRM_TRY_ASSIGN(const int64_t concurrent, get("http.max_concurrent_requests", 256, 1, 100000));
  CRM_TRY_ASSIGN(const int64_t workers, get("http.worker_threads", 8, 1, 256));
  CRM_TRY_ASSIGN(const int64_t io_threads, get("http.io_threads", 1, 1, 64));
  CRM_TRY_ASSIGN(const bool access_log, config.get_bool("http.access_log", true));
  CRM_TRY_ASSIGN(const int64_t grace_ms, get("http.shutdown_grace_ms", 10000, 0, 600000));
  CRM_TRY_ASSIGN(const bool behind_tls, config.get_bool("http.trust_proxy", false));
  options.max_body_bytes = static_cast<size_t>(body);
  options.max_header_bytes = static_cast<size_t>(header);
  options.max_json_depth = static_cast<int>(depth);
  options.read_timeout_ms = static_cast<int>(read_ms);
  options.idle_timeout_ms = static_cast<int>(idle_ms);
  options.request_timeout_ms = static_cast<int>(request_ms);
  options.max_concurrent_requests = static_cast<int>(concurrent);
  options.worker_threads = static_cast<int>(workers);
  options.shutdown_grace_ms = static_cast<int>(grace_ms);
  options.behind_tls = behind_tls;
  options.io_threads = static_cast<int>(io_threads);
  options.access_log = access_log;
  return options;
}

}  // namespace

int serve_command(const Config& config) {
  auto options = server_options(config);
  if (!options) return fail(options.error().message);

  if (config.find("auth.test_captcha") && !is_loopback(options->host)) {
    return fail("--test-captcha is for automated tests and is refused when listening on " +
                options->host + "; listen on 127.0.0.1 or ::1");
  }
  if (config.find("auth.test_captcha")) {
    log::warn("auth.test_captcha_enabled", {{"hint", "captchas have a fixed answer; tests only"}});
  }

  auto app = App::open(config);
  if (!app) return fail(app.error().message);
  App& a = **app;

  auto report = a.migrate();
  if (!report) return fail(report.error().message);
  for (const auto& module : a.modules().all()) {
    if (auto started = module->start(); !started) return fail(started.error().message);
  }

  http::Router router;
  a.add_routes(router);

  auto poll_ms = config.get_int("jobs.poll_interval_ms", 500, 10, 60000);
  if (!poll_ms) return fail(poll_ms.error().message);
  storage::WorkerOptions worker_options;
  worker_options.poll_interval_ms = static_cast<int>(*poll_ms);
  // How long a claimed job may run before another worker takes it over (after a crash, the job
  // runs again once this passed).
  auto lease_ms = config.get_int("jobs.lease_ms", 5 * 60 * 1000, 1000, 24LL * 3600 * 1000);
  if (!lease_ms) return fail(lease_ms.error().message);
  worker_options.lease_ms = *lease_ms;
  storage::Worker worker(a.db(), a.jobs(), a.clock(), worker_options);
  for (const auto& module : a.modules().all()) module->subscribe(worker.events(), worker);

  const http::StaticFiles web(config.get_or("web_root", "web/dist"));
  if (!web.available()) {
    log::warn("web.console_missing", {{"web_root", config.get_or("web_root", "web/dist")},
                                      {"hint", "run `make web` to build the console"}});
  }
  http::Server server(*options, router, a.metrics(), web.available() ? &web : nullptr, a.clock());
  auto address = server.listen();
  if (!address) return fail(address.error().message);

  worker.start();
  log::info("server.listening", {{"address", *address},
                                 {"database", a.db().describe()},
                                 {"version", kVersion}});
  std::printf("shopcrm is serving http://%s/\n", address->c_str());
  std::fflush(stdout);
  server.stop_on_signals();
  server.run();
  worker.stop();
  log::info("server.stopped");
  return 0;
}

}  // namespace crm::app
