// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/analytics/engine/dictionary.h"
#include "modules/analytics/engine/money_column.h"

// The analytics column store: customers, orders and order items as struct-of-arrays.
//
// Customers are kept sorted by id; a customer's dense index (0..n-1) is its rank by id.
// Orders are kept sorted by (day, id) so a date range is one contiguous slice found by binary
// search, and period scans visit periods in order. Per customer, a CSR index lists the order
// indexes in day order (for one customer's R/F/M and for churn). Items are grouped by order in
// the orders' order (order i owns items [item_begin(i), item_begin(i + 1))).
//
// Building: add_* rows in any order, then freeze() sorts and indexes them. Rows added after a
// freeze are pending (invisible to computations) until the next freeze(), which merges them in
// O(n + p log p). Status and refund changes of frozen orders apply in place at once. reserve()
// with the expected totals first (the loader counts the rows) lets the columns grow in place
// without regrowth copies; past the reserve they grow by 1/16 at a time.
// Not thread safe for writes; computations may run concurrently on a store nobody writes to.
namespace crm::analytics {

// Order days the store accepts: 1900-01-01 .. 2199-12-31.
inline constexpr int32_t kMinOrderDay = -25567;
inline constexpr int32_t kMaxOrderDay = 84005;

enum class OrderStatus : uint8_t {
  kPendingAudit, kApproved, kPaid, kPicking, kPacked, kShipped, kDelivered, kCompleted,
  kCancelled, kClosed
};
std::optional<OrderStatus> parse_order_status(std::string_view name);
// A counted order is a sale: paid, picking, packed, shipped, delivered or completed.
inline bool is_counted(OrderStatus status) {
  return status >= OrderStatus::kPaid && status <= OrderStatus::kCompleted;
}

struct CustomerRow {
  int64_t id = 0;
  int32_t created_day = 0;      // acquisition day (customers.created_at_ms as a merchant day)
  std::string_view region;      // customers.province
  std::string_view channel;     // customers.source_channel
};

struct OrderRow {
  int64_t id = 0;
  int64_t customer_id = 0;
  int32_t day = 0;              // placed_at_ms as a merchant day
  OrderStatus status = OrderStatus::kPendingAudit;
  std::string_view channel;     // orders.channel
  std::string_view region;      // orders.receiver_province
  int64_t total_fen = 0;
  int64_t discount_fen = 0;     // order-level discount (orders.discount_fen)
  int64_t refunded_fen = 0;
};

struct ItemRow {
  int64_t order_id = 0;
  std::string_view category;    // product category (order_items.category_id as text; "" = none)
  int32_t quantity = 0;
  int64_t amount_fen = 0;       // order_items.amount_fen (after the line discount)
  int64_t cost_fen = 0;         // line cost: quantity * unit_cost_fen
};

struct FreezeStats {
  size_t customers = 0;
  size_t orders = 0;
  size_t items = 0;
  size_t placeholder_customers = 0;  // customers created for orders whose customer was never added
  size_t orphan_items = 0;           // items whose order is unknown (dropped)
};

class ColumnStore {
 public:
  // --- building (errors: analytics.invalid_row with the offending field) ---
  Result<void> add_customer(const CustomerRow& row);
  Result<void> add_customer_category(int64_t customer_id, std::string_view category);
  Result<void> add_order(const OrderRow& row);
  Result<void> add_item(const ItemRow& row);
  // Sorts and indexes everything added so far. Fails with analytics.duplicate_customer or
  // analytics.duplicate_order and then drops the pending rows, leaving the store as it was.
  Result<FreezeStats> freeze();
  bool has_pending() const;
  // Room in the frozen columns for this many customers, orders and items in all (a hint: more
  // rows still fit, fewer leave the rest unused).
  void reserve(size_t customers, size_t orders, size_t items);

  // --- updates of frozen orders, in place (error: analytics.order_not_found) ---
  Result<void> set_order_status(int64_t order_id, OrderStatus status);
  Result<void> set_order_refunded(int64_t order_id, int64_t refunded_fen);
  // A frozen customer's acquisition day, region, channel and categories replaced in place (the
  // customers module's edits; row.id names the customer). The category index is spliced, O(n)
  // per call. Error: analytics.customer_not_found (also for a customer still pending).
  Result<void> set_customer(const CustomerRow& row, std::span<const std::string_view> categories);

  // --- dictionaries ---
  const Dictionary& channels() const { return channels_; }     // order and customer channels
  const Dictionary& regions() const { return regions_; }       // order and customer regions
  const Dictionary& categories() const { return categories_; } // product categories
  const Dictionary& customer_categories() const { return customer_categories_; }

