// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_intake.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/crypto.h"
#include "core/time_text.h"
#include "modules/customers/customer_json.h"
#include "modules/orders/order_audit.h"
#include "modules/orders/order_journal.h"
#include "modules/orders/order_json.h"
#include "modules/orders/order_notifications.h"
#include "modules/orders/order_pricing.h"
#include "storage/outbox.h"
#include "storage/storage_error.h"

namespace crm::orders {

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kMaxFen = 1'000'000'000'000;  // 10 billion yuan: far above any real order
constexpr size_t kMaxLines = 500;
constexpr int kAttempts = 3;
constexpr std::string_view kIdempotencyScope = "orders.create";

Error with_field(Error error, std::string_view prefix) {
  if (!error.field.empty()) error.field = std::string(prefix) + error.field;
  return error;
}

Result<int64_t> parse_placed_at(const Json& body, int64_t now_ms) {
  if (!body.contains("placed_at") || body.at("placed_at").is_null()) return now_ms;
  const Json& value = body.at("placed_at");
  std::optional<int64_t> ms;
  if (value.is_number_integer()) ms = value.get<int64_t>();
  if (value.is_string()) ms = parse_time(value.get<std::string>());
  if (!ms || *ms <= 0 || *ms > now_ms + kDayMs) {
    return invalid_input("order.invalid_placed_at",
                         "placed_at must be a time (ms or ISO date) not in the future.",
                         "placed_at");
  }
  return *ms;
}

Result<Json> parse_person(const Json& customer) {
  if (!customer.is_object()) {
    return invalid_input("validation.type", "customer must be an object.", "customer");
  }
  CRM_TRY_ASSIGN(auto name, text_at(customer, "name", 64, true, "customer.name"));
  Json person{{"name", *name}};
  CRM_TRY_ASSIGN(auto phone, text_at(customer, "phone", 32, false, "customer.phone"));
  if (phone && !phone->empty()) {
    const auto normalized = customers::normalize_phone(*phone);
    if (!normalized) {
      return invalid_input("order.invalid_phone", "customer.phone must be a mobile number.",
                           "customer.phone");
    }
    person["phone"] = *normalized;
  }
  CRM_TRY_ASSIGN(auto email, text_at(customer, "email", 254, false, "customer.email"));
  if (email && !email->empty()) {
    const auto normalized = customers::normalize_email(*email);
    if (!normalized) {
      return invalid_input("order.invalid_email", "customer.email must be an email address.",
                           "customer.email");
    }
    person["email"] = *normalized;
  }
  return person;
}

Result<ReceiverDraft> parse_receiver(const Json& body) {
  ReceiverDraft r;
  if (!body.contains("receiver") || body.at("receiver").is_null()) return r;
  const Json& receiver = body.at("receiver");
  if (!receiver.is_object()) {
    return invalid_input("validation.type", "receiver must be an object.", "receiver");
  }
  CRM_TRY_ASSIGN(auto name, text_at(receiver, "name", 64, false, "receiver.name"));
  r.name = name.value_or("");
  CRM_TRY_ASSIGN(auto phone, text_at(receiver, "phone", 32, false, "receiver.phone"));
  if (phone && !phone->empty()) {
    r.phone = customers::normalize_phone(*phone);
    if (!r.phone) {
      return invalid_input("order.invalid_phone", "receiver.phone must be a mobile number.",
                           "receiver.phone");
    }
  }
  for (auto [key, target] : {std::pair{"province", &r.province}, {"city", &r.city},
                             {"district", &r.district}}) {
    CRM_TRY_ASSIGN(auto value, text_at(receiver, key, 32, false,
                                       std::string("receiver.") + key));
    *target = value.value_or("");
  }
  CRM_TRY_ASSIGN(auto address, text_at(receiver, "address", 200, false, "receiver.address"));
  if (address && !address->empty()) r.address = address;
  return r;
}

Result<std::vector<LineDraft>> parse_items(const Json& body) {
  if (!body.contains("items") || body.at("items").is_null()) {
    return invalid_input("validation.required", "items is required.", "items");
  }
  const Json& items = body.at("items");
  if (!items.is_array()) return invalid_input("validation.type", "items must be an array.", "items");
  if (items.empty() || items.size() > kMaxLines) {
    return invalid_input("validation.range", fmt::format("An order has 1 to {} items.", kMaxLines),
                         "items");
  }
  std::vector<LineDraft> lines;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = fmt::format("items[{}].", i);
    const Json& item = items.at(i);
    if (!item.is_object()) {
      return invalid_input("validation.type", fmt::format("items[{}] must be an object.", i),
                           fmt::format("items[{}]", i));
    }
    LineDraft line;
    CRM_TRY_ASSIGN(auto sku, text_at(item, "sku", 64, true, at + "sku"));
    line.sku = *sku;
    CRM_TRY_ASSIGN(auto quantity, int_at(item, "quantity", 1, 9999, true, at + "quantity"));
    line.quantity = *quantity;
    CRM_TRY_ASSIGN(line.unit_price_fen,
                   int_at(item, "unit_price_fen", 0, kMaxFen, false, at + "unit_price_fen"));
    CRM_TRY_ASSIGN(auto discount,
                   int_at(item, "discount_fen", 0, kMaxFen, false, at + "discount_fen"));
    line.discount_fen = discount.value_or(0);
    lines.push_back(std::move(line));
  }
  return lines;
}

