// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/store_loader.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/log.h"
#include "modules/analytics/engine/calendar.h"

namespace crm::analytics {
namespace {

using storage::Connection;
using storage::Row;

Error cancelled() {
  return Error{ErrorKind::kUnavailable, "analytics.cancelled", "The analytics load was stopped."};
}

std::string id_text(const Row& row, size_t i) {
  return row.is_null(i) ? std::string() : std::to_string(row.get_int(i));
}

Error bad_row(std::string_view what, int64_t id, const Error& error) {
  Error out = error;
  out.detail = std::string(what) + " " + std::to_string(id) + ": " + error.message;
  return out;
}

// Gives the freed staging and query scratch back to the system: glibc keeps freed heap pages
// (and per-thread arenas) resident otherwise, so RSS would stay at the load's peak.
void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

constexpr std::string_view kCustomerColumns =
    "SELECT id, created_at_ms, province, source_channel FROM customers ";

// Adds the customer rows and the categories of customers first..last of them.
Result<void> add_customer_rows(Connection& db, ColumnStore& store, const std::vector<Row>& rows) {
  if (rows.empty()) return {};
  const int64_t first = rows.front().get_int(0);
  const int64_t last = rows.back().get_int(0);
  for (const Row& r : rows) {
    const std::string region = r.get_string(2), channel = r.get_string(3);
    auto added = store.add_customer({.id = r.get_int(0), .created_day = day_from_ms(r.get_int(1)),
                                     .region = region, .channel = channel});
    if (!added) return bad_row("customer", r.get_int(0), added.error());
  }
  CRM_TRY_ASSIGN(auto members, db.query("SELECT customer_id, category_id FROM customer_category_members "
                                        "WHERE customer_id >= ? AND customer_id <= ?",
                                        first, last));
  for (const Row& m : members) CRM_TRY(store.add_customer_category(m.get_int(0), std::to_string(m.get_int(1))));
  return {};
}

// Adds customers with ids after `after` (at most `limit`) and their categories; returns the
// rows read and moves `after` to the last id.
Result<size_t> add_customers(Connection& db, ColumnStore& store, int64_t& after, int limit) {
  CRM_TRY_ASSIGN(auto rows, db.query(std::string(kCustomerColumns) + "WHERE id > ? ORDER BY id LIMIT ?",
                                     after, limit));
  CRM_TRY(add_customer_rows(db, store, rows));
  if (!rows.empty()) after = rows.back().get_int(0);
  return rows.size();
}

Result<void> add_order_row(ColumnStore& store, const Row& r) {
  const auto status = parse_order_status(r.get_string(3));
  if (!status) return invalid_input("analytics.invalid_row", "Unknown order status.", "status");
  const std::string channel = r.get_string(4), region = r.get_string(5);
  auto added = store.add_order({.id = r.get_int(0), .customer_id = r.get_int(1),
                                .day = day_from_ms(r.get_int(2)), .status = *status,
                                .channel = channel, .region = region, .total_fen = r.get_int(6),
                                .discount_fen = r.get_int(7), .refunded_fen = r.get_int(8)});
  if (!added) return bad_row("order", r.get_int(0), added.error());
  return {};
}

Result<void> add_item_rows(ColumnStore& store, const std::vector<Row>& items) {
  for (const Row& i : items) {
    const std::string category = id_text(i, 1);
    auto added = store.add_item({.order_id = i.get_int(0), .category = category,
                                 .quantity = static_cast<int32_t>(i.get_int(2)),
                                 .amount_fen = i.get_int(3), .cost_fen = i.get_int(2) * i.get_int(4)});
    if (!added) return bad_row("order item of order", i.get_int(0), added.error());
  }
  return {};
}

constexpr std::string_view kOrderColumns =
    "SELECT id, customer_id, placed_at_ms, status, channel, receiver_province, total_fen, "
    "discount_fen, refunded_fen FROM orders ";
constexpr std::string_view kItemColumns =
    "SELECT order_id, category_id, quantity, amount_fen, unit_cost_fen FROM order_items ";

}  // namespace

Result<CategoryNames> StoreLoader::load_names(Connection& db) const {
  CategoryNames names;
  CRM_TRY_ASSIGN(auto products, db.query("SELECT id, name FROM product_categories"));
  for (const Row& r : products) names.product[r.get_int(0)] = r.get_string(1);
  CRM_TRY_ASSIGN(auto customers, db.query("SELECT id, name FROM customer_categories"));
  for (const Row& r : customers) names.customer[r.get_int(0)] = r.get_string(1);
  return names;
}

Result<std::unique_ptr<LoadedStore>> StoreLoader::load_all(const std::atomic<bool>& cancel) const {
  const int64_t started = steady_now_ms();
  auto loaded = std::make_unique<LoadedStore>();
  ColumnStore& store = loaded->store;
  log::info("analytics.load_started", {{"database", db_.describe()}});
  // The row counts size the columns exactly up front (no regrowth copies, no spare capacity);
  // rows added meanwhile still fit (the columns grow past the reserve).
  CRM_TRY(db_.read([&](Connection& db) -> Result<void> {
    CRM_TRY_ASSIGN(auto counts, db.query_one("SELECT (SELECT count(*) FROM customers), "
                                             "(SELECT count(*) FROM orders), (SELECT count(*) FROM order_items)"));
    store.reserve(static_cast<size_t>(counts.get_int(0)), static_cast<size_t>(counts.get_int(1)),
                  static_cast<size_t>(counts.get_int(2)));
    return {};
  }));

  int64_t after = 0;
  size_t customers = 0;
  for (;;) {
    if (cancel.load()) return cancelled();
    CRM_TRY_ASSIGN(size_t n, db_.read([&](Connection& db) { return add_customers(db, store, after, batch_); }));
    if (n == 0) break;
    customers += n;
    if (customers % (batch_ * 10) < n) log::info("analytics.load_progress", {{"customers", customers}});
  }
  CRM_TRY(store.freeze());
  log::info("analytics.load_progress", {{"customers", customers}, {"orders", 0}});

  after = 0;
  size_t orders = 0, unfrozen = 0;
  for (;;) {
    if (cancel.load()) return cancelled();
    CRM_TRY_ASSIGN(size_t n, db_.read([&](Connection& db) -> Result<size_t> {
      CRM_TRY_ASSIGN(auto rows, db.query(std::string(kOrderColumns) + "WHERE id > ? ORDER BY id LIMIT ?",
                                         after, batch_));
      if (rows.empty()) return size_t{0};
      for (const Row& r : rows) CRM_TRY(add_order_row(store, r));
      CRM_TRY_ASSIGN(auto items, db.query(std::string(kItemColumns) +
                                              "WHERE order_id >= ? AND order_id <= ? ORDER BY order_id, line_no",
                                          rows.front().get_int(0), rows.back().get_int(0)));
      CRM_TRY(add_item_rows(store, items));
      after = rows.back().get_int(0);
      return rows.size();
    }));
    if (n == 0) break;
    orders += n;
    unfrozen += n;
    if (unfrozen >= static_cast<size_t>(freeze_every_)) {
      CRM_TRY(store.freeze());
      unfrozen = 0;
      log::info("analytics.load_progress",
                {{"customers", customers}, {"orders", orders}, {"bytes", store.bytes()}});
    }
  }
  CRM_TRY_ASSIGN(loaded->stats, store.freeze());
  loaded->stats.customers = store.customer_count();
  loaded->stats.orders = store.order_count();
  loaded->stats.items = store.item_count();
  CRM_TRY_ASSIGN(loaded->names, db_.read([&](Connection& db) { return load_names(db); }));
  release_free_memory();
  loaded->load_ms = steady_now_ms() - started;
  log::info("analytics.load_finished", {{"customers", store.customer_count()},
                                        {"orders", store.order_count()},
                                        {"items", store.item_count()},
                                        {"bytes", store.bytes()},
                                        {"ms", loaded->load_ms}});
  return loaded;
}

Result<void> StoreLoader::apply_order(LoadedStore& loaded, int64_t order_id) const {
  ColumnStore& store = loaded.store;
  return db_.read([&](Connection& db) -> Result<void> {
    CRM_TRY_ASSIGN(auto row, db.query_optional(std::string(kOrderColumns) + "WHERE id = ?", order_id));
    if (!row) return {};
    if (store.find_order(order_id)) {
      const auto status = parse_order_status(row->get_string(3));
      if (!status) return invalid_input("analytics.invalid_row", "Unknown order status.", "status");
      CRM_TRY(store.set_order_status(order_id, *status));
      CRM_TRY(store.set_order_refunded(order_id, row->get_int(8)));
      return {};
    }
    const int64_t customer_id = row->get_int(1);
    if (!store.find_customer(customer_id)) {
      CRM_TRY_ASSIGN(auto customer, db.query(std::string(kCustomerColumns) + "WHERE id = ?", customer_id));
      CRM_TRY(add_customer_rows(db, store, customer));
    }
    CRM_TRY(add_order_row(store, *row));
    CRM_TRY_ASSIGN(auto items, db.query(std::string(kItemColumns) + "WHERE order_id = ? ORDER BY line_no", order_id));
    CRM_TRY(add_item_rows(store, items));
    CRM_TRY(store.freeze());
    for (const Row& i : items) {
      if (!i.is_null(1) && !loaded.names.product.contains(i.get_int(1))) {
        CRM_TRY_ASSIGN(loaded.names, load_names(db));
        break;
      }
    }
    return {};
  });
}

Result<void> StoreLoader::apply_customer(LoadedStore& loaded, int64_t customer_id) const {
  ColumnStore& store = loaded.store;
  return db_.read([&](Connection& db) -> Result<void> {
    CRM_TRY_ASSIGN(auto rows, db.query(std::string(kCustomerColumns) + "WHERE id = ?", customer_id));
    if (rows.empty()) return {};
    CRM_TRY_ASSIGN(auto members, db.query("SELECT category_id FROM customer_category_members "
                                          "WHERE customer_id = ?", customer_id));
    if (!store.find_customer(customer_id)) {
      CRM_TRY(add_customer_rows(db, store, rows));
      CRM_TRY(store.freeze());
    } else {
      std::vector<std::string> ids;
      for (const Row& m : members) ids.push_back(std::to_string(m.get_int(0)));
      const std::vector<std::string_view> categories(ids.begin(), ids.end());
      const Row& r = rows.front();
      const std::string region = r.get_string(2), channel = r.get_string(3);
      auto set = store.set_customer({.id = customer_id, .created_day = day_from_ms(r.get_int(1)),
                                     .region = region, .channel = channel}, categories);
      if (!set) return bad_row("customer", customer_id, set.error());
    }
    for (const Row& m : members) {
      if (!loaded.names.customer.contains(m.get_int(0))) {
        CRM_TRY_ASSIGN(loaded.names, load_names(db));
        break;
      }
    }
    return {};
  });
}

}  // namespace crm::analytics
