// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/column_store.h"

#include <algorithm>
#include <array>

namespace crm::analytics {
namespace {

constexpr std::array<std::string_view, 10> kStatusNames = {
    "pending_audit", "approved", "paid",    "picking",   "packed",
    "shipped",       "delivered", "completed", "cancelled", "closed"};

Error invalid_row(std::string message, std::string field) {
  return invalid_input("analytics.invalid_row", std::move(message), std::move(field));
}

template <typename T>
size_t vector_bytes(const std::vector<T>& v) { return v.capacity() * sizeof(T); }

}  // namespace

std::optional<OrderStatus> parse_order_status(std::string_view name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<OrderStatus>(i);
  }
  return std::nullopt;
}

Result<void> ColumnStore::add_customer(const CustomerRow& row) {
  if (row.id <= 0) return invalid_row("A customer id must be positive.", "id");
  CRM_TRY_ASSIGN(uint16_t region, regions_.intern(row.region));
  CRM_TRY_ASSIGN(uint16_t channel, channels_.intern(row.channel));
  pending_customers_.push_back({row.id, row.created_day, region, channel});
  return {};
}

Result<void> ColumnStore::add_customer_category(int64_t customer_id, std::string_view category) {
  if (customer_id <= 0) return invalid_row("A customer id must be positive.", "customer_id");
  if (category.empty()) return invalid_row("A customer category must not be empty.", "category");
  CRM_TRY_ASSIGN(uint16_t code, customer_categories_.intern(category));
  pending_categories_.push_back({customer_id, code});
  return {};
}

Result<void> ColumnStore::add_order(const OrderRow& row) {
  if (row.id <= 0) return invalid_row("An order id must be positive.", "id");
  if (row.customer_id <= 0) return invalid_row("A customer id must be positive.", "customer_id");
  if (row.day < kMinOrderDay || row.day > kMaxOrderDay) return invalid_row("The order day is out of range.", "day");
  if (row.total_fen < 0) return invalid_row("total_fen must not be negative.", "total_fen");
  if (row.discount_fen < 0) return invalid_row("discount_fen must not be negative.", "discount_fen");
  if (row.refunded_fen < 0) return invalid_row("refunded_fen must not be negative.", "refunded_fen");
  CRM_TRY_ASSIGN(uint16_t channel, channels_.intern(row.channel));
  CRM_TRY_ASSIGN(uint16_t region, regions_.intern(row.region));
  pending_orders_.push_back({row.id, row.customer_id, row.day, static_cast<uint8_t>(row.status), channel,
                             region, row.total_fen, row.discount_fen, row.refunded_fen});
  return {};
}

Result<void> ColumnStore::add_item(const ItemRow& row) {
  if (row.order_id <= 0) return invalid_row("An order id must be positive.", "order_id");
  if (row.quantity <= 0) return invalid_row("quantity must be positive.", "quantity");
  if (row.amount_fen < 0) return invalid_row("amount_fen must not be negative.", "amount_fen");
  CRM_TRY_ASSIGN(uint16_t category, categories_.intern(row.category));
  pending_items_.push_back({row.order_id, category, row.quantity, row.amount_fen, row.cost_fen});
  return {};
}

bool ColumnStore::has_pending() const {
  return !pending_customers_.empty() || !pending_orders_.empty() || !pending_items_.empty() ||
         !pending_categories_.empty();
}

std::optional<uint32_t> ColumnStore::find_customer(int64_t customer_id) const {
  auto it = std::lower_bound(customer_ids_.begin(), customer_ids_.end(), customer_id);
  if (it == customer_ids_.end() || *it != customer_id) return std::nullopt;
  return static_cast<uint32_t>(it - customer_ids_.begin());
}

