// SPDX-License-Identifier: Apache-2.0
// One demo order in full: platform and store, 1–4 lines of popular-skewed products, discounts
// (more on festival days), shipping fee (free from 99 yuan), payment, logistics and, for ~4% of
// delivered orders, an after-sales request (return, refund only or exchange) whose refund never
// exceeds what was paid.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "demo/order_shape.h"
#include "demo/products.h"
#include "demo/rng.h"

namespace crm::demo {

struct DemoLine {
  size_t product = 0;  // index into the catalogue
  int64_t quantity = 1, unit_price_fen = 0, discount_fen = 0, amount_fen = 0;
  int64_t returned_quantity = 0;
};

struct AfterSaleStep {
  std::string_view from_status;  // "" for the request
  std::string_view to_status;
  int64_t at_ms = 0;
};

struct DemoAfterSale {
  std::string_view kind;    // return | exchange | refund_only
  std::string_view status;  // the last step's status
  std::string_view reason;
  int64_t requested_fen = 0, refund_fen = 0;
  std::vector<std::pair<size_t, int64_t>> lines;  // (line index, quantity)
  std::vector<AfterSaleStep> steps;
  std::optional<int64_t> closed_ms;
  bool refunded() const { return refund_fen > 0; }
};

struct DemoOrder {
  OrderShape shape;
  size_t channel = 0;                      // index into channels()
  std::optional<std::string> external_id;  // the platform's order id (none for the shop itself)
  std::vector<DemoLine> lines;
  int64_t items_fen = 0, discount_fen = 0, shipping_fee_fen = 0, total_fen = 0;
  int64_t paid_fen = 0, refunded_fen = 0;
  std::string carrier, tracking_number;
  size_t warehouse = 0;  // 0 = the default warehouse
  std::string_view buyer_remarks;
  std::string audit_reasons = "[]";  // JSON, for orders held by an audit rule
  std::optional<DemoAfterSale> after_sale;
};

// Precomputed product popularity for drawing lines.
class ProductPicker {
 public:
  explicit ProductPicker(std::span<const DemoProduct> products);
  size_t pick(Rng& rng) const { return table_.pick(rng); }

 private:
  WeightedTable table_;
};

// Order #index (0-based), placed at `placed_ms` by a customer who came from `customer_channel`.
DemoOrder make_order(uint64_t seed, int64_t index, int64_t placed_ms, int64_t now_ms,
                     size_t customer_channel, std::span<const DemoProduct> products,
                     const ProductPicker& picker);

}  // namespace crm::demo
