// SPDX-License-Identifier: Apache-2.0
#include "app/system_module.h"

#include <fmt/format.h>

#include "app/version.h"
#include "storage/system_migrations.h"

namespace crm::app {

namespace {

std::string dialect_name(storage::Dialect dialect) {
  return dialect == storage::Dialect::kSqlite ? "sqlite" : "postgresql";
}

}  // namespace

SystemModule::SystemModule(modules::ModuleContext& context) : context_(context) {
  context_.metrics.add_gauge_source([this](std::string& out) {
    const storage::PoolStats pool = context_.db.pool_stats();
    out += "# TYPE shopcrm_db_pool_connections gauge\n";
    out += fmt::format("shopcrm_db_pool_connections{{state=\"total\"}} {}\n", pool.total);
    out += fmt::format("shopcrm_db_pool_connections{{state=\"in_use\"}} {}\n", pool.in_use);
    out += "# TYPE shopcrm_db_pool_waits_total counter\n";
    out += fmt::format("shopcrm_db_pool_waits_total {}\n", pool.waits);
    out += "# TYPE shopcrm_db_pool_timeouts_total counter\n";
    out += fmt::format("shopcrm_db_pool_timeouts_total {}\n", pool.timeouts);
  });
}

std::span<const storage::MigrationFile> SystemModule::migrations() const {
  return migrations::system();
}

void SystemModule::add_routes(http::Router& router) {
  router.get("/healthz", std::string(http::kPublic), [](http::Request&) -> Result<http::Response> {
    return http::Response::json(http::Status::kOk, Json{{"status", "ok"}});
  }, {.run_inline = true});

  router.get("/readyz", std::string(http::kPublic), [this](http::Request&) -> Result<http::Response> {
    CRM_TRY(context_.db.ping());
    return http::Response::json(
        http::Status::kOk, Json{{"status", "ready"}, {"database", dialect_name(context_.db.dialect())}});
  });

  router.get("/metrics", std::string(http::kPublic), [this](http::Request&) -> Result<http::Response> {
    std::string body = context_.metrics.render();
    auto counts = context_.jobs.counts();
    if (counts) {
      body += "# TYPE shopcrm_jobs gauge\n";
      for (const auto& [status, count] : *counts) {
        body += fmt::format("shopcrm_jobs{{status=\"{}\"}} {}\n", status, count);
      }
    }
    return http::Response::text(http::Status::kOk, std::move(body),
                                "text/plain; version=0.0.4; charset=utf-8");
  });

  router.get("/api/v1/version", std::string(http::kPublic), [](http::Request&) -> Result<http::Response> {
    return http::Response::json(http::Status::kOk, Json{{"name", "shopcrm"}, {"version", kVersion}});
  }, {.run_inline = true});
}

}  // namespace crm::app
