// SPDX-License-Identifier: Apache-2.0
#include "app/app.h"

#include "app/module_list.h"
#include "core/log.h"
#include "core/text.h"
#include "storage/open_database.h"

namespace crm::app {

App::App(Config config, std::unique_ptr<storage::Database> db, Keyring keyring)
    : config_(std::move(config)), db_(std::move(db)), keyring_(std::move(keyring)) {
  jobs_ = std::make_unique<storage::JobQueue>(*db_, clock_);
  context_ = std::make_unique<modules::ModuleContext>(
      modules::ModuleContext{*db_, clock_, random_, config_, *jobs_, metrics_, &keyring_});
  modules_ = make_modules(*context_);
}

Result<std::unique_ptr<App>> App::open(Config config) {
  storage::DatabaseOptions options;
  CRM_TRY_ASSIGN(const int64_t pool_size, config.get_int("db.pool_size", 4, 1, 256));
  CRM_TRY_ASSIGN(const int64_t busy_ms, config.get_int("db.busy_timeout_ms", 5000, 0, 600000));
  options.pool_size = static_cast<int>(pool_size);
  options.busy_timeout_ms = static_cast<int>(busy_ms);
  const std::string url = config.get_or("db", kDefaultDatabase);
  CRM_TRY_ASSIGN(std::unique_ptr<storage::Database> db, storage::open_database(url, options));
  // The personal-data key (P10): env SHOPCRM_KEY / config "key", else the key file, created on
  // first start. Losing the file loses the encrypted personal data, hence the loud warning.
  const std::string key_file = config.get_or("key_file", "data/shopcrm.key");
  auto key = config.find("key");
  if (!key && url == "sqlite::memory:") {
    // Nothing outlives an in-memory database (the `routes` command): a throwaway key, no file.
    std::string bytes(Keyring::kKeyBytes, '\0');
    SecureRandom().fill(bytes.data(), bytes.size());
    key = base64url_encode(bytes);
  }
  bool created = false;
  CRM_TRY_ASSIGN(Keyring keyring, Keyring::load_or_create(key_file, key, &created));
  if (created) {
    log::warn("keyring.created",
              {{"file", key_file},
               {"hint", "back this file up: without it the encrypted personal data cannot be read"}});
  }
  return std::unique_ptr<App>(new App(std::move(config), std::move(db), std::move(keyring)));
}

void App::add_routes(http::Router& router) {
  for (const auto& module : modules_.all()) module->add_routes(router);
}

Result<storage::MigrationReport> App::migrate() {
  storage::MigrationRunner runner(*db_, clock_);
  const auto all = modules_.migrations();
  return runner.apply(all);
}

}  // namespace crm::app
