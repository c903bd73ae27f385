// SPDX-License-Identifier: Apache-2.0
// Plain types shared by the order intake, actions, reads, routes and repository.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"

namespace crm::orders {

// The associated data the receiver's sealed fields are bound to (core/keyring.h).
inline constexpr std::string_view kReceiverPhoneAd = "orders.receiver_phone";
inline constexpr std::string_view kReceiverAddressAd = "orders.receiver_address";

struct OrderItem {
  int64_t id = 0;
  int64_t line_no = 0;
  int64_t product_id = 0;
  std::string sku, name;
  std::optional<int64_t> category_id;
  int64_t quantity = 0;
  int64_t unit_price_fen = 0;
  int64_t discount_fen = 0;
  int64_t amount_fen = 0;  // quantity * unit_price_fen - discount_fen
  int64_t unit_cost_fen = 0;
  int64_t returned_quantity = 0;
};

// The receiver as stored: phone and address detail sealed ("v…" ciphertexts).
struct Receiver {
  std::string name;
  std::optional<std::string> phone_cipher;
  std::string province, city, district;
  std::optional<std::string> address_cipher;
};

struct Order {
  int64_t id = 0;
  std::string number;
  std::string platform = "manual";
  std::optional<std::string> external_id;
  int64_t customer_id = 0;
  int64_t customer_owner_id = 0;
  std::string channel, store;
  std::string status;
  std::string payment_method = "online";
  int64_t items_fen = 0, discount_fen = 0, shipping_fee_fen = 0, total_fen = 0;
  int64_t paid_fen = 0, refunded_fen = 0;
  std::string buyer_remarks;
  Receiver receiver;
  std::optional<int64_t> warehouse_id;
  std::string audit_reasons = "[]";  // JSON array of {rule, message}
  std::string audit_note;
  std::string carrier, tracking_number;
  int64_t placed_at_ms = 0;
  std::optional<int64_t> approved_at_ms, paid_at_ms, shipped_at_ms, delivered_at_ms,
      completed_at_ms, cancelled_at_ms, receipt_reminded_at_ms;
  int64_t version = 1;
  int64_t created_at_ms = 0;
  std::optional<int64_t> created_by;
  int64_t updated_at_ms = 0;
  std::vector<OrderItem> items;  // filled by OrderRepository::get_with_items
};

// One row of order_events.
struct OrderEvent {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::string action;
  std::optional<std::string> from_status;
  std::string to_status;
  std::optional<int64_t> actor_id;
  std::string actor_name, note;
};

// One carrier tracking event.
struct TrackingEvent {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::string status = "in_transit";  // collected|in_transit|out_for_delivery|delivered|exception
  std::string location, description;
  std::string source = "staff";       // api|staff
  int64_t created_at_ms = 0;
};

struct AuditReason {
  std::string rule, message;
  Json params = Json::object();  // the figures behind the message, for a localised text
};

// A rule of order_audit_rules.
struct AuditRule {
  std::string rule;
  bool enabled = true;
  Json params = Json::object();
  int64_t updated_at_ms = 0;
};

struct Credit {
  int64_t customer_id = 0;
  int64_t credit_level = 3;
  bool blacklisted = false;
  std::string note;
  int64_t updated_at_ms = 0;
  std::optional<int64_t> updated_by;
};

// List filters of GET /api/v1/orders; every set field must match.
struct OrderFilter {
  std::optional<std::string> status;
  std::optional<int64_t> customer_id;
  std::optional<std::string> q;  // order number prefix or exact external id
  std::optional<std::string> platform, channel, payment_method;
  std::optional<int64_t> from_ms, to_ms;  // placed_at, from inclusive, to exclusive
  std::optional<int64_t> scope_owner_id;  // data scope "own"
};

struct OrderQuery {
  OrderFilter filter;
  int limit = 50;
  std::optional<std::string> after;  // "<placed_at_ms>.<id>"
};

struct OrderPage {
  std::vector<Order> items;
  int64_t total = 0;
  std::optional<std::string> next_after;
};

struct PickLine {
  int64_t product_id = 0;
  std::string sku, name;
  int64_t quantity = 0;
  int64_t order_count = 0;
};

}  // namespace crm::orders
