// SPDX-License-Identifier: Apache-2.0
// The life of one demo order: how it was audited, paid and shipped, and where it stands now.
// Each step has a time; the order's status is the last step that happened before "now", so old
// orders are completed (or cancelled) and recent ones are spread over the pipeline.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "demo/rng.h"

namespace crm::demo {

struct OrderStep {
  std::string_view action;  // create, approve, reject, pay, pick, pack, ship, deliver, complete, cancel
  std::string_view from_status;  // "" for create
  std::string_view to_status;
  int64_t at_ms = 0;
};

struct OrderShape {
  bool cod = false;
  std::vector<OrderStep> steps;  // the steps that happened (at_ms <= now), in order
  std::string_view status;       // the last step's to_status
  std::optional<int64_t> approved_ms, paid_ms, shipped_ms, delivered_ms, completed_ms,
      cancelled_ms;
  bool paid() const { return paid_ms.has_value(); }
  // Stock is reserved from approval until shipping or cancellation.
  bool holds_stock() const;
};

// The shape of order #index (0-based) placed at `placed_ms`, drawn from its own random stream
// (seed, index) so that it can be recomputed cheaply and in any order.
OrderShape shape_order(uint64_t seed, int64_t index, int64_t placed_ms, int64_t now_ms);

}  // namespace crm::demo
