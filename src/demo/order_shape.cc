// SPDX-License-Identifier: Apache-2.0
#include "demo/order_shape.h"

namespace crm::demo {

namespace {

constexpr int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;
constexpr uint64_t kShapeStream = 0x0D0E'0000'0000'0000ULL;

}  // namespace

bool OrderShape::holds_stock() const {
  return status == "approved" || status == "paid" || status == "picking" || status == "packed";
}

OrderShape shape_order(uint64_t seed, int64_t index, int64_t placed_ms, int64_t now_ms) {
  Rng rng(seed, kShapeStream + static_cast<uint64_t>(index));
  OrderShape shape;
  shape.cod = rng.chance(0.07);
  const bool manual_audit = rng.chance(0.08);  // held by an audit rule, approved by staff
  const bool rejected = manual_audit && rng.chance(0.06);
  const bool cancelled = !rejected && rng.chance(0.03);

  // Planned steps with their times; only those up to now happen.
  std::vector<OrderStep> plan;
  int64_t t = placed_ms;
  if (manual_audit) {
    plan.push_back({"create", "", "pending_audit", t});
    t += rng.between(20 * kMinute, 20 * kHour);
    if (rejected) {
      plan.push_back({"reject", "pending_audit", "closed", t});
    } else {
      plan.push_back({"approve", "pending_audit", "approved", t});
    }
  } else {
    plan.push_back({"create", "", "approved", t});  // all rules passed: approved on intake
  }
  if (!rejected) {
    std::string_view at = "approved";
    if (!shape.cod) {
      t += rng.between(kMinute, 40 * kMinute);
      if (cancelled) {
        plan.push_back({"cancel", at, "cancelled", t});
      } else {
        plan.push_back({"pay", at, "paid", t});
        at = "paid";
      }
    } else if (cancelled) {
      plan.push_back({"cancel", at, "cancelled", t + rng.between(10 * kMinute, 6 * kHour)});
    }
    if (!cancelled) {
      t += rng.between(kHour, 20 * kHour);
      plan.push_back({"pick", at, "picking", t});
      t += rng.between(20 * kMinute, 4 * kHour);
      plan.push_back({"pack", "picking", "packed", t});
      t += rng.between(kHour, 16 * kHour);
      plan.push_back({"ship", "packed", "shipped", t});
      t += rng.between(kDay, 4 * kDay) + rng.between(0, 12 * kHour);
      plan.push_back({"deliver", "shipped", "delivered", t});  // cod: paid on delivery
      t += rng.between(3 * kDay, 10 * kDay);  // confirmed by the buyer or auto-confirmed
      plan.push_back({"complete", "delivered", "completed", t});
    }
  }

  for (const auto& step : plan) {
    if (step.at_ms > now_ms) break;
    shape.steps.push_back(step);
    if (step.to_status == "approved") shape.approved_ms = step.at_ms;
    if (step.action == "pay" || (shape.cod && step.action == "deliver")) shape.paid_ms = step.at_ms;
    if (step.action == "ship") shape.shipped_ms = step.at_ms;
    if (step.action == "deliver") shape.delivered_ms = step.at_ms;
    if (step.action == "complete") shape.completed_ms = step.at_ms;
    if (step.action == "cancel") shape.cancelled_ms = step.at_ms;
  }
  shape.status = shape.steps.back().to_status;
  return shape;
}

}  // namespace crm::demo
