// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

#include "modules/analytics/engine/filter.h"

namespace crm::analytics {

// One customer's sums over the in-scope orders with from_day <= day <= to_day. A customer
// without such orders has orders == 0 and first_day/last_day unset (kMaxDay/kMinDay).
// One 32-byte row per customer, so the scan touches one cache line per order.
struct CustomerTotal {
  int32_t first_day = kMaxDay;
  int32_t last_day = kMinDay;
  int32_t orders = 0;
  int32_t reserved = 0;
  int64_t sales_fen = 0;
  int64_t refunded_fen = 0;
};

struct CustomerProfit {
  int64_t revenue_fen = 0, cost_fen = 0, discount_fen = 0, profit_fen = 0;
};

// Per customer, by dense index. `profit` is filled only when asked (it needs the item loop).
struct CustomerTotals {
  std::vector<CustomerTotal> rows;
  std::vector<CustomerProfit> profit;
};

enum class WithProfit : uint8_t { kNo, kYes };

// One scan of the order slice [from_day, to_day], split over the cores.
CustomerTotals customer_totals(const OrderScope& scope, int32_t from_day, int32_t to_day, WithProfit with_profit);

}  // namespace crm::analytics
