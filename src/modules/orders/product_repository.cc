// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/product_repository.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "modules/orders/catalog_common.h"
#include "storage/storage_error.h"

namespace crm::orders {

namespace {

constexpr std::string_view kColumns =
    "p.id, p.sku, p.name, p.category_id, p.price_fen, p.cost_fen, p.barcode, p.status, "
    "p.version, p.created_at_ms, p.updated_at_ms, "
    "(SELECT COALESCE(SUM(s.on_hand), 0) FROM stock s WHERE s.product_id = p.id), "
    "(SELECT COALESCE(SUM(s.reserved), 0) FROM stock s WHERE s.product_id = p.id)";

Product from_row(const storage::Row& r) {
  Product p;
  p.id = r.get_int(0);
  p.sku = r.get_string(1);
  p.name = r.get_string(2);
  p.category_id = r.get_optional_int(3);
  p.price_fen = r.get_int(4);
  p.cost_fen = r.get_int(5);
  p.barcode = r.get_string(6);
  p.status = r.get_string(7);
  p.version = r.get_int(8);
  p.created_at_ms = r.get_int(9);
  p.updated_at_ms = r.get_int(10);
  p.on_hand = r.get_int(11);
  p.reserved = r.get_int(12);
  return p;
}

Error map_conflict(Error error) {
  if (storage::is_unique_violation(error)) {
    return conflict("product.duplicate_sku", "A product with this SKU already exists.", "sku");
  }
  return error;
}

Result<std::optional<Product>> find_where(storage::Connection& db, std::string_view where,
                                          const storage::Value& key) {
  const std::string sql = fmt::format("SELECT {} FROM products p WHERE {}", kColumns, where);
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, std::span<const storage::Value>(&key, 1)));
  if (rows.empty()) return std::optional<Product>();
  return std::optional<Product>(from_row(rows.front()));
}

}  // namespace

Result<CatalogPage<Product>> ProductRepository::list(storage::Connection& db,
                                                     const ProductFilter& f) const {
  std::string where = "1 = 1";
  std::vector<storage::Value> params;
  if (f.q) {
    const std::string prefix = catalog_escape_like(*f.q) + "%";
    where += " AND (p.name LIKE ? ESCAPE '\\' OR p.sku LIKE ? ESCAPE '\\' OR "
             "(p.barcode <> '' AND p.barcode LIKE ? ESCAPE '\\'))";
    params.insert(params.end(), {prefix, prefix, prefix});
  }
  if (f.category_id) {
    where += " AND p.category_id = ?";
    params.push_back(*f.category_id);
  }
  if (f.status) {
    where += " AND p.status = ?";
    params.push_back(*f.status);
  }
  CatalogPage<Product> page;
  CRM_TRY_ASSIGN(auto count, db.query_values("SELECT COUNT(*) FROM products p WHERE " + where,
                                             params));
  page.total = count.front().get_int(0);
  if (f.after) {
    where += " AND p.id < ?";
    params.push_back(*f.after);
  }
  CRM_TRY_ASSIGN(auto rows,
                 db.query_values(fmt::format("SELECT {} FROM products p WHERE {} ORDER BY p.id "
                                             "DESC LIMIT {}",
                                             kColumns, where, f.limit + 1),
                                 params));
  for (const auto& row : rows) page.items.push_back(from_row(row));
  if (page.items.size() > static_cast<size_t>(f.limit)) {
    page.items.pop_back();
    page.next_after = std::to_string(page.items.back().id);
  }
  return page;
}

Result<std::optional<Product>> ProductRepository::find(storage::Connection& db, int64_t id) const {
  return find_where(db, "p.id = ?", storage::Value(id));
}

Result<std::optional<Product>> ProductRepository::find_by_sku(storage::Connection& db,
                                                              std::string_view sku) const {
  return find_where(db, "p.sku = ?", storage::Value(std::string(sku)));
}

Result<int64_t> ProductRepository::insert(storage::Connection& tx, const Product& p) const {
  auto row = tx.query_one(
      "INSERT INTO products (sku, name, category_id, price_fen, cost_fen, barcode, status, "
      "version, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      p.sku, p.name, p.category_id, p.price_fen, p.cost_fen, p.barcode, p.status,
      p.created_at_ms, p.updated_at_ms);
  if (!row) return map_conflict(std::move(row).error());
  return row->get_int(0);
}

Result<bool> ProductRepository::update(storage::Connection& tx, const Product& p,
                                       int64_t expected_version) const {
  auto updated = tx.execute(
      "UPDATE products SET sku = ?, name = ?, category_id = ?, price_fen = ?, cost_fen = ?, "
      "barcode = ?, status = ?, version = version + 1, updated_at_ms = ? "
      "WHERE id = ? AND version = ?",
      p.sku, p.name, p.category_id, p.price_fen, p.cost_fen, p.barcode, p.status,
      p.updated_at_ms, p.id, expected_version);
  if (!updated) return map_conflict(std::move(updated).error());
  return *updated > 0;
}

}  // namespace crm::orders
