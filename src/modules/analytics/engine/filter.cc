// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/filter.h"

#include <algorithm>

namespace crm::analytics {
namespace {

std::vector<uint8_t> lookup_table(const std::vector<uint16_t>& codes, size_t dictionary_size) {
  if (codes.empty()) return {};
  std::vector<uint8_t> table(std::max<size_t>(dictionary_size, 1), 0);
  for (uint16_t code : codes) {
    if (code < table.size()) table[code] = 1;
  }
  return table;
}

__extension__ typedef __int128 Int128;

int64_t apportion(int64_t value, int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return static_cast<int64_t>(static_cast<Int128>(value) * part / whole);
}

}  // namespace

Result<void> validate_filter(const Filter& filter) {
  if (filter.from_day > filter.to_day) {
    return invalid_input("analytics.invalid_range", "from must not be after to.", "from");
  }
  return {};
}

OrderScope::OrderScope(const ColumnStore& store, const Filter& filter)
    : store_(store),
      filter_(filter),
      channel_ok_(lookup_table(filter.channels, store.channels().size())),
      region_ok_(lookup_table(filter.regions, store.regions().size())),
      category_ok_(lookup_table(filter.categories, store.categories().size())) {
  if (!filter.customer_categories.empty()) {
    const auto wanted = lookup_table(filter.customer_categories, store.customer_categories().size());
    customer_ok_.assign(store.customer_count(), 0);
    for (uint32_t c = 0; c < store.customer_count(); ++c) {
      for (uint16_t code : store.customer_category_codes(c)) {
        if (code < wanted.size() && wanted[code]) customer_ok_[c] = 1;
      }
    }
  }
  if (filter.customer_mask) {
    const auto& mask = *filter.customer_mask;
    if (customer_ok_.empty()) customer_ok_.assign(store.customer_count(), 1);
    for (uint32_t c = 0; c < store.customer_count(); ++c) {
      if (c >= mask.size() || mask[c] == 0) customer_ok_[c] = 0;
    }
  }
}

bool OrderScope::has_matching_item(uint32_t order) const {
  for (uint32_t i = store_.item_begin(order); i < store_.item_end(order); ++i) {
    if (category_ok_[store_.item_category(i)]) return true;
  }
  return false;
}

OrderMoney OrderScope::money(uint32_t order) const {
  OrderMoney money;
  int64_t all_amount = 0;
  for (uint32_t i = store_.item_begin(order); i < store_.item_end(order); ++i) {
    const int64_t amount = store_.item_amount(i);
    all_amount += amount;
    if (!item_matches(i)) continue;
    money.revenue_fen += amount;
    money.cost_fen += store_.item_cost(i);
    money.quantity += store_.item_quantity(i);
  }
  if (category_ok_.empty()) {
    money.sales_fen = store_.order_total(order);
    money.refunded_fen = store_.order_refunded(order);
    money.discount_fen = store_.order_discount(order);
  } else {
    money.sales_fen = money.revenue_fen;
    money.refunded_fen = apportion(store_.order_refunded(order), money.revenue_fen, all_amount);
    money.discount_fen = apportion(store_.order_discount(order), money.revenue_fen, all_amount);
  }
  return money;
}

int64_t OrderScope::net_sales(uint32_t order) const {
  if (category_ok_.empty()) return store_.order_total(order) - store_.order_refunded(order);
  return money(order).net_sales_fen();
}

}  // namespace crm::analytics
