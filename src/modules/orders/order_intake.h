// SPDX-License-Identifier: Apache-2.0
// Order intake (ORD-1): validation of a new order, customer matching, numbering, the audit rules
// (ORD-2), stock reservation and the confirmation message, idempotent by (platform, external_id)
// and by Idempotency-Key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

struct LineDraft {
  std::string sku;
  int64_t quantity = 0;
  std::optional<int64_t> unit_price_fen;  // default: the product's price
  int64_t discount_fen = 0;
};

struct ReceiverDraft {
  std::string name;
  std::optional<std::string> phone;  // normalised 11 digits
  std::string province, city, district;
  std::optional<std::string> address;
};

// A validated order body, before products and customer are looked up.
struct OrderDraft {
  std::string platform = "manual";
  std::optional<std::string> external_id;
  std::optional<int64_t> customer_id;
  Json person = Json::object();  // {name, phone?, email?} normalised, when customer_id is absent
  std::vector<LineDraft> items;
  int64_t discount_fen = 0, shipping_fee_fen = 0;
  std::string channel, store, payment_method = "online", buyer_remarks;
  ReceiverDraft receiver;
  int64_t placed_at_ms = 0;
};

// Validates an order body (POST /api/v1/orders). `now_ms` is the default placed_at and its
// upper bound (+1 day). Errors (kInvalidInput, with field, e.g. "items[2].quantity"):
// validation.required / validation.type / validation.length / validation.range /
// validation.enum, order.invalid_phone, order.invalid_email, order.invalid_placed_at.
Result<OrderDraft> parse_order_draft(const Json& body, int64_t now_ms);

// The order a draft describes, with products looked up and amounts computed, in `tx`: customer,
// lines, totals, receiver sealed, placed_at; status left empty. Errors (kInvalidInput):
// order.unknown_sku / order.product_inactive (items[i].sku), order.discount_too_large
// (items[i].discount_fen or discount_fen), order.unknown_customer (customer_id); the customer
// validation errors with field "customer.<field>".
Result<Order> build_order(storage::Connection& tx, OrderEnv& env, const customers::Caller& caller,
                          const OrderDraft& draft);

// The order's lines summed per product, as the stock ledger takes them.
std::vector<StockLine> stock_lines(const Order& order);

struct IntakeResult {
  Order order;
  bool created = false;  // false: an existing order (same platform + external_id, or a replay)
};

class OrderIntake {
 public:
  explicit OrderIntake(OrderEnv& env) : env_(env) {}

  // Creates the order: pending_audit with its reasons, or approved with its stock reserved when
  // every enabled rule passes; confirmation message; events order.created (+ order.approved).
  // With `idempotency_key`, the same key and body returns the first result and a different body is
  // idempotency.mismatch (kUnprocessable). Concurrent identical posts create one order.
  Result<IntakeResult> create(const customers::Caller& caller, const Json& body,
                              const std::optional<std::string>& idempotency_key);

 private:
  Result<IntakeResult> attempt(const customers::Caller& caller, const OrderDraft& draft,
                               const std::optional<std::string>& idempotency_key,
                               const std::string& request_hash);
  OrderEnv& env_;
};

}  // namespace crm::orders
