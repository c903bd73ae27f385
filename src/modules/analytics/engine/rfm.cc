// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/rfm.h"

#include <algorithm>

#include "modules/analytics/engine/customer_totals.h"
#include "modules/analytics/engine/parallel.h"
#include "modules/analytics/engine/scoring.h"

namespace crm::analytics {
namespace {

// Rows R = 5..1, columns FM = 1..5 (docs/analytics.md, "Segments").
using S = Segment;
constexpr S kSegmentTable[5][5] = {
    /* R=5 */ {S::kNewCustomers, S::kPotentialLoyalists, S::kPotentialLoyalists, S::kChampions, S::kChampions},
    /* R=4 */ {S::kPromising, S::kPotentialLoyalists, S::kPotentialLoyalists, S::kLoyalCustomers, S::kLoyalCustomers},
    /* R=3 */ {S::kAboutToSleep, S::kAboutToSleep, S::kNeedAttention, S::kLoyalCustomers, S::kLoyalCustomers},
    /* R=2 */ {S::kHibernating, S::kHibernating, S::kAtRisk, S::kAtRisk, S::kCantLoseThem},
    /* R=1 */ {S::kLost, S::kHibernating, S::kAtRisk, S::kAtRisk, S::kCantLoseThem},
};

int to_five(int score, int bins) { return (score - 1) * 5 / bins + 1; }

std::optional<double> ratio(double part, double whole) {
  if (whole == 0) return std::nullopt;
  return part / whole;
}

}  // namespace

std::string_view segment_name(Segment segment) {
  switch (segment) {
    case Segment::kChampions: return "champions";
    case Segment::kLoyalCustomers: return "loyal_customers";
    case Segment::kPotentialLoyalists: return "potential_loyalists";
    case Segment::kNewCustomers: return "new_customers";
    case Segment::kPromising: return "promising";
    case Segment::kNeedAttention: return "need_attention";
    case Segment::kAboutToSleep: return "about_to_sleep";
    case Segment::kAtRisk: return "at_risk";
    case Segment::kCantLoseThem: return "cant_lose_them";
    case Segment::kHibernating: return "hibernating";
    case Segment::kLost: return "lost";
  }
  return "";
}

Segment segment_for(int r5, int fm5) {
  r5 = std::clamp(r5, 1, 5);
  fm5 = std::clamp(fm5, 1, 5);
  return kSegmentTable[5 - r5][fm5 - 1];
}

Result<RfmResult> compute_rfm(const ColumnStore& store, const Filter& filter, const RfmOptions& options) {
  CRM_TRY(validate_filter(filter));
  if (options.bins < 2 || options.bins > 10) {
    return invalid_input("analytics.invalid_bins", "bins must be between 2 and 10.", "bins");
  }
  const int32_t reference = options.reference_day.value_or(filter.to_day);
  if (reference >= kMaxDay || reference < filter.from_day) {
    return invalid_input("analytics.invalid_reference_day",
                         "The reference day must be set and not before the start of the range.", "reference_day");
  }
  const OrderScope scope(store, filter);
  CustomerTotals totals = customer_totals(scope, filter.from_day, reference, WithProfit::kNo);

  RfmResult result;
  result.reference_day = reference;
  result.bins = options.bins;
  // Sized exactly (no growth copies): the scoring inputs live alongside the result rows.
  const auto scored_count = static_cast<size_t>(
      std::count_if(totals.rows.begin(), totals.rows.end(), [](const CustomerTotal& t) { return t.orders > 0; }));
  result.customers.reserve(scored_count);
  std::vector<int64_t> minus_recency, frequency, monetary;
  minus_recency.reserve(scored_count), frequency.reserve(scored_count), monetary.reserve(scored_count);
  for (uint32_t c = 0; c < store.customer_count(); ++c) {
    if (totals.rows[c].orders == 0) continue;
    RfmRow row;
    row.customer_id = store.customer_id(c);
    row.last_day = totals.rows[c].last_day;
    row.recency_days = reference - totals.rows[c].last_day;
    row.frequency = totals.rows[c].orders;
    row.monetary_fen = totals.rows[c].sales_fen - totals.rows[c].refunded_fen;
    result.customers.push_back(row);
    minus_recency.push_back(-static_cast<int64_t>(row.recency_days));
    frequency.push_back(row.frequency);
    monetary.push_back(row.monetary_fen);
  }
  totals = {};  // the per-customer sums are in the rows now; free them before the sorts
  // The three scorings are independent sorts: one thread each when the population is big.
  std::vector<uint8_t> r_scores, f_scores, m_scores;
  const bool split = part_count(result.customers.size()) > 1;
  run_parts(split ? 3 : 1, [&](size_t part) {
    if (!split || part == 0) r_scores = quantile_scores(minus_recency, options.bins);
    if (!split || part == 1) f_scores = quantile_scores(frequency, options.bins);
    if (!split || part == 2) m_scores = quantile_scores(monetary, options.bins);
  });

  for (size_t s = 0; s < kSegmentCount; ++s) result.segments[s].segment = static_cast<Segment>(s);
  std::array<int64_t, kSegmentCount> recency_sum{}, frequency_sum{};
  int64_t monetary_total = 0;
  for (size_t k = 0; k < result.customers.size(); ++k) {
    RfmRow& row = result.customers[k];
    row.r_score = r_scores[k], row.f_score = f_scores[k], row.m_score = m_scores[k];
    const int r5 = to_five(row.r_score, options.bins);
    const int fm5 = (to_five(row.f_score, options.bins) + to_five(row.m_score, options.bins) + 1) / 2;
    row.fm_score = static_cast<uint8_t>(fm5);
    row.segment = segment_for(r5, fm5);
    ++result.grid[r5 - 1][fm5 - 1];
    SegmentSummary& summary = result.segments[static_cast<size_t>(row.segment)];
    ++summary.customers;
    summary.monetary_fen += row.monetary_fen;
    recency_sum[static_cast<size_t>(row.segment)] += row.recency_days;
    frequency_sum[static_cast<size_t>(row.segment)] += row.frequency;
    monetary_total += row.monetary_fen;
  }
  const auto scored = static_cast<double>(result.customers.size());
  for (size_t s = 0; s < kSegmentCount; ++s) {
    SegmentSummary& summary = result.segments[s];
    const auto count = static_cast<double>(summary.customers);
    summary.customer_share = ratio(count, scored);
    summary.monetary_share = ratio(static_cast<double>(summary.monetary_fen), static_cast<double>(monetary_total));
    summary.avg_recency_days = ratio(static_cast<double>(recency_sum[s]), count);
    summary.avg_frequency = ratio(static_cast<double>(frequency_sum[s]), count);
    summary.avg_monetary_fen = ratio(static_cast<double>(summary.monetary_fen), count);
  }
  return result;
}

std::optional<RfmRow> find_rfm(const RfmResult& result, int64_t customer_id) {
  auto it = std::lower_bound(result.customers.begin(), result.customers.end(), customer_id,
                             [](const RfmRow& row, int64_t id) { return row.customer_id < id; });
  if (it == result.customers.end() || it->customer_id != customer_id) return std::nullopt;
  return *it;
}

std::optional<RfmValues> customer_rfm_values(const ColumnStore& store, const Filter& filter, int64_t customer_id,
                                             int32_t reference_day) {
  const auto c = store.find_customer(customer_id);
  if (!c) return std::nullopt;
  const OrderScope scope(store, filter);
  RfmValues values;
  for (uint32_t o : store.customer_orders(*c)) {
    const int32_t day = store.order_day(o);
    if (day > reference_day || day > filter.to_day) break;  // the list is in day order
    if (day < filter.from_day || !scope.matches(o)) continue;
    values.last_day = day;
    ++values.frequency;
    values.monetary_fen += scope.net_sales(o);
  }
  if (values.frequency == 0) return std::nullopt;
  values.recency_days = reference_day - values.last_day;
  return values;
}

}  // namespace crm::analytics