bool retryable(const Error& error) {
  return storage::is_unique_violation(error) || error.code == "customer.phone_taken" ||
         error.code == "customer.email_taken" || error.code == "order.retry";
}

}  // namespace

Result<OrderDraft> parse_order_draft(const Json& body, int64_t now_ms) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  OrderDraft d;
  CRM_TRY_ASSIGN(auto platform, text_at(body, "platform", 32, false));
  if (platform && !platform->empty()) d.platform = *platform;
  CRM_TRY_ASSIGN(auto external_id, text_at(body, "external_id", 64, false));
  if (external_id && !external_id->empty()) d.external_id = external_id;
  CRM_TRY_ASSIGN(d.customer_id, int_at(body, "customer_id", 1, INT64_MAX, false));
  if (!d.customer_id) {
    if (!body.contains("customer") || body.at("customer").is_null()) {
      return invalid_input("validation.required", "customer or customer_id is required.",
                           "customer");
    }
    CRM_TRY_ASSIGN(d.person, parse_person(body.at("customer")));
  }
  CRM_TRY_ASSIGN(d.items, parse_items(body));
  CRM_TRY_ASSIGN(auto discount, int_at(body, "discount_fen", 0, kMaxFen, false));
  d.discount_fen = discount.value_or(0);
  CRM_TRY_ASSIGN(auto shipping, int_at(body, "shipping_fee_fen", 0, kMaxFen, false));
  d.shipping_fee_fen = shipping.value_or(0);
  for (auto [key, target, max] : {std::tuple{"channel", &d.channel, size_t{64}},
                                  {"store", &d.store, size_t{64}},
                                  {"buyer_remarks", &d.buyer_remarks, size_t{1000}}}) {
    CRM_TRY_ASSIGN(auto value, text_at(body, key, max, false));
    *target = value.value_or("");
  }
  CRM_TRY_ASSIGN(auto method, text_at(body, "payment_method", 16, false));
  if (method && !method->empty()) d.payment_method = *method;
  if (d.payment_method != "online" && d.payment_method != "cod") {
    return invalid_input("validation.enum", "payment_method must be online or cod.",
                         "payment_method");
  }
  CRM_TRY_ASSIGN(d.receiver, parse_receiver(body));
  CRM_TRY_ASSIGN(d.placed_at_ms, parse_placed_at(body, now_ms));
  return d;
}

