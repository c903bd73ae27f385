// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/consumption.h"

#include <algorithm>
#include <map>

#include "modules/analytics/engine/parallel.h"

namespace crm::analytics {
namespace {

constexpr size_t kMaxPeriods = 100'000;

struct MixAccumulator {
  int64_t orders = 0, quantity = 0, sales_fen = 0;
};

// One part of the scan: a run of whole periods, with its own distinct-buyer bookkeeping.
struct Part {
  std::vector<int32_t> last_period;    // per customer: last period index counted as buyer
  std::vector<uint8_t> range_buyer;    // per customer: bought inside [from, to]
  std::vector<MixAccumulator> categories, channels;
};

std::vector<MixRow> mix_rows(const std::vector<MixAccumulator>& accumulators, const Dictionary& names) {
  std::vector<MixRow> rows;
  int64_t total = 0;
  for (size_t code = 0; code < accumulators.size(); ++code) {
    const auto& a = accumulators[code];
    if (a.orders == 0) continue;
    rows.push_back({static_cast<uint16_t>(code), names.name(static_cast<uint16_t>(code)), a.orders, a.quantity,
                    a.sales_fen, std::nullopt});
    total += a.sales_fen;
  }
  for (auto& row : rows) {
    if (total != 0) row.share = static_cast<double>(row.sales_fen) / static_cast<double>(total);
  }
  std::sort(rows.begin(), rows.end(), [](const MixRow& a, const MixRow& b) {
    return a.sales_fen != b.sales_fen ? a.sales_fen > b.sales_fen : a.code < b.code;
  });
  return rows;
}

void add_money(const OrderMoney& money, PeriodTotals& totals) {
  ++totals.orders;
  totals.sales_fen += money.sales_fen;
  totals.refunded_fen += money.refunded_fen;
  totals.items += money.quantity;
}

}  // namespace

Result<void> require_bounded(const Filter& filter) {
  CRM_TRY(validate_filter(filter));
  if (filter.from_day <= kMinDay || filter.to_day >= kMaxDay) {
    return invalid_input("analytics.range_required", "from and to are required.", "from");
  }
  return {};
}

std::optional<double> PeriodTotals::aov_fen() const {
  if (orders == 0) return std::nullopt;
  return static_cast<double>(sales_fen) / static_cast<double>(orders);
}

std::optional<double> PeriodTotals::frequency() const {
  if (buyers == 0) return std::nullopt;
  return static_cast<double>(orders) / static_cast<double>(buyers);
}

std::optional<double> relative_change(double current, double base) {
  if (base == 0) return std::nullopt;
  return (current - base) / base;
}

Result<Consumption> compute_consumption(const ColumnStore& store, const Filter& filter, Period period) {
  CRM_TRY(require_bounded(filter));
  Consumption result;
  result.period = period;
  result.from_day = period_start(period, filter.from_day);
  result.to_day = next_period_start(period, period_start(period, filter.to_day)) - 1;

  std::vector<int32_t> row_starts;
  for (int32_t s = result.from_day; s <= result.to_day; s = next_period_start(period, s)) {
    if (row_starts.size() == kMaxPeriods) {
      return invalid_input("analytics.range_too_long", "The range has too many periods.", "to");
    }
    row_starts.push_back(s);
  }
  // Every period a row needs: itself, the one before and the one a year before.
  std::vector<int32_t> needed = row_starts;
  needed.push_back(period_start(period, row_starts.front() - 1));
  for (int32_t s : row_starts) needed.push_back(year_ago_start(period, s));
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());

