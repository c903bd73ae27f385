// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/keyring.h"
#include "core/random.h"
#include "core/result.h"
#include "http/metrics.h"
#include "http/router.h"
#include "modules/module.h"
#include "storage/database.h"
#include "storage/job_queue.h"
#include "storage/migration_runner.h"

namespace crm::app {

inline constexpr std::string_view kDefaultDatabase = "sqlite:data/shopcrm.db";

// One process's wiring: configuration, the database, the shared infrastructure and the modules.
// Built by every command that touches the database; owns everything it builds.
class App {
 public:
  // Opens the database named by the `db` setting (default sqlite:data/shopcrm.db) and builds the
  // module list. storage.invalid_url / storage.unavailable when the database cannot be used.
  static Result<std::unique_ptr<App>> open(Config config);

  // Every module's routes, in module order.
  void add_routes(http::Router& router);

  // Applies every module's pending migrations (migration.* errors refuse to go on).
  Result<storage::MigrationReport> migrate();

  const Config& config() const { return config_; }
  storage::Database& db() { return *db_; }
  const Clock& clock() const { return clock_; }
  Random& random() { return random_; }
  storage::JobQueue& jobs() { return *jobs_; }
  http::Metrics& metrics() { return metrics_; }
  modules::Modules& modules() { return modules_; }
  const Keyring& keyring() const { return keyring_; }

 private:
  App(Config config, std::unique_ptr<storage::Database> db, Keyring keyring);

  Config config_;
  SystemClock clock_;
  SecureRandom random_;
  std::unique_ptr<storage::Database> db_;
  Keyring keyring_;
  std::unique_ptr<storage::JobQueue> jobs_;
  http::Metrics metrics_;
  std::unique_ptr<modules::ModuleContext> context_;
  modules::Modules modules_;
};

}  // namespace crm::app
