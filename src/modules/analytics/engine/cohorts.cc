// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "modules/analytics/engine/churn.h"
#include "modules/analytics/engine/consumption.h"
#include "modules/analytics/engine/customer_totals.h"
#include "modules/analytics/engine/parallel.h"

namespace crm::analytics {
namespace {

constexpr int kMaxCohortMonths = 600;

int month_number(int32_t day) {
  const CivilDate date = civil_from_day(day);
  return date.year * 12 + date.month - 1;
}

}  // namespace

Result<CohortResult> compute_cohorts(const ColumnStore& store, const Filter& filter) {
  CRM_TRY(require_bounded(filter));
  const int first_month = month_number(filter.from_day);
  const int last_month = month_number(filter.to_day);
  const int months = last_month - first_month + 1;
  if (months > kMaxCohortMonths) {
    return invalid_input("analytics.range_too_long", "Cohorts cover at most 600 months.", "to");
  }
  const OrderScope scope(store, filter);
  // Pass 1: each customer's first in-scope order ever (up to to_day) gives the cohort.
  const CustomerTotals totals = customer_totals(scope, kMinDay, filter.to_day, WithProfit::kNo);
  const size_t customers = store.customer_count();
  std::vector<int16_t> cohort(customers, -1);  // cohort month - first_month, or -1
  std::vector<int64_t> sizes(static_cast<size_t>(months), 0);
  for (size_t c = 0; c < customers; ++c) {
    if (totals.rows[c].orders == 0 || totals.rows[c].first_day < filter.from_day) continue;
    cohort[c] = static_cast<int16_t>(month_number(totals.rows[c].first_day) - first_month);
    ++sizes[static_cast<size_t>(cohort[c])];
  }
  // Pass 2: orders in day order, split at month starts so a (customer, month) pair is seen by
  // one part only; "last month counted" per customer makes the cells distinct counts.
  std::vector<int32_t> month_starts;
  for (int m = 0; m <= months; ++m) {
    const int number = first_month + m;
    month_starts.push_back(day_from_civil({number / 12, number % 12 + 1, 1}));
  }
  const auto [first, last] = store.order_range(filter.from_day, filter.to_day);
  const size_t parts = std::min<size_t>(part_count(last - first), static_cast<size_t>(months));
  std::vector<size_t> part_month_begin;
  for (size_t p = 0; p <= parts; ++p) part_month_begin.push_back(static_cast<size_t>(months) * p / parts);
  using Matrix = std::vector<int64_t>;  // [cohort * months + k]
  std::vector<Matrix> matrices(parts, Matrix(static_cast<size_t>(months) * static_cast<size_t>(months), 0));
  run_parts(parts, [&](size_t p) {
    std::vector<int16_t> last_counted(customers, -1);
    const int32_t from_day = std::max(month_starts[part_month_begin[p]], filter.from_day);
    const int32_t to_day = std::min(month_starts[part_month_begin[p + 1]] - 1, filter.to_day);
    const auto [begin, end] = store.order_range(from_day, to_day);
    size_t m = part_month_begin[p];
    for (uint32_t o = begin; o < end; ++o) {
      if (o + kPrefetchDistance < end) {
        __builtin_prefetch(&cohort[store.order_customer(o + kPrefetchDistance)]);
        __builtin_prefetch(&last_counted[store.order_customer(o + kPrefetchDistance)], 1);
      }
      const uint32_t c = store.order_customer(o);
      if (cohort[c] < 0 || !scope.matches(o)) continue;
      while (store.order_day(o) >= month_starts[m + 1]) ++m;
      if (last_counted[c] == static_cast<int16_t>(m)) continue;
      last_counted[c] = static_cast<int16_t>(m);
      const size_t k = m - static_cast<size_t>(cohort[c]);
      ++matrices[p][static_cast<size_t>(cohort[c]) * static_cast<size_t>(months) + k];
    }
  });
  CohortResult result;
  for (int row = 0; row < months; ++row) {
    CohortRow cohort_row;
    cohort_row.month_start = month_starts[static_cast<size_t>(row)];
    cohort_row.label = period_label(Period::kMonth, cohort_row.month_start);
    cohort_row.size = sizes[static_cast<size_t>(row)];
    for (int k = 0; k < months - row; ++k) {
      int64_t cell = 0;
      for (const Matrix& matrix : matrices) cell += matrix[static_cast<size_t>(row * months + k)];
      cohort_row.active.push_back(cell);
      cohort_row.retention.push_back(cohort_row.size == 0 ? std::nullopt
                                                          : std::optional<double>(static_cast<double>(cell) /
                                                                                  static_cast<double>(cohort_row.size)));
    }
    result.cohorts.push_back(std::move(cohort_row));
  }
  return result;
}

}  // namespace crm::analytics
