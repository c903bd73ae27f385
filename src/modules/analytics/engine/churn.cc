// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/churn.h"

#include <algorithm>
#include <span>

#include "modules/analytics/engine/consumption.h"
#include "modules/analytics/engine/parallel.h"

namespace crm::analytics {
namespace {

constexpr size_t kMaxChurnPeriods = 10'000;

std::optional<double> ratio(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

using Days = std::span<const int32_t>;

// Number of days in the sorted list with a <= day <= b.
int64_t count_in(Days days, int32_t a, int32_t b) {
  if (a > b) return 0;
  return std::upper_bound(days.begin(), days.end(), b) - std::lower_bound(days.begin(), days.end(), a);
}

// Adds one customer (their sorted in-scope order days) to the stats of period [s, e].
void add_customer(Days days, int32_t s, int32_t e, int32_t threshold, ChurnStats& stats) {
  if (days.empty() || days.front() > e) return;
  const int64_t in_period = count_in(days, s, e);
  const bool active = count_in(days, s - 1 - threshold, s - 1) > 0;
  if (active) {
    ++stats.active_at_start;
    if (count_in(days, e - threshold, e) == 0) ++stats.churned;
    if (in_period > 0) ++stats.returning;
  }
  if (days.front() >= s) ++stats.new_buyers;
  if (in_period > 0) ++stats.buyers;
  if (in_period > 1) ++stats.repeat_buyers;
}

// Every customer's in-scope order days up to `last_day`, ascending, as one CSR built by two
// sequential passes over the day-ordered orders (cheaper than gathering through the
// per-customer order index, whose order rows sit at random places).
struct DayLists {
  std::vector<uint32_t> offsets;
  std::vector<int32_t> days;
  Days of(uint32_t c) const { return {days.data() + offsets[c], days.data() + offsets[c + 1]}; }
};

DayLists in_scope_days(const OrderScope& scope, int32_t last_day) {
  const ColumnStore& store = scope.store();
  const auto [first, last] = store.order_range(kMinDay, last_day);
  DayLists lists;
  lists.offsets.assign(store.customer_count() + 1, 0);
  for (uint32_t o = first; o < last; ++o) {
    if (scope.matches(o)) ++lists.offsets[store.order_customer(o) + 1];
  }
  for (size_t c = 1; c < lists.offsets.size(); ++c) lists.offsets[c] += lists.offsets[c - 1];
  lists.days.resize(lists.offsets.back());
  std::vector<uint32_t> next(lists.offsets.begin(), lists.offsets.end() - 1);
  for (uint32_t o = first; o < last; ++o) {
    if (o + kPrefetchDistance < last) __builtin_prefetch(&next[store.order_customer(o + kPrefetchDistance)], 1);
    if (scope.matches(o)) lists.days[next[store.order_customer(o)]++] = store.order_day(o);
  }
  return lists;
}

std::vector<ChurnGroupRow> group_rows(const std::vector<ChurnStats>& stats, const Dictionary* names) {
  std::vector<ChurnGroupRow> rows;
  for (size_t code = 0; code < stats.size(); ++code) {
    const ChurnStats& s = stats[code];
    if (s.active_at_start == 0 && s.buyers == 0) continue;
    std::string name = names ? names->name(static_cast<uint16_t>(code))
                             : std::string(tier_name(static_cast<Tier>(code)));
    rows.push_back({static_cast<uint16_t>(code), std::move(name), s});
  }
  return rows;
}

}  // namespace

std::optional<double> ChurnStats::churn_rate() const { return ratio(churned, active_at_start); }
std::optional<double> ChurnStats::retention_rate() const { return ratio(returning, active_at_start); }
std::optional<double> ChurnStats::acquisition_rate() const { return ratio(new_buyers, active_at_start); }
std::optional<double> ChurnStats::repeat_rate() const { return ratio(repeat_buyers, buyers); }

void ChurnStats::add(const ChurnStats& other) {
  active_at_start += other.active_at_start;
  churned += other.churned;
  returning += other.returning;
  new_buyers += other.new_buyers;
  buyers += other.buyers;
  repeat_buyers += other.repeat_buyers;
}

ChurnStats churn_stats(const OrderScope& scope, int32_t start_day, int32_t end_day, int32_t threshold_days) {
  const ColumnStore& store = scope.store();
  const size_t parts = part_count(store.order_count());
  const auto ranges = split_range(0, store.customer_count(), parts);
  std::vector<ChurnStats> stats(parts);
  const DayLists lists = in_scope_days(scope, end_day);
  run_parts(parts, [&](size_t p) {
    for (auto c = static_cast<uint32_t>(ranges[p].first); c < ranges[p].second; ++c) {
      add_customer(lists.of(c), start_day, end_day, threshold_days, stats[p]);
    }
  });
  for (size_t p = 1; p < parts; ++p) stats[0].add(stats[p]);
  return stats[0];
}

Result<ChurnResult> compute_churn(const ColumnStore& store, const Filter& filter, const ChurnOptions& options) {
  CRM_TRY(require_bounded(filter));
  if (options.threshold_days < 1 || options.threshold_days > 3650) {
    return invalid_input("analytics.invalid_threshold", "threshold_days must be between 1 and 3650.",
                         "threshold_days");
  }
  ChurnResult result;
  result.threshold_days = options.threshold_days;
  for (int32_t s = period_start(options.period, filter.from_day); s <= filter.to_day;
       s = next_period_start(options.period, s)) {
    if (result.periods.size() == kMaxChurnPeriods) {
      return invalid_input("analytics.range_too_long", "The range has too many periods.", "to");
    }
    ChurnPeriodRow row;
    row.start_day = std::max(s, filter.from_day);
    row.end_day = std::min(next_period_start(options.period, s) - 1, filter.to_day);
    row.label = period_label(options.period, s);
    result.periods.push_back(std::move(row));
  }
  Filter before = filter;
  before.from_day = kMinDay;
  before.to_day = filter.from_day - 1;
  std::vector<Tier> tiers;
  {  // only the tiers are kept: the value rows are freed before the day lists are built
    CRM_TRY_ASSIGN(ValueResult value_before, compute_value(store, before, options.tiers));
    tiers = tiers_by_customer(store, value_before);
  }

  struct PartStats {
    ChurnStats overall;
    std::vector<ChurnStats> periods, channels, regions, tiers;
  };
  const OrderScope scope(store, filter);
  const size_t parts = part_count(store.order_count());
  const auto ranges = split_range(0, store.customer_count(), parts);
  std::vector<PartStats> part_stats(parts);
  const DayLists lists = in_scope_days(scope, filter.to_day);
  run_parts(parts, [&](size_t p) {
    PartStats& mine = part_stats[p];
    mine.periods.assign(result.periods.size(), {});
    mine.channels.assign(store.channels().size(), {});
    mine.regions.assign(store.regions().size(), {});
    mine.tiers.assign(3, {});
    for (auto c = static_cast<uint32_t>(ranges[p].first); c < ranges[p].second; ++c) {
      const Days days = lists.of(c);
      if (days.empty()) continue;
      ChurnStats one;
      add_customer(days, filter.from_day, filter.to_day, options.threshold_days, one);
      mine.overall.add(one);
      mine.channels[store.customer_channel(c)].add(one);
      mine.regions[store.customer_region(c)].add(one);
      mine.tiers[static_cast<size_t>(tiers[c])].add(one);
      for (size_t k = 0; k < result.periods.size(); ++k) {
        add_customer(days, result.periods[k].start_day, result.periods[k].end_day, options.threshold_days,
                     mine.periods[k]);
      }
    }
  });
  std::vector<ChurnStats> channels(store.channels().size()), regions(store.regions().size()), tier_stats(3);
  for (const PartStats& part : part_stats) {
    result.overall.add(part.overall);
    for (size_t k = 0; k < result.periods.size(); ++k) result.periods[k].stats.add(part.periods[k]);
    for (size_t k = 0; k < channels.size(); ++k) channels[k].add(part.channels[k]);
    for (size_t k = 0; k < regions.size(); ++k) regions[k].add(part.regions[k]);
    for (size_t k = 0; k < 3; ++k) tier_stats[k].add(part.tiers[k]);
  }
  result.by_channel = group_rows(channels, &store.channels());
  result.by_region = group_rows(regions, &store.regions());
  result.by_tier = group_rows(tier_stats, nullptr);
  return result;
}

}  // namespace crm::analytics
