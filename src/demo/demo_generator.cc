// SPDX-License-Identifier: Apache-2.0
#include "demo/demo_generator.h"

#include <fmt/format.h>

#include "core/clock.h"
#include "demo/catalog_writer.h"
#include "demo/customer_writer.h"
#include "demo/demo_plan.h"
#include "demo/interaction_writer.h"

namespace crm::demo {

namespace {

constexpr uint64_t kCatalogStream = 0x43415441'00000000ULL;  // "CATA"

Error invalid(std::string message, std::string field) {
  return invalid_input("demo.invalid_options", std::move(message), std::move(field));
}

}  // namespace

Result<void> check_empty(storage::Database& db) {
  return db.read([&](storage::Connection& c) -> Result<void> {
    for (const char* table : {"customers", "orders", "products"}) {
      CRM_TRY_ASSIGN(auto row, c.query_optional(fmt::format("SELECT 1 FROM {} LIMIT 1", table)));
      if (row) {
        return conflict("demo.not_empty",
                        fmt::format("The database already has {}; the demo store is only loaded "
                                    "into an empty database (use a new --db).", table));
      }
    }
    return {};
  });
}

Result<void> validate(const DemoOptions& o) {
  if (o.customers < 1 || o.customers > 2'000'000) {
    return invalid("--customers must be from 1 to 2000000.", "customers");
  }
  if (o.orders < 0 || o.orders > 20'000'000) {
    return invalid("--orders must be from 0 to 20000000.", "orders");
  }
  if (o.products < 12 || o.products > 100'000) {
    return invalid("--products must be from 12 to 100000.", "products");
  }
  if (o.years < 1 || o.years > 10) return invalid("--years must be from 1 to 10.", "years");
  if (o.owner_ids.empty()) return invalid("At least one owner is needed.", "owner_ids");
  if (o.now_ms <= 0) return invalid("now_ms must be set.", "now_ms");
  return {};
}

Result<DemoSummary> generate_demo(storage::Database& db,
                                  const customers::CustomerService& customers,
                                  const audit::AuditService& audit, const Keyring& keyring,
                                  const DemoOptions& o, const Progress& progress) {
  CRM_TRY(validate(o));
  CRM_TRY(check_empty(db));
  DemoSummary summary;
  const int64_t began = steady_now_ms();
  const DemoPlan plan = make_plan(o);
  DemoStore store;
  Rng catalog_rng(o.seed, kCatalogStream);
  store.products = make_catalog(catalog_rng, o.products);
  const int64_t catalog_ms = day_start_ms(plan.calendar.first_day()) - 30LL * kDayMs;
  auto committed1 = db.transaction([&](storage::Connection& tx) -> Result<void> {
    return write_catalog(tx, store, catalog_ms);
  });
  CRM_TRY(committed1);
  summary.products = static_cast<int64_t>(store.products.size());
  if (progress) progress("products", summary.products, summary.products);

  const int64_t customers_began = steady_now_ms();
  CRM_TRY(write_customers(db, customers, keyring, o, plan, store, progress));
  summary.customers = static_cast<int64_t>(store.customers.size());
  summary.customers_ms = steady_now_ms() - customers_began;

  const int64_t orders_began = steady_now_ms();
  CRM_TRY_ASSIGN(summary.orders, write_orders(db, o, plan, store, progress));
  summary.orders_ms = steady_now_ms() - orders_began;

  CRM_TRY_ASSIGN(summary.interactions, write_interactions(db, o, plan, store));
  if (progress) progress("interactions", summary.interactions, summary.interactions);

  auto committed2 = db.transaction([&](storage::Connection& tx) -> Result<void> {
    audit::AuditEntry entry;
    if (o.actor_id != 0) entry.actor_id = o.actor_id;
    entry.actor_name = "演示数据";
    entry.action = "demo.loaded";
    entry.target_type = "database";
    entry.target_id = "demo";
    entry.changes = {{"seed", o.seed},
                     {"customers", summary.customers},
                     {"orders", summary.orders.orders},
                     {"products", summary.products},
                     {"years", o.years}};
    return audit.record(tx, entry);
  });
  CRM_TRY(committed2);
  summary.total_ms = steady_now_ms() - began;
  return summary;
}

}  // namespace crm::demo
