// SPDX-License-Identifier: Apache-2.0
// The catalog part's records as the API shows them (`*_ms` fields without the suffix).
#pragma once

#include "core/json.h"
#include "modules/orders/catalog_types.h"

namespace crm::orders {

Json to_json(const ProductCategory& category);
// With on_hand / reserved / available totals across warehouses.
Json to_json(const Product& product);
Json to_json(const Warehouse& warehouse);
Json to_json(const StockRow& row);
Json to_json(const StockMovement& movement);

// {"items":[…],"total":N,"next_after":…}
template <typename T>
Json page_json(const CatalogPage<T>& page) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  return {{"items", std::move(items)},
          {"total", page.total},
          {"next_after", page.next_after ? Json(*page.next_after) : Json(nullptr)}};
}

// A whole (unpaged) list in the same shape.
template <typename T>
Json list_json(const std::vector<T>& list) {
  Json items = Json::array();
  for (const auto& item : list) items.push_back(to_json(item));
  const auto total = static_cast<int64_t>(items.size());
  return {{"items", std::move(items)}, {"total", total}, {"next_after", nullptr}};
}

}  // namespace crm::orders
