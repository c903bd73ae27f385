// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/stock_service.h"

#include <string>

#include <fmt/format.h>

#include "modules/orders/warehouse_service.h"

namespace crm::orders {

namespace {

constexpr int64_t kMaxQuantity = 1'000'000'000;
constexpr size_t kMaxLines = 500;

Result<int64_t> warehouse_of(storage::Connection& db, const Json& body) {
  CRM_TRY_ASSIGN(const int64_t id, required_int(body, "warehouse_id"));
  auto warehouse = WarehouseService::load(db, id);
  if (!warehouse) {
    return invalid_input("stock.unknown_warehouse", "The warehouse does not exist.",
                         "warehouse_id");
  }
  return id;
}

Result<int64_t> product_by_id(storage::Connection& db, int64_t id, const std::string& field) {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT id FROM products WHERE id = ?", id));
  if (!row) return invalid_input("stock.unknown_product", "The product does not exist.", field);
  return id;
}

// A receipt line's product: product_id, else sku.
Result<int64_t> line_product(storage::Connection& db, const Json& line, const std::string& at) {
  if (line.contains("product_id") && !line.at("product_id").is_null()) {
    if (!line.at("product_id").is_number_integer()) {
      return invalid_input("validation.type", "product_id must be an integer.", at + "product_id");
    }
    return product_by_id(db, line.at("product_id").get<int64_t>(), at + "product_id");
  }
  if (!line.contains("sku") || !line.at("sku").is_string()) {
    return invalid_input("validation.required", "Each line needs a product_id or a sku.",
                         at + "product_id");
  }
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT id FROM products WHERE sku = ?",
                                             line.at("sku").get<std::string>()));
  if (!row) return invalid_input("stock.unknown_product", "No product has this SKU.", at + "sku");
  return row->get_int(0);
}

Result<int64_t> quantity_of(const Json& object, const std::string& field, int64_t min) {
  const std::string key = field.substr(field.rfind('.') + 1);
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return invalid_input("validation.required", key + " is required.", field);
  }
  if (!it->is_number_integer()) {
    return invalid_input("validation.type", key + " must be an integer.", field);
  }
  const auto value = it->get<int64_t>();
  if (value < min || value > kMaxQuantity) {
    return invalid_input("validation.range",
                         fmt::format("{} must be from {} to {}.", key, min, kMaxQuantity),
                         field);
  }
  return value;
}

Result<StockRow> row_after(storage::Connection& db, const StockRepository& repository,
                           int64_t product_id, int64_t warehouse_id) {
  CRM_TRY_ASSIGN(auto row, repository.find(db, product_id, warehouse_id));
  if (!row) return internal_error("stock row missing after a write");
  return std::move(*row);
}

// Creates the (product, warehouse) row with nothing in it when there is none.
Result<void> ensure_row(storage::Connection& tx, int64_t product_id, int64_t warehouse_id,
                        int64_t now) {
  CRM_TRY(tx.execute("INSERT INTO stock (product_id, warehouse_id, on_hand, reserved, "
                     "updated_at_ms) VALUES (?, ?, 0, 0, ?) ON CONFLICT DO NOTHING",
                     product_id, warehouse_id, now));
  return {};
}

}  // namespace

Result<CatalogPage<StockRow>> StockService::list(const StockFilter& filter) {
  return db_.read([&](storage::Connection& db) { return repository_.list(db, filter); });
}

Result<CatalogPage<StockMovement>> StockService::movements(const MovementFilter& filter) {
  return db_.read([&](storage::Connection& db) { return repository_.movements(db, filter); });
}

Result<std::vector<StockRow>> StockService::receive(const Caller& caller, const Json& body) {
  CRM_TRY_ASSIGN(auto reason, text_field(body, "reason", 200, false));
  if (!body.contains("lines") || !body.at("lines").is_array() || body.at("lines").empty()) {
    return invalid_input("validation.required", "lines must be a non-empty list.", "lines");
  }
  const Json& lines = body.at("lines");
  if (lines.size() > kMaxLines) {
    return invalid_input("validation.too_many", "At most 500 lines at a time.", "lines");
  }
  return db_.transaction([&](storage::Connection& tx) -> Result<std::vector<StockRow>> {
    CRM_TRY_ASSIGN(const int64_t warehouse_id, warehouse_of(tx, body));
    std::vector<StockLine> stock_lines;
    Json audited = Json::array();
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string at = fmt::format("lines[{}].", i);
      if (!lines[i].is_object()) {
        return invalid_input("validation.type", "Each line must be an object.",
                             fmt::format("lines[{}]", i));
      }
      CRM_TRY_ASSIGN(const int64_t product_id, line_product(tx, lines[i], at));
      CRM_TRY_ASSIGN(const int64_t quantity, quantity_of(lines[i], at + "quantity", 1));
      stock_lines.push_back({product_id, quantity});
      audited.push_back({{"product_id", product_id}, {"quantity", quantity}});
    }
    const StockContext why{std::nullopt, std::nullopt, caller.actor.user_id,
                           reason.value_or("")};
    CRM_TRY(ledger_.receive(tx, warehouse_id, stock_lines, why));
    CRM_TRY(record_audit(audit_, tx, caller, "stock.received", "warehouse",
                         std::to_string(warehouse_id),
                         {{"lines", std::move(audited)}, {"reason", why.reason}}));
    std::vector<StockRow> out;
    for (const StockLine& line : stock_lines) {
      CRM_TRY_ASSIGN(StockRow row, row_after(tx, repository_, line.product_id, warehouse_id));
      out.push_back(std::move(row));
    }
    return out;
  });
}