std::optional<uint32_t> ColumnStore::find_order(int64_t order_id) const {
  size_t low = 0, high = order_ids_.size();  // binary search over the ranks in id order
  while (low < high) {
    const size_t mid = low + (high - low) / 2;
    if (order_ids_[order_by_id_at(mid)] < order_id) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  if (low == order_ids_.size() || order_ids_[order_by_id_at(low)] != order_id) return std::nullopt;
  return order_by_id_at(low);
}

void ColumnStore::reserve(size_t customers, size_t orders, size_t items) {
  customer_ids_.reserve(customers), customer_created_day_.reserve(customers);
  customer_region_.reserve(customers), customer_channel_.reserve(customers);
  customer_category_offsets_.reserve(customers + 1), customer_order_offsets_.reserve(customers + 1);
  order_ids_.reserve(orders), order_customer_.reserve(orders), order_day_.reserve(orders);
  order_status_.reserve(orders), order_channel_.reserve(orders), order_region_.reserve(orders);
  order_total_.reserve(orders), order_discount_.reserve(orders), order_refunded_.reserve(orders);
  order_item_offsets_.reserve(orders + 1), customer_orders_.reserve(orders);
  item_category_.reserve(items), item_quantity_.reserve(items), item_amount_.reserve(items);
  item_cost_.reserve(items);
}

std::pair<uint32_t, uint32_t> ColumnStore::order_range(int32_t from_day, int32_t to_day) const {
  if (from_day > to_day) return {0, 0};
  auto first = std::lower_bound(order_day_.begin(), order_day_.end(), from_day);
  auto last = std::upper_bound(first, order_day_.end(), to_day);
  return {static_cast<uint32_t>(first - order_day_.begin()), static_cast<uint32_t>(last - order_day_.begin())};
}

Result<void> ColumnStore::set_order_status(int64_t order_id, OrderStatus status) {
  if (auto o = find_order(order_id)) {
    order_status_[*o] = static_cast<uint8_t>(status);
    return {};
  }
  for (auto& pending : pending_orders_) {
    if (pending.id == order_id) {
      pending.status = static_cast<uint8_t>(status);
      return {};
    }
  }
  return not_found("analytics.order_not_found", "The order is not in the analytics store.");
}

Result<void> ColumnStore::set_order_refunded(int64_t order_id, int64_t refunded_fen) {
  if (refunded_fen < 0) return invalid_row("refunded_fen must not be negative.", "refunded_fen");
  if (auto o = find_order(order_id)) {
    order_refunded_.set(*o, refunded_fen);
    return {};
  }
  for (auto& pending : pending_orders_) {
    if (pending.id == order_id) {
      pending.refunded_fen = refunded_fen;
      return {};
    }
  }
  return not_found("analytics.order_not_found", "The order is not in the analytics store.");
}

Result<void> ColumnStore::set_customer(const CustomerRow& row, std::span<const std::string_view> categories) {
  const auto c = find_customer(row.id);
  if (!c) return not_found("analytics.customer_not_found", "The customer is not in the analytics store.");
  for (std::string_view category : categories) {
    if (category.empty()) return invalid_row("A customer category must not be empty.", "category");
  }
  CRM_TRY_ASSIGN(uint16_t region, regions_.intern(row.region));
  CRM_TRY_ASSIGN(uint16_t channel, channels_.intern(row.channel));
  std::vector<uint16_t> codes;
  for (std::string_view category : categories) {
    CRM_TRY_ASSIGN(uint16_t code, customer_categories_.intern(category));
    codes.push_back(code);
  }
  std::sort(codes.begin(), codes.end());  // the order freeze() keeps them in
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  customer_created_day_[*c] = row.created_day;
  customer_region_[*c] = region;
  customer_channel_[*c] = channel;
  const auto begin = customer_category_codes_.begin() + customer_category_offsets_[*c];
  const auto end = customer_category_codes_.begin() + customer_category_offsets_[*c + 1];
  if (std::equal(begin, end, codes.begin(), codes.end())) return {};
  const int64_t delta = static_cast<int64_t>(codes.size()) - (end - begin);
  customer_category_codes_.insert(customer_category_codes_.erase(begin, end), codes.begin(), codes.end());
  for (size_t k = *c + 1; k < customer_category_offsets_.size(); ++k) {
    customer_category_offsets_[k] = static_cast<uint32_t>(customer_category_offsets_[k] + delta);
  }
  return {};
}

size_t ColumnStore::bytes() const {
  return vector_bytes(customer_ids_) + vector_bytes(customer_created_day_) + vector_bytes(customer_region_) +
         vector_bytes(customer_channel_) + vector_bytes(customer_category_offsets_) +
         vector_bytes(customer_category_codes_) + vector_bytes(customer_order_offsets_) +
         vector_bytes(customer_orders_) + order_ids_.bytes() + vector_bytes(order_customer_) +
         vector_bytes(order_day_) + vector_bytes(order_status_) + vector_bytes(order_channel_) +
         vector_bytes(order_region_) + order_total_.bytes() + order_discount_.bytes() +
         order_refunded_.bytes() + vector_bytes(order_item_offsets_) + vector_bytes(order_by_id_) +
         vector_bytes(item_category_) + item_quantity_.bytes() + item_amount_.bytes() +
         item_cost_.bytes() + channels_.bytes() + regions_.bytes() + categories_.bytes() +
         customer_categories_.bytes();
}

}  // namespace crm::analytics