Result<Order> build_order(storage::Connection& tx, OrderEnv& env, const customers::Caller& caller,
                          const OrderDraft& d) {
  std::map<std::string, std::optional<ProductRef>, std::less<>> products;
  CRM_TRY_ASSIGN(Order o, price_draft(d, [&](const std::string& sku) -> Result<const ProductRef*> {
    auto found = products.find(sku);
    if (found == products.end()) {
      CRM_TRY_ASSIGN(auto product, env.repository.product_by_sku(tx, sku));
      found = products.emplace(sku, std::move(product)).first;
    }
    return found->second ? &*found->second : nullptr;
  }));

  customers::CustomerRef customer;
  if (d.customer_id) {
    auto found = env.customers.get_visible_in(tx, caller.actor, *d.customer_id);
    if (!found) {
      if (found.error().kind != ErrorKind::kNotFound) return std::move(found).error();
      return invalid_input("order.unknown_customer",
                           "The customer does not exist or is not visible to you.",
                           "customer_id");
    }
    customer = std::move(found).value();
  } else {
    auto matched = env.customers.find_or_create_for_order(tx, caller, d.person, d.platform);
    if (!matched) return with_field(std::move(matched).error(), "customer.");
    customer = std::move(matched).value();
  }
  o.customer_id = customer.id;
  o.customer_owner_id = customer.owner_id;

  o.receiver.name = d.receiver.name;
  o.receiver.province = d.receiver.province;
  o.receiver.city = d.receiver.city;
  o.receiver.district = d.receiver.district;
  if (d.receiver.phone) o.receiver.phone_cipher = env.keyring.seal(*d.receiver.phone, kReceiverPhoneAd);
  if (d.receiver.address) {
    o.receiver.address_cipher = env.keyring.seal(*d.receiver.address, kReceiverAddressAd);
  }
  const int64_t now = env.clock.now_ms();
  o.created_at_ms = o.updated_at_ms = now;
  o.created_by = caller.actor.user_id > 0 ? std::optional<int64_t>(caller.actor.user_id)
                                          : std::nullopt;
  std::string day = customers::merchant_date(now);
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  CRM_TRY_ASSIGN(o.number, env.repository.next_number(tx, day));
  return o;
}

std::vector<StockLine> stock_lines(const Order& order) {
  std::map<int64_t, int64_t> per_product;
  for (const OrderItem& i : order.items) per_product[i.product_id] += i.quantity;
  std::vector<StockLine> lines;
  for (const auto& [product, quantity] : per_product) lines.push_back({product, quantity});
  return lines;
}

Result<IntakeResult> OrderIntake::create(const customers::Caller& caller, const Json& body,
                                         const std::optional<std::string>& idempotency_key) {
  CRM_TRY_ASSIGN(OrderDraft draft, parse_order_draft(body, env_.clock.now_ms()));
  if (idempotency_key && (idempotency_key->empty() || idempotency_key->size() > 200)) {
    return invalid_input("idempotency.invalid_key", "Idempotency-Key must be 1 to 200 characters.",
                         "Idempotency-Key");
  }
  const std::string hash = sha256_hex(dump_json(body));
  for (int attempt_no = 1;; ++attempt_no) {
    auto result = attempt(caller, draft, idempotency_key, hash);
    if (result || attempt_no >= kAttempts || !retryable(result.error())) return result;
  }
}

