// SPDX-License-Identifier: Apache-2.0
// The small hand-computed store the engine tests share (tests only).
#pragma once

#include <gtest/gtest.h>

#include "modules/analytics/engine/calendar.h"
#include "modules/analytics/engine/column_store.h"

namespace crm::analytics::test {

inline int32_t day(int year, int month, int d) { return day_from_civil({year, month, d}); }

// Customers (id, created, region, channel, categories):
//   1  2026-01-01  浙江  tmall   vip
//   2  2026-01-05  江苏  jd
//   3  2026-02-01  浙江  tmall
//   4  2026-02-10  上海  douyin  (never orders)
// Orders (id, customer, day, status, channel, region, total, discount, refunded; items as
// category x quantity = amount / cost):
//   100  2  2025-02-14  completed  jd     江苏  12500     0     0   bags x1 = 12500 / 6000
//   101  1  2026-01-10  paid       tmall  浙江  10000   500     0   shoes x1 = 6000 / 3000,
//                                                                   bags x2 = 4500 / 2000
//   102  1  2026-02-15  completed  tmall  浙江  20000     0  5000   shoes x2 = 20000 / 9000
//   103  2  2026-01-20  delivered  jd     江苏   8000     0     0   bags x1 = 8000 / 5000
//   104  2  2026-01-20  cancelled  jd     江苏   3000     0     0   bags x1 = 3000 / 1000  (not counted)
//   105  3  2026-02-03  shipped    tmall  浙江   5000     0     0   shoes x1 = 5000 / 2500
//   106  3  2026-03-05  paid       jd     浙江   7000     0     0   bags x1 = 7000 / 3000
//   107  1  2026-03-20  pending_audit tmall 浙江 9999     0     0   shoes x1 = 9999 / 1   (not counted)
// Counted: 100, 101, 102, 103, 105, 106.
inline void fill_small_store(ColumnStore& store) {
  auto ok = [](const Result<void>& r) { ASSERT_TRUE(r) << r.error().code << ": " << r.error().message; };
  ok(store.add_customer({1, day(2026, 1, 1), "浙江", "tmall"}));
  ok(store.add_customer({2, day(2026, 1, 5), "江苏", "jd"}));
  ok(store.add_customer({3, day(2026, 2, 1), "浙江", "tmall"}));
  ok(store.add_customer({4, day(2026, 2, 10), "上海", "douyin"}));
  ok(store.add_customer_category(1, "vip"));
  using S = OrderStatus;
  ok(store.add_order({100, 2, day(2025, 2, 14), S::kCompleted, "jd", "江苏", 12500, 0, 0}));
  ok(store.add_order({101, 1, day(2026, 1, 10), S::kPaid, "tmall", "浙江", 10000, 500, 0}));
  ok(store.add_order({102, 1, day(2026, 2, 15), S::kCompleted, "tmall", "浙江", 20000, 0, 5000}));
  ok(store.add_order({103, 2, day(2026, 1, 20), S::kDelivered, "jd", "江苏", 8000, 0, 0}));
  ok(store.add_order({104, 2, day(2026, 1, 20), S::kCancelled, "jd", "江苏", 3000, 0, 0}));
  ok(store.add_order({105, 3, day(2026, 2, 3), S::kShipped, "tmall", "浙江", 5000, 0, 0}));
  ok(store.add_order({106, 3, day(2026, 3, 5), S::kPaid, "jd", "浙江", 7000, 0, 0}));
  ok(store.add_order({107, 1, day(2026, 3, 20), S::kPendingAudit, "tmall", "浙江", 9999, 0, 0}));
  ok(store.add_item({100, "bags", 1, 12500, 6000}));
  ok(store.add_item({101, "shoes", 1, 6000, 3000}));
  ok(store.add_item({101, "bags", 2, 4500, 2000}));
  ok(store.add_item({102, "shoes", 2, 20000, 9000}));
  ok(store.add_item({103, "bags", 1, 8000, 5000}));
  ok(store.add_item({104, "bags", 1, 3000, 1000}));
  ok(store.add_item({105, "shoes", 1, 5000, 2500}));
  ok(store.add_item({106, "bags", 1, 7000, 3000}));
  ok(store.add_item({107, "shoes", 1, 9999, 1}));
  auto frozen = store.freeze();
  ASSERT_TRUE(frozen);
}

}  // namespace crm::analytics::test