  const OrderScope scope(store, filter);
  std::vector<PeriodTotals> totals(needed.size());
  std::vector<std::pair<uint32_t, uint32_t>> slices(needed.size());
  size_t rows_total = 0;
  for (size_t p = 0; p < needed.size(); ++p) {
    slices[p] = store.order_range(needed[p], next_period_start(period, needed[p]) - 1);
    rows_total += slices[p].second - slices[p].first;
  }
  // Parts are runs of whole periods with about the same number of orders.
  const size_t parts = std::min(part_count(rows_total), needed.size());
  std::vector<size_t> part_begin{0};
  for (size_t p = 0, seen = 0; p < needed.size(); ++p) {
    seen += slices[p].second - slices[p].first;
    if (part_begin.size() < parts && seen * parts >= rows_total * part_begin.size() && p + 1 < needed.size()) {
      part_begin.push_back(p + 1);
    }
  }
  part_begin.push_back(needed.size());
  const size_t used_parts = part_begin.size() - 1;
  std::vector<Part> part_state(used_parts);
  const size_t customers = store.customer_count();
  run_parts(used_parts, [&](size_t part) {
    Part& state = part_state[part];
    state.last_period.assign(customers, -1);
    state.range_buyer.assign(customers, 0);
    state.categories.assign(store.categories().size(), {});
    state.channels.assign(store.channels().size(), {});
    for (size_t p = part_begin[part]; p < part_begin[part + 1]; ++p) {
      const bool in_range = needed[p] >= result.from_day && needed[p] <= result.to_day;
      for (uint32_t o = slices[p].first; o < slices[p].second; ++o) {
        if (o + kPrefetchDistance < slices[p].second) {
          __builtin_prefetch(&state.last_period[store.order_customer(o + kPrefetchDistance)], 1);
        }
        if (!scope.matches(o)) continue;
        const OrderMoney money = scope.money(o);
        add_money(money, totals[p]);
        const uint32_t c = store.order_customer(o);
        if (state.last_period[c] != static_cast<int32_t>(p)) {
          state.last_period[c] = static_cast<int32_t>(p);
          ++totals[p].buyers;
        }
        if (!in_range) continue;
        state.range_buyer[c] = 1;
        auto& channel = state.channels[store.order_channel(o)];
        ++channel.orders, channel.quantity += money.quantity, channel.sales_fen += money.sales_fen;
        for (uint32_t i = store.item_begin(o); i < store.item_end(o); ++i) {
          if (!scope.item_matches(i)) continue;
          const uint16_t code = store.item_category(i);
          bool first_of_category = true;
          for (uint32_t k = store.item_begin(o); k < i; ++k) {
            if (store.item_category(k) == code) first_of_category = false;
          }
          auto& category = state.categories[code];
          category.orders += first_of_category ? 1 : 0;
          category.quantity += store.item_quantity(i);
          category.sales_fen += store.item_amount(i);
        }
      }
    }
  });

  std::map<int32_t, size_t> index_of;
  for (size_t p = 0; p < needed.size(); ++p) index_of[needed[p]] = p;
  for (int32_t s : row_starts) {
    ConsumptionRow row;
    row.label = period_label(period, s);
    row.start_day = s;
    row.end_day = next_period_start(period, s) - 1;
    row.current = totals[index_of.at(s)];
    row.previous = totals[index_of.at(period_start(period, s - 1))];
    row.year_ago = totals[index_of.at(year_ago_start(period, s))];
    auto d = [](int64_t v) { return static_cast<double>(v); };
    row.sales_pop = relative_change(d(row.current.sales_fen), d(row.previous.sales_fen));
    row.sales_yoy = relative_change(d(row.current.sales_fen), d(row.year_ago.sales_fen));
    row.orders_pop = relative_change(d(row.current.orders), d(row.previous.orders));
    row.orders_yoy = relative_change(d(row.current.orders), d(row.year_ago.orders));
    row.buyers_pop = relative_change(d(row.current.buyers), d(row.previous.buyers));
    row.buyers_yoy = relative_change(d(row.current.buyers), d(row.year_ago.buyers));
    result.total.orders += row.current.orders;
    result.total.sales_fen += row.current.sales_fen;
    result.total.refunded_fen += row.current.refunded_fen;
    result.total.items += row.current.items;
    result.periods.push_back(std::move(row));
  }
  std::vector<MixAccumulator> categories(store.categories().size()), channels(store.channels().size());
  for (size_t c = 0; c < customers; ++c) {
    bool buyer = false;
    for (const Part& state : part_state) buyer = buyer || state.range_buyer[c] != 0;
    result.total.buyers += buyer ? 1 : 0;
  }
  for (const Part& state : part_state) {
    for (size_t k = 0; k < categories.size(); ++k) {
      categories[k].orders += state.categories[k].orders;
      categories[k].quantity += state.categories[k].quantity;
      categories[k].sales_fen += state.categories[k].sales_fen;
    }
    for (size_t k = 0; k < channels.size(); ++k) {
      channels[k].orders += state.channels[k].orders;
      channels[k].quantity += state.channels[k].quantity;
      channels[k].sales_fen += state.channels[k].sales_fen;
    }
  }
  result.categories = mix_rows(categories, store.categories());
  result.channels = mix_rows(channels, store.channels());
  return result;
}

}  // namespace crm::analytics
