// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/result.h"
#include "modules/analytics/engine/calendar.h"
#include "modules/analytics/engine/column_store.h"

namespace crm::analytics {

// What every computation looks at. Codes come from the store's dictionaries; an empty list
// means "all". An order is in scope when it is counted (is_counted), its day is in
// [from_day, to_day], its channel and region (the order's own) are listed, its customer has one
// of the customer categories, and, with product categories, it has at least one item of them.
struct Filter {
  int32_t from_day = kMinDay;  // inclusive
  int32_t to_day = kMaxDay;    // inclusive
  std::vector<uint16_t> channels;
  std::vector<uint16_t> regions;
  std::vector<uint16_t> categories;           // product categories
  std::vector<uint16_t> customer_categories;
  // Optional per-customer mask (dense customer index, 1 = keep), ANDed with the customer
  // categories; the API's value-tier filter. Shorter than customer_count(): missing = drop.
  std::shared_ptr<const std::vector<uint8_t>> customer_mask;
};

// analytics.invalid_range (field "from") when from_day > to_day.
Result<void> validate_filter(const Filter& filter);

// The money of one in-scope order. Without a product-category filter: sales = total_fen,
// refunded = refunded_fen, discount = discount_fen, revenue/cost/quantity = sums over all items.
// With one, only the matching items count: sales = revenue = their amount, and the order's
// refund and discount are apportioned by amount (floor(x * matching / all items amount)).
struct OrderMoney {
  int64_t sales_fen = 0;
  int64_t refunded_fen = 0;
  int64_t discount_fen = 0;
  int64_t revenue_fen = 0;
  int64_t cost_fen = 0;
  int64_t quantity = 0;
  int64_t net_sales_fen() const { return sales_fen - refunded_fen; }
  // Profit contribution: revenue - cost - discount - refunds.
  int64_t profit_fen() const { return revenue_fen - cost_fen - discount_fen - refunded_fen; }
};

// Applies a Filter to a store; cheap to copy-free share between threads (read only).
class OrderScope {
 public:
  OrderScope(const ColumnStore& store, const Filter& filter);

  const ColumnStore& store() const { return store_; }
  const Filter& filter() const { return filter_; }
  // All conditions except the day range.
  bool matches(uint32_t order) const {
    if (!is_counted(store_.order_status(order))) return false;
    if (!channel_ok_.empty() && !channel_ok_[store_.order_channel(order)]) return false;
    if (!region_ok_.empty() && !region_ok_[store_.order_region(order)]) return false;
    if (!customer_ok_.empty() && !customer_ok_[store_.order_customer(order)]) return false;
    if (!category_ok_.empty() && !has_matching_item(order)) return false;
    return true;
  }
  bool customer_in_scope(uint32_t customer) const { return customer_ok_.empty() || customer_ok_[customer] != 0; }
  bool item_matches(uint32_t item) const { return category_ok_.empty() || category_ok_[store_.item_category(item)]; }
  OrderMoney money(uint32_t order) const;
  // Sales minus refunds only (no item loop without a category filter).
  int64_t net_sales(uint32_t order) const;

 private:
  bool has_matching_item(uint32_t order) const;

  const ColumnStore& store_;
  Filter filter_;
  std::vector<uint8_t> channel_ok_, region_ok_, category_ok_, customer_ok_;
};

}  // namespace crm::analytics
