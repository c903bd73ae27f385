// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_json.h"

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_json.h"

namespace crm::orders {

namespace {

size_t char_count(std::string_view text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

Json optional_ms(const std::optional<int64_t>& ms) { return ms ? Json(*ms) : Json(nullptr); }

Json opened(const Keyring& keyring, const std::optional<std::string>& cipher,
            std::string_view ad, bool phone, Masking masking) {
  if (!cipher) return nullptr;
  auto value = keyring.open(*cipher, ad);
  if (!value) return "***";
  if (masking == Masking::kRevealed) return *value;
  return phone ? customers::mask_phone(*value) : customers::mask_detail(*value);
}

}  // namespace

Result<std::optional<std::string>> text_at(const Json& body, std::string_view key, size_t max,
                                           bool required, std::string_view field) {
  const std::string name(field.empty() ? key : field);
  const std::string k(key);
  if (!body.is_object() || !body.contains(k) || body.at(k).is_null()) {
    if (required) return invalid_input("validation.required", name + " is required.", name);
    return std::optional<std::string>{};
  }
  if (!body.at(k).is_string()) {
    return invalid_input("validation.type", name + " must be a string.", name);
  }
  std::string text(trim(body.at(k).get<std::string>()));
  if (!is_valid_utf8(text)) {
    return invalid_input("validation.type", name + " must be UTF-8 text.", name);
  }
  if (text.empty() && required) {
    return invalid_input("validation.required", name + " is required.", name);
  }
  if (char_count(text) > max) {
    return invalid_input("validation.length",
                         fmt::format("{} must be at most {} characters.", name, max), name);
  }
  return std::optional<std::string>(std::move(text));
}

Result<std::optional<int64_t>> int_at(const Json& body, std::string_view key, int64_t min,
                                      int64_t max, bool required, std::string_view field) {
  const std::string name(field.empty() ? key : field);
  const std::string k(key);
  if (!body.is_object() || !body.contains(k) || body.at(k).is_null()) {
    if (required) return invalid_input("validation.required", name + " is required.", name);
    return std::optional<int64_t>{};
  }
  if (!body.at(k).is_number_integer()) {
    return invalid_input("validation.type", name + " must be an integer.", name);
  }
  const int64_t value = body.at(k).get<int64_t>();
  if (value < min || value > max) {
    return invalid_input("validation.range",
                         fmt::format("{} must be from {} to {}.", name, min, max), name);
  }
  return std::optional<int64_t>(value);
}

Json order_summary_json(const Order& o, const Keyring& keyring, Masking masking) {
  Json reasons = Json::array();
  if (auto parsed = parse_json(o.audit_reasons); parsed && parsed->is_array()) reasons = *parsed;
  return {{"id", o.id},
          {"number", o.number},
          {"platform", o.platform},
          {"external_id", o.external_id ? Json(*o.external_id) : Json(nullptr)},
          {"customer_id", o.customer_id},
          {"customer_owner_id", o.customer_owner_id},
          {"channel", o.channel},
          {"store", o.store},
          {"status", o.status},
          {"payment_method", o.payment_method},
          {"items_fen", o.items_fen},
          {"discount_fen", o.discount_fen},
          {"shipping_fee_fen", o.shipping_fee_fen},
          {"total_fen", o.total_fen},
          {"paid_fen", o.paid_fen},
          {"refunded_fen", o.refunded_fen},
          {"buyer_remarks", o.buyer_remarks},
          {"receiver",
           {{"name", o.receiver.name},
            {"phone", opened(keyring, o.receiver.phone_cipher, kReceiverPhoneAd, true, masking)},
            {"province", o.receiver.province},
            {"city", o.receiver.city},
            {"district", o.receiver.district},
            {"address",
             opened(keyring, o.receiver.address_cipher, kReceiverAddressAd, false, masking)}}},
          {"warehouse_id", optional_ms(o.warehouse_id)},
          {"audit_reasons", reasons},
          {"audit_note", o.audit_note},
          {"carrier", o.carrier},
          {"tracking_number", o.tracking_number},
          {"placed_at", o.placed_at_ms},
          {"approved_at", optional_ms(o.approved_at_ms)},
          {"paid_at", optional_ms(o.paid_at_ms)},
          {"shipped_at", optional_ms(o.shipped_at_ms)},
          {"delivered_at", optional_ms(o.delivered_at_ms)},
          {"completed_at", optional_ms(o.completed_at_ms)},
          {"cancelled_at", optional_ms(o.cancelled_at_ms)},
          {"receipt_reminded_at", optional_ms(o.receipt_reminded_at_ms)},
          {"version", o.version},
          {"created_at", o.created_at_ms},
          {"updated_at", o.updated_at_ms}};
}

Json tracking_json(const TrackingEvent& e) {
  return {{"id", e.id},         {"at", e.at_ms},       {"status", e.status},
          {"location", e.location}, {"description", e.description}, {"source", e.source}};
}

Json order_json(const Order& o, const std::vector<OrderEvent>& events,
                const std::vector<TrackingEvent>& tracking, const Keyring& keyring,
                Masking masking) {
  Json out = order_summary_json(o, keyring, masking);
  Json items = Json::array();
  for (const OrderItem& i : o.items) {
    items.push_back({{"id", i.id},
                     {"line_no", i.line_no},
                     {"product_id", i.product_id},
                     {"sku", i.sku},
                     {"name", i.name},
                     {"category_id", optional_ms(i.category_id)},
                     {"quantity", i.quantity},
                     {"unit_price_fen", i.unit_price_fen},
                     {"discount_fen", i.discount_fen},
                     {"amount_fen", i.amount_fen},
                     {"returned_quantity", i.returned_quantity}});
  }
  out["items"] = std::move(items);
  Json history = Json::array();
  for (const OrderEvent& e : events) {
    history.push_back({{"id", e.id},
                       {"at", e.at_ms},
                       {"action", e.action},
                       {"from_status", e.from_status ? Json(*e.from_status) : Json(nullptr)},
                       {"to_status", e.to_status},
                       {"actor_id", optional_ms(e.actor_id)},
                       {"actor_name", e.actor_name},
                       {"note", e.note}});
  }
  out["events"] = std::move(history);
  Json track = Json::array();
  for (const TrackingEvent& e : tracking) track.push_back(tracking_json(e));
  out["tracking"] = std::move(track);
  return out;
}

Json credit_json(const Credit& c) {
  return {{"customer_id", c.customer_id}, {"credit_level", c.credit_level},
          {"blacklisted", c.blacklisted}, {"note", c.note},
          {"updated_at", c.updated_at_ms}, {"updated_by", optional_ms(c.updated_by)}};
}

Json rule_json(const AuditRule& r) {
  return {{"rule", r.rule}, {"enabled", r.enabled}, {"params", r.params},
          {"updated_at", r.updated_at_ms}};
}

}  // namespace crm::orders