  // --- customers ---
  uint32_t customer_count() const { return static_cast<uint32_t>(customer_ids_.size()); }
  std::optional<uint32_t> find_customer(int64_t customer_id) const;
  int64_t customer_id(uint32_t c) const { return customer_ids_[c]; }
  int32_t customer_created_day(uint32_t c) const { return customer_created_day_[c]; }
  uint16_t customer_region(uint32_t c) const { return customer_region_[c]; }
  uint16_t customer_channel(uint32_t c) const { return customer_channel_[c]; }
  std::span<const uint16_t> customer_category_codes(uint32_t c) const {
    return {customer_category_codes_.data() + customer_category_offsets_[c],
            customer_category_codes_.data() + customer_category_offsets_[c + 1]};
  }
  // The customer's orders, ascending by (day, id).
  std::span<const uint32_t> customer_orders(uint32_t c) const {
    return {customer_orders_.data() + customer_order_offsets_[c],
            customer_orders_.data() + customer_order_offsets_[c + 1]};
  }

  // --- orders ---
  uint32_t order_count() const { return static_cast<uint32_t>(order_ids_.size()); }
  std::optional<uint32_t> find_order(int64_t order_id) const;
  int64_t order_id(uint32_t o) const { return order_ids_[o]; }
  uint32_t order_customer(uint32_t o) const { return order_customer_[o]; }
  int32_t order_day(uint32_t o) const { return order_day_[o]; }
  OrderStatus order_status(uint32_t o) const { return static_cast<OrderStatus>(order_status_[o]); }
  uint16_t order_channel(uint32_t o) const { return order_channel_[o]; }
  uint16_t order_region(uint32_t o) const { return order_region_[o]; }
  int64_t order_total(uint32_t o) const { return order_total_[o]; }
  int64_t order_discount(uint32_t o) const { return order_discount_[o]; }
  int64_t order_refunded(uint32_t o) const { return order_refunded_[o]; }
  uint32_t item_begin(uint32_t o) const { return order_item_offsets_[o]; }
  uint32_t item_end(uint32_t o) const { return order_item_offsets_[o + 1]; }
  // Orders with from_day <= day <= to_day: [first, last) order indexes.
  std::pair<uint32_t, uint32_t> order_range(int32_t from_day, int32_t to_day) const;
  const std::vector<int32_t>& order_days() const { return order_day_; }

  // --- items ---
  uint32_t item_count() const { return static_cast<uint32_t>(item_category_.size()); }
  uint16_t item_category(uint32_t i) const { return item_category_[i]; }
  int32_t item_quantity(uint32_t i) const { return static_cast<int32_t>(item_quantity_[i]); }
  int64_t item_amount(uint32_t i) const { return item_amount_[i]; }
  int64_t item_cost(uint32_t i) const { return item_cost_[i]; }

  // Heap bytes held by the frozen columns (not the pending rows), for docs and logs.
  size_t bytes() const;

 private:
  struct PendingCustomer {
    int64_t id;
    int32_t created_day;
    uint16_t region;
    uint16_t channel;
  };
  struct PendingOrder {
    int64_t id;
    int64_t customer_id;
    int32_t day;
    uint8_t status;
    uint16_t channel;
    uint16_t region;
    int64_t total_fen;
    int64_t discount_fen;
    int64_t refunded_fen;
  };
  struct PendingItem {
    int64_t order_id;
    uint16_t category;
    int32_t quantity;
    int64_t amount_fen;
    int64_t cost_fen;
  };
  struct PendingCategory {
    int64_t customer_id;
    uint16_t category;
  };
  friend class StoreMerger;

  Dictionary channels_, regions_, categories_, customer_categories_;

  std::vector<int64_t> customer_ids_;
  std::vector<int32_t> customer_created_day_;
  std::vector<uint16_t> customer_region_;
  std::vector<uint16_t> customer_channel_;
  std::vector<uint32_t> customer_category_offsets_{0};
  std::vector<uint16_t> customer_category_codes_;
  std::vector<uint32_t> customer_order_offsets_{0};
  std::vector<uint32_t> customer_orders_;

  NarrowColumn<int32_t> order_ids_;  // 4 bytes while ids fit in int32 (autoincrement ids do)
  std::vector<uint32_t> order_customer_;
  std::vector<int32_t> order_day_;
  std::vector<uint8_t> order_status_;
  std::vector<uint16_t> order_channel_;
  std::vector<uint16_t> order_region_;
  MoneyColumn order_total_, order_discount_, order_refunded_;
  std::vector<uint32_t> order_item_offsets_{0};
  // Order indexes sorted by order id; empty while the ids ascend in (day, id) order (orders
  // inserted in time order, the usual case), when the position in id order is the index itself.
  std::vector<uint32_t> order_by_id_;
  uint32_t order_by_id_at(size_t rank) const {
    return order_by_id_.empty() ? static_cast<uint32_t>(rank) : order_by_id_[rank];
  }

  std::vector<uint16_t> item_category_;
  NarrowColumn<int16_t> item_quantity_;  // 2 bytes up to 32,767 pieces a line
  MoneyColumn item_amount_, item_cost_;

  std::vector<PendingCustomer> pending_customers_;
  std::vector<PendingOrder> pending_orders_;
  std::vector<PendingItem> pending_items_;
  std::vector<PendingCategory> pending_categories_;
};

}  // namespace crm::analytics