Result<StockRow> StockService::adjust(const Caller& caller, const Json& body) {
  CRM_TRY_ASSIGN(auto reason, text_field(body, "reason", 200, true));
  const bool has_delta = body.contains("quantity") && !body.at("quantity").is_null();
  const bool has_count = body.contains("counted") && !body.at("counted").is_null();
  if (has_delta == has_count) {
    return invalid_input("stock.invalid_adjustment",
                         "Send either quantity (a signed change) or counted (the counted total).",
                         "quantity");
  }
  std::optional<int64_t> delta, counted;
  if (has_delta) {
    CRM_TRY_ASSIGN(delta, quantity_of(body, "quantity", -kMaxQuantity));
    if (*delta == 0) {
      return invalid_input("validation.range", "quantity must not be 0.", "quantity");
    }
  } else {
    CRM_TRY_ASSIGN(counted, quantity_of(body, "counted", 0));
  }
  return db_.transaction([&](storage::Connection& tx) -> Result<StockRow> {
    CRM_TRY_ASSIGN(const int64_t warehouse_id, warehouse_of(tx, body));
    CRM_TRY_ASSIGN(const int64_t product_id, required_int(body, "product_id"));
    CRM_TRY(product_by_id(tx, product_id, "product_id"));
    const int64_t now = clock_.now_ms();
    CRM_TRY(ensure_row(tx, product_id, warehouse_id, now));
    // Lock the row on PostgreSQL so that `counted` turns into the right delta; SQLite has one
    // writer. The UPDATE below re-checks the guard either way.
    const bool pg = tx.dialect() == storage::Dialect::kPostgres;
    CRM_TRY_ASSIGN(auto current,
                   tx.query_one(pg ? "SELECT on_hand, reserved FROM stock WHERE product_id = ? "
                                     "AND warehouse_id = ? FOR UPDATE"
                                   : "SELECT on_hand, reserved FROM stock WHERE product_id = ? "
                                     "AND warehouse_id = ?",
                                product_id, warehouse_id));
    const int64_t on_hand = current.get_int(0);
    const int64_t reserved = current.get_int(1);
    const int64_t change_by = delta ? *delta : *counted - on_hand;
    if (on_hand + change_by < reserved || on_hand + change_by < 0) {
      Error error = conflict(
          "stock.insufficient",
          fmt::format("The adjustment would leave {} on hand, but {} are on hand and {} are "
                      "reserved for orders.",
                      on_hand + change_by, on_hand, reserved),
          has_delta ? "quantity" : "counted");
      return error;
    }
    if (change_by == 0) return row_after(tx, repository_, product_id, warehouse_id);
    CRM_TRY_ASSIGN(const int64_t updated,
                   tx.execute("UPDATE stock SET on_hand = on_hand + ?, updated_at_ms = ? "
                              "WHERE product_id = ? AND warehouse_id = ? "
                              "AND on_hand + ? >= reserved",
                              change_by, now, product_id, warehouse_id, change_by));
    if (updated == 0) {
      return conflict("stock.insufficient", "Stock changed meanwhile; try again.", "quantity");
    }
    CRM_TRY_ASSIGN(StockRow after, row_after(tx, repository_, product_id, warehouse_id));
    CRM_TRY(tx.execute(
        "INSERT INTO stock_movements (product_id, warehouse_id, kind, quantity, on_hand_after, "
        "reserved_after, reason, actor_id, at_ms) VALUES (?, ?, 'adjust', ?, ?, ?, ?, ?, ?)",
        product_id, warehouse_id, change_by, after.on_hand, after.reserved, *reason,
        caller.actor.user_id, now));
    CRM_TRY(record_audit(audit_, tx, caller, "stock.adjusted", "product",
                         std::to_string(product_id),
                         {{"warehouse_id", warehouse_id},
                          {"on_hand", change(on_hand, after.on_hand)},
                          {"reason", *reason}}));
    return after;
  });
}

Result<StockRow> StockService::set_threshold(const Caller& caller, const Json& body) {
  CRM_TRY_ASSIGN(const int64_t threshold, required_int(body, "low_stock_threshold"));
  if (threshold < 0 || threshold > kMaxQuantity) {
    return invalid_input("validation.range",
                         "low_stock_threshold must be from 0 to 1000000000.",
                         "low_stock_threshold");
  }
  return db_.transaction([&](storage::Connection& tx) -> Result<StockRow> {
    CRM_TRY_ASSIGN(const int64_t warehouse_id, warehouse_of(tx, body));
    CRM_TRY_ASSIGN(const int64_t product_id, required_int(body, "product_id"));
    CRM_TRY(product_by_id(tx, product_id, "product_id"));
    const int64_t now = clock_.now_ms();
    CRM_TRY(ensure_row(tx, product_id, warehouse_id, now));
    CRM_TRY_ASSIGN(StockRow before, row_after(tx, repository_, product_id, warehouse_id));
    if (before.low_stock_threshold == threshold) return before;
    CRM_TRY(tx.execute("UPDATE stock SET low_stock_threshold = ?, updated_at_ms = ? "
                       "WHERE product_id = ? AND warehouse_id = ?",
                       threshold, now, product_id, warehouse_id));
    CRM_TRY(record_audit(audit_, tx, caller, "stock.threshold_set", "product",
                         std::to_string(product_id),
                         {{"warehouse_id", warehouse_id},
                          {"low_stock_threshold", change(before.low_stock_threshold, threshold)}}));
    return row_after(tx, repository_, product_id, warehouse_id);
  });
}

}  // namespace crm::orders
