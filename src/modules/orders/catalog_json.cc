// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/catalog_json.h"

namespace crm::orders {

namespace {

Json optional_id(const std::optional<int64_t>& id) { return id ? Json(*id) : Json(nullptr); }

}  // namespace

Json to_json(const ProductCategory& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"description", c.description},
          {"sort_order", c.sort_order},
          {"product_count", c.product_count},
          {"created_at", c.created_at_ms},
          {"updated_at", c.updated_at_ms}};
}

Json to_json(const Product& p) {
  return {{"id", p.id},
          {"sku", p.sku},
          {"name", p.name},
          {"category_id", optional_id(p.category_id)},
          {"price_fen", p.price_fen},
          {"cost_fen", p.cost_fen},
          {"barcode", p.barcode},
          {"status", p.status},
          {"version", p.version},
          {"on_hand", p.on_hand},
          {"reserved", p.reserved},
          {"available", p.on_hand - p.reserved},
          {"created_at", p.created_at_ms},
          {"updated_at", p.updated_at_ms}};
}

Json to_json(const Warehouse& w) {
  return {{"id", w.id},
          {"code", w.code},
          {"name", w.name},
          {"address", w.address},
          {"enabled", w.enabled},
          {"is_default", w.is_default},
          {"created_at", w.created_at_ms},
          {"updated_at", w.updated_at_ms}};
}

Json to_json(const StockRow& s) {
  const int64_t available = s.on_hand - s.reserved;
  return {{"product_id", s.product_id},
          {"sku", s.sku},
          {"product_name", s.product_name},
          {"warehouse_id", s.warehouse_id},
          {"warehouse_code", s.warehouse_code},
          {"on_hand", s.on_hand},
          {"reserved", s.reserved},
          {"available", available},
          {"low_stock_threshold", s.low_stock_threshold},
          {"low", available <= s.low_stock_threshold},
          {"updated_at", s.updated_at_ms}};
}

Json to_json(const StockMovement& m) {
  return {{"id", m.id},
          {"product_id", m.product_id},
          {"sku", m.sku},
          {"warehouse_id", m.warehouse_id},
          {"kind", m.kind},
          {"quantity", m.quantity},
          {"on_hand_after", m.on_hand_after},
          {"reserved_after", m.reserved_after},
          {"reason", m.reason},
          {"order_id", optional_id(m.order_id)},
          {"after_sale_id", optional_id(m.after_sale_id)},
          {"actor_id", optional_id(m.actor_id)},
          {"at", m.at_ms}};
}

}  // namespace crm::orders
