// SPDX-License-Identifier: Apache-2.0
// The catalog part's records (ORD-6): product categories, products with their stock totals,
// warehouses, stock rows and ledger movements, and the page shape of its lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crm::orders {

struct ProductCategory {
  int64_t id = 0;
  std::string name;
  std::string description;
  int64_t sort_order = 0;
  int64_t product_count = 0;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

struct Product {
  int64_t id = 0;
  std::string sku;
  std::string name;
  std::optional<int64_t> category_id;
  int64_t price_fen = 0;
  int64_t cost_fen = 0;
  std::string barcode;
  std::string status = "active";  // active | inactive
  int64_t version = 1;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  // Totals across all warehouses (read-only).
  int64_t on_hand = 0;
  int64_t reserved = 0;
};

struct Warehouse {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string address;
  bool enabled = true;
  bool is_default = false;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

struct StockRow {
  int64_t product_id = 0;
  std::string sku;
  std::string product_name;
  int64_t warehouse_id = 0;
  std::string warehouse_code;
  int64_t on_hand = 0;
  int64_t reserved = 0;
  int64_t low_stock_threshold = 0;
  int64_t updated_at_ms = 0;
};

struct StockMovement {
  int64_t id = 0;
  int64_t product_id = 0;
  std::string sku;
  int64_t warehouse_id = 0;
  std::string kind;
  int64_t quantity = 0;
  int64_t on_hand_after = 0;
  int64_t reserved_after = 0;
  std::string reason;
  std::optional<int64_t> order_id;
  std::optional<int64_t> after_sale_id;
  std::optional<int64_t> actor_id;
  int64_t at_ms = 0;
};

template <typename T>
struct CatalogPage {
  std::vector<T> items;
  int64_t total = 0;
  std::optional<std::string> next_after;
};

struct ProductFilter {
  std::optional<std::string> q;  // prefix of name, sku or barcode
  std::optional<int64_t> category_id;
  std::optional<std::string> status;
  int limit = 50;
  std::optional<int64_t> after;  // the last id of the previous page (newest first)
};

struct StockFilter {
  std::optional<int64_t> product_id;
  std::optional<int64_t> warehouse_id;
  bool low = false;  // available <= low_stock_threshold
  int limit = 50;
  std::optional<std::string> after;  // "<product_id>.<warehouse_id>"
};

struct MovementFilter {
  std::optional<int64_t> product_id;
  std::optional<int64_t> warehouse_id;
  std::optional<int64_t> order_id;
  std::optional<std::string> kind;
  std::optional<int64_t> from_ms;  // inclusive
  std::optional<int64_t> to_ms;    // exclusive
  int limit = 50;
  std::optional<int64_t> after;  // the last id of the previous page (newest first)
};

}  // namespace crm::orders
