// SPDX-License-Identifier: Apache-2.0
// The skeleton of a demo store before any row is written: when every order is placed, which
// customer places it, when each customer was created and whether they ever paid.
//
// Orders: M instants drawn from the Calendar, sorted (so order ids and numbers follow time).
// Customers: ~85% buy; each buyer has one order plus a share of the rest drawn from a heavy tail
// (about half of the buyers buy once, a few buy dozens of times), so RFM and cohorts have shape.
// A customer is created shortly before their first order (or at a calendar instant if they never
// buy); customers are numbered in creation order.
#pragma once

#include <cstdint>
#include <vector>

#include "demo/calendar.h"
#include "demo/demo_options.h"

namespace crm::demo {

struct PlannedCustomer {
  int64_t created_at_ms = 0;
  int32_t orders = 0;
  bool paid = false;  // has at least one paid order (stage "transacted")
  int64_t first_order_ms = 0, last_order_ms = 0;
};

struct DemoPlan {
  Calendar calendar;
  std::vector<int64_t> order_ms;         // sorted ascending
  std::vector<uint32_t> order_customer;  // index into customers
  std::vector<PlannedCustomer> customers;  // sorted by created_at_ms
};

// Errors none; options must be validated (customers >= 1, orders >= 0, years 1..10).
DemoPlan make_plan(const DemoOptions& options);

}  // namespace crm::demo
