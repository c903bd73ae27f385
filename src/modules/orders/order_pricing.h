// SPDX-License-Identifier: Apache-2.0
// The one place an order draft is priced against the catalog, for intake and for the import:
// each line takes the product's id, name, category and cost, and its amount (quantity × unit
// price − line discount); then the items total, the order discount and the total. Customer,
// number, status and receiver are the caller's.
#pragma once

#include <functional>
#include <string>

#include "core/result.h"
#include "modules/orders/order_intake.h"
#include "modules/orders/order_repository.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

inline constexpr int64_t kMaxOrderFen = 1'000'000'000'000;  // 10 billion yuan: above any real order

// The product with this SKU, or nullptr when there is none.
using ProductLookup = std::function<Result<const ProductRef*>(const std::string& sku)>;

// Errors are kInvalidInput naming the field as the intake's body does: items[i].sku
// (order.unknown_sku, order.product_inactive), items[i].discount_fen (order.discount_too_large),
// items (validation.range: the total is too large), discount_fen (order.discount_too_large).
// Errors of `lookup` pass through.
Result<Order> price_draft(const OrderDraft& draft, const ProductLookup& lookup);

}  // namespace crm::orders
