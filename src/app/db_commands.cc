// SPDX-License-Identifier: Apache-2.0
// migrate, backup and restore: the commands that work on the database without serving.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "app/app.h"
#include "app/commands.h"
#include "core/text.h"
#include "http/router.h"
#include "storage/backup.h"

namespace crm::app {

int fail(std::string_view message) {
  std::fprintf(stderr, "shopcrm: error: %.*s\n", static_cast<int>(message.size()), message.data());
  return 1;
}

int migrate_command(const Config& config) {
  auto app = App::open(config);
  if (!app) return fail(app.error().message);
  auto report = (*app)->migrate();
  if (!report) return fail(report.error().message);
  if (report->applied.empty()) {
    std::printf("database is up to date (%s)\n", (*app)->db().describe().c_str());
  }
  for (const auto& applied : report->applied) {
    std::printf("applied %s/%04d_%s\n", applied.module.c_str(), applied.version, applied.name.c_str());
  }
  return 0;
}

int routes_command(const Config& config) {
  // The route table does not depend on the data: build it over a throwaway in-memory database.
  auto app = App::open(config.with_value("db", "sqlite::memory:"));
  if (!app) return fail(app.error().message);
  http::Router router;
  (*app)->add_routes(router);
  for (const auto& route : router.routes()) {
    std::printf("%-6s %-48s %s\n", std::string(http::to_string(route.method)).c_str(),
                route.pattern.c_str(), route.permission.c_str());
  }
  return 0;
}

int backup_command(const Config& config, const std::string& file) {
  auto app = App::open(config);
  if (!app) return fail(app.error().message);
  if (auto done = storage::backup_database((*app)->db(), file); !done) {
    return fail(done.error().message);
  }
  std::printf("backup of %s written to %s\n", (*app)->db().describe().c_str(), file.c_str());
  return 0;
}

int restore_command(const Config& config, const std::string& file) {
  const std::string url = config.get_or("db", kDefaultDatabase);
  if (!starts_with(url, "sqlite:")) {
    return fail("restore works on SQLite databases; on PostgreSQL restore with pg_restore or "
                "pg_basebackup and WAL replay (see docs/operations.md)");
  }
  const std::string path = url.substr(std::string_view("sqlite:").size());
  if (auto done = storage::restore_database(path, file); !done) return fail(done.error().message);
  std::printf("restored %s from %s\n", path.c_str(), file.c_str());
  return 0;
}

}  // namespace crm::app
