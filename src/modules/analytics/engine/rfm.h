// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/analytics/engine/filter.h"

// RFM per customer (docs/analytics.md, "RFM"). Customers with at least one in-scope order in
// [filter.from_day, reference_day] are scored; the others are not in the result.
//   R = reference_day - day of the last such order (days), F = number of such orders,
//   M = their net sales (sales - refunds, fen).
// Scores 1..bins by quantile_scores (scoring.h); R is scored on -R so recent buyers score high.
// Segments come from (R score, FM score), FM = ceil((F score + M score) / 2), both first mapped
// to 1..5 when bins != 5 (s5 = (s - 1) * 5 / bins + 1); see segment_for.
namespace crm::analytics {

enum class Segment : uint8_t {
  kChampions, kLoyalCustomers, kPotentialLoyalists, kNewCustomers, kPromising, kNeedAttention,
  kAboutToSleep, kAtRisk, kCantLoseThem, kHibernating, kLost
};
inline constexpr int kSegmentCount = 11;
// champions, loyal_customers, potential_loyalists, new_customers, promising, need_attention,
// about_to_sleep, at_risk, cant_lose_them, hibernating, lost.
std::string_view segment_name(Segment segment);
// The segment of an (R, FM) pair on the 1..5 scale (the table in docs/analytics.md).
Segment segment_for(int r5, int fm5);

struct RfmOptions {
  std::optional<int32_t> reference_day;  // default: filter.to_day
  int bins = 5;                          // 2..10
};

struct RfmRow {
  int64_t customer_id = 0;
  int32_t last_day = 0;
  int32_t recency_days = 0;
  int64_t frequency = 0;
  int64_t monetary_fen = 0;
  uint8_t r_score = 0, f_score = 0, m_score = 0, fm_score = 0;  // fm_score on 1..5
  Segment segment = Segment::kLost;
};

struct SegmentSummary {
  Segment segment = Segment::kLost;
  int64_t customers = 0;
  int64_t monetary_fen = 0;
  std::optional<double> customer_share;  // of scored customers
  std::optional<double> monetary_share;  // of their total M (nullopt when it is 0)
  std::optional<double> avg_recency_days, avg_frequency, avg_monetary_fen;
};

struct RfmResult {
  int32_t reference_day = 0;
  int bins = 5;
  std::vector<RfmRow> customers;                     // ascending by customer_id
  std::array<SegmentSummary, kSegmentCount> segments;  // in Segment order
  std::array<std::array<int64_t, 5>, 5> grid{};      // grid[r5 - 1][fm5 - 1] = customers
};

// Errors: analytics.invalid_range (filter), analytics.invalid_bins (field "bins"),
// analytics.invalid_reference_day (before filter.from_day or unset with an open range).
Result<RfmResult> compute_rfm(const ColumnStore& store, const Filter& filter, const RfmOptions& options = {});

// One customer's row in a result (binary search); nullopt when the customer was not scored.
std::optional<RfmRow> find_rfm(const RfmResult& result, int64_t customer_id);

// One customer's raw R, F, M straight from the per-customer order index (no scores, which need
// everybody); nullopt when the customer has no in-scope order up to the reference day.
struct RfmValues {
  int32_t last_day = 0;
  int32_t recency_days = 0;
  int64_t frequency = 0;
  int64_t monetary_fen = 0;
};
std::optional<RfmValues> customer_rfm_values(const ColumnStore& store, const Filter& filter, int64_t customer_id,
                                             int32_t reference_day);

}  // namespace crm::analytics
