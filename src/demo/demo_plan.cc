// SPDX-License-Identifier: Apache-2.0
#include "demo/demo_plan.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "demo/order_shape.h"

namespace crm::demo {

namespace {

constexpr uint64_t kPlanStream = 0x504C'414E'0000'0000ULL;  // "PLAN"
constexpr int64_t kMinute = 60'000, kDay = 86'400'000;

template <typename T>
void shuffle(std::vector<T>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

Calendar make_calendar(const DemoOptions& o) {
  const int64_t today = merchant_day(o.now_ms);
  return Calendar(today - static_cast<int64_t>(o.years) * 365 + 1, today, o.now_ms);
}

}  // namespace

DemoPlan make_plan(const DemoOptions& o) {
  DemoPlan plan{make_calendar(o), {}, {}, {}};
  Rng rng(o.seed, kPlanStream);
  const auto n = static_cast<size_t>(o.customers);
  const auto m = static_cast<size_t>(o.orders);

  plan.order_ms.resize(m);
  for (auto& t : plan.order_ms) t = plan.calendar.sample_ms(rng);
  std::sort(plan.order_ms.begin(), plan.order_ms.end());

  // Orders per customer: buyers get one each, the rest goes to repeat buyers by a Pareto weight.
  std::vector<int32_t> counts(n, 0);
  const size_t buyers = std::min(m, static_cast<size_t>(std::llround(0.85 * static_cast<double>(n))));
  std::vector<uint32_t> order_of(n);
  std::iota(order_of.begin(), order_of.end(), 0);
  shuffle(order_of, rng);  // which customers buy: a random subset
  std::vector<double> weights(buyers, 0.0);
  for (size_t i = 0; i < buyers; ++i) {
    counts[order_of[i]] = 1;
    if (rng.chance(0.5)) continue;  // a one-time buyer
    const double u = 1.0 - rng.real();
    weights[i] = std::min(std::pow(u, -1.0 / 1.4), 400.0);  // Pareto, alpha 1.4, capped
  }
  const bool any_repeat = std::any_of(weights.begin(), weights.end(), [](double w) { return w > 0; });
  if (buyers > 0 && m > buyers) {
    if (!any_repeat) weights[0] = 1;
    const WeightedTable repeat(weights);
    for (size_t k = buyers; k < m; ++k) ++counts[order_of[repeat.pick(rng)]];
  }

  // Orders go to customers in a random order of their "slots".
  plan.order_customer.reserve(m);
  for (size_t c = 0; c < n; ++c) {
    for (int32_t k = 0; k < counts[c]; ++k) plan.order_customer.push_back(static_cast<uint32_t>(c));
  }
  shuffle(plan.order_customer, rng);

  std::vector<PlannedCustomer> customers(n);
  for (size_t c = 0; c < n; ++c) customers[c].orders = counts[c];
  for (size_t j = 0; j < m; ++j) {
    PlannedCustomer& c = customers[plan.order_customer[j]];
    if (c.first_order_ms == 0) c.first_order_ms = plan.order_ms[j];  // sorted: the first is first
    c.last_order_ms = plan.order_ms[j];
    if (!c.paid) {
      c.paid = shape_order(o.seed, static_cast<int64_t>(j), plan.order_ms[j], o.now_ms).paid();
    }
  }
  for (auto& c : customers) {
    if (c.orders > 0) {
      // Registered (or first contacted) minutes to weeks before the first order.
      const double lead_days = -std::log(1.0 - rng.real()) * 12.0;
      c.created_at_ms = c.first_order_ms - 10 * kMinute - static_cast<int64_t>(lead_days * kDay);
    } else {
      c.created_at_ms = plan.calendar.sample_ms(rng);
    }
  }

  // Number customers in creation order: renumber the order -> customer references.
  std::vector<uint32_t> by_created(n);
  std::iota(by_created.begin(), by_created.end(), 0);
  std::stable_sort(by_created.begin(), by_created.end(), [&](uint32_t a, uint32_t b) {
    return customers[a].created_at_ms < customers[b].created_at_ms;
  });
  std::vector<uint32_t> new_index(n);
  plan.customers.resize(n);
  for (size_t i = 0; i < n; ++i) {
    new_index[by_created[i]] = static_cast<uint32_t>(i);
    plan.customers[i] = customers[by_created[i]];
  }
  for (auto& c : plan.order_customer) c = new_index[c];
  return plan;
}

}  // namespace crm::demo