Result<IntakeResult> OrderIntake::attempt(const customers::Caller& caller, const OrderDraft& draft,
                                          const std::optional<std::string>& idempotency_key,
                                          const std::string& request_hash) {
  return env_.db.transaction([&](storage::Connection& tx) -> Result<IntakeResult> {
    if (idempotency_key) {
      CRM_TRY_ASSIGN(auto seen,
                     env_.repository.find_idempotency(tx, kIdempotencyScope, *idempotency_key));
      if (seen) {
        if (seen->request_hash != request_hash) {
          return Error{ErrorKind::kUnprocessable, "idempotency.mismatch",
                       "This Idempotency-Key was used with a different request.",
                       "Idempotency-Key"};
        }
        auto first = parse_json(seen->response_body);
        const int64_t id = first && first->contains("order_id") ? first->at("order_id").get<int64_t>() : 0;
        CRM_TRY_ASSIGN(auto order, env_.repository.find(tx, id));
        if (!order) return not_found("order.not_found", "The order does not exist.");
        CRM_TRY_ASSIGN(order->items, env_.repository.items(tx, order->id));
        return IntakeResult{std::move(*order), seen->status_code == 201};
      }
    }
    if (draft.external_id) {
      CRM_TRY_ASSIGN(auto existing,
                     env_.repository.find_by_external(tx, draft.platform, *draft.external_id));
      if (existing) {
        const auto owner = customers::scope_owner(caller.actor);
        if (owner && existing->customer_owner_id != *owner) {
          return conflict("order.external_id_taken",
                          "An order with this platform and external_id already exists.",
                          "external_id");
        }
        CRM_TRY_ASSIGN(existing->items, env_.repository.items(tx, existing->id));
        return IntakeResult{std::move(*existing), false};
      }
    }
    CRM_TRY_ASSIGN(Order order, build_order(tx, env_, caller, draft));

    AuditFacts facts;
    facts.total_fen = order.total_fen;
    CRM_TRY_ASSIGN(const Credit credit, env_.repository.credit(tx, order.customer_id));
    facts.credit_level = credit.credit_level;
    facts.blacklisted = credit.blacklisted;
    facts.address_complete = is_address_complete(
        order.receiver.name, order.receiver.phone_cipher.has_value(), order.receiver.province,
        order.receiver.city, order.receiver.address_cipher.has_value());
    const std::vector<StockLine> lines = stock_lines(order);
    auto warehouse = env_.ledger.default_warehouse(tx);
    if (!warehouse && warehouse.error().kind != ErrorKind::kConflict) {
      return std::move(warehouse).error();
    }
    facts.stock_available = warehouse.has_value();
    for (const StockLine& line : lines) {
      if (!facts.stock_available) break;
      CRM_TRY_ASSIGN(const int64_t available, env_.ledger.available(tx, line.product_id, *warehouse));
      facts.stock_available = available >= line.quantity;
    }
    CRM_TRY_ASSIGN(const auto rules, env_.repository.audit_rules(tx));
    const std::vector<AuditReason> reasons = evaluate_audit(rules, facts);
    order.audit_reasons = dump_json(reasons_json(reasons));
    const bool approved = reasons.empty();
    order.status = approved ? "approved" : "pending_audit";
    if (approved) {
      order.warehouse_id = *warehouse;
      order.approved_at_ms = order.created_at_ms;
    }
    CRM_TRY_ASSIGN(order.id, env_.repository.insert(tx, order));
    if (approved) {
      auto reserved = env_.ledger.reserve(
          tx, *warehouse, lines, {order.id, std::nullopt, caller.actor.user_id, "order approved"});
      if (!reserved) {
        // Another order took the stock since we looked: start over (this time it waits).
        if (reserved.error().code == "stock.insufficient") {
          return Error{ErrorKind::kConflict, "order.retry", "Stock changed; retry.", ""};
        }
        return std::move(reserved).error();
      }
    }
    CRM_TRY(journal(tx, env_, caller, order,
                    {"create", std::nullopt, approved ? "auto-approved" : "", "order.created",
                     Json{{"total_fen", order.total_fen}, {"audit_reasons", reasons_json(reasons)}}}));
    if (approved) {
      CRM_TRY(storage::Outbox::append(tx, env_.clock, "order.approved",
                                      dump_json(event_payload(order))));
    }
    CRM_TRY(notify(tx, env_, order, Notice::kConfirmation));
    if (idempotency_key) {
      CRM_TRY(env_.repository.save_idempotency(
          tx, kIdempotencyScope, *idempotency_key,
          {request_hash, 201, dump_json(Json{{"order_id", order.id}})}, order.created_at_ms));
    }
    CRM_TRY_ASSIGN(order.items, env_.repository.items(tx, order.id));
    return IntakeResult{std::move(order), true};
  });
}

}  // namespace crm::orders
