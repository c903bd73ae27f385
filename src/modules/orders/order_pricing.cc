// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_pricing.h"

#include <fmt/format.h>

namespace crm::orders {

Result<Order> price_draft(const OrderDraft& d, const ProductLookup& lookup) {
  Order o;
  o.platform = d.platform;
  o.external_id = d.external_id;
  o.channel = d.channel;
  o.store = d.store;
  o.payment_method = d.payment_method;
  o.buyer_remarks = d.buyer_remarks;
  o.placed_at_ms = d.placed_at_ms;
  for (size_t i = 0; i < d.items.size(); ++i) {
    const LineDraft& line = d.items[i];
    const std::string at = fmt::format("items[{}].", i);
    CRM_TRY_ASSIGN(const ProductRef* product, lookup(line.sku));
    if (!product) {
      return invalid_input("order.unknown_sku", fmt::format("Unknown SKU {}.", line.sku),
                           at + "sku");
    }
    if (!product->active) {
      return invalid_input("order.product_inactive",
                           fmt::format("Product {} is not on sale.", line.sku), at + "sku");
    }
    OrderItem item;
    item.product_id = product->id;
    item.sku = product->sku;
    item.name = product->name;
    item.category_id = product->category_id;
    item.quantity = line.quantity;
    item.unit_price_fen = line.unit_price_fen.value_or(product->price_fen);
    item.discount_fen = line.discount_fen;
    item.unit_cost_fen = product->cost_fen;
    const int64_t gross = item.quantity * item.unit_price_fen;
    if (item.discount_fen > gross) {
      return invalid_input("order.discount_too_large",
                           "The line discount is larger than the line amount.",
                           at + "discount_fen");
    }
    item.amount_fen = gross - item.discount_fen;
    o.items_fen += item.amount_fen;
    o.items.push_back(std::move(item));
  }
  if (o.items_fen > kMaxOrderFen) {
    return invalid_input("validation.range", "The order total is too large.", "items");
  }
  if (d.discount_fen > o.items_fen) {
    return invalid_input("order.discount_too_large",
                         "discount_fen must not exceed the items total.", "discount_fen");
  }
  o.discount_fen = d.discount_fen;
  o.shipping_fee_fen = d.shipping_fee_fen;
  o.total_fen = o.items_fen - o.discount_fen + o.shipping_fee_fen;
  return o;
}

}  // namespace crm::orders
