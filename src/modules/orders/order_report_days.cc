// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_report_days.h"

#include <fmt/format.h>

namespace crm::orders {

namespace {

struct Civil {
  int64_t year;
  int64_t month;
  int64_t day;
};

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

int64_t merchant_day(int64_t ms) { return floor_div(ms + kMerchantOffsetMs, kDayMs); }

int64_t merchant_day_start_ms(int64_t day) { return day * kDayMs - kMerchantOffsetMs; }

std::optional<int64_t> parse_merchant_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (const size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  auto number = [&](size_t from, size_t count) {
    int64_t value = 0;
    for (size_t i = from; i < from + count; ++i) value = value * 10 + (s[i] - '0');
    return value;
  };
  const int64_t y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (y < 1970 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const int64_t day = days_from_civil(y, m, d);
  const Civil back = civil_from_days(day);
  if (back.year != y || back.month != m || back.day != d) return std::nullopt;  // 2026-02-30
  return day;
}

std::string merchant_day_label(int64_t day) {
  const Civil c = civil_from_days(day);
  return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

int64_t period_start(int64_t day, ReportGroup group) {
  switch (group) {
    case ReportGroup::kDay: return day;
    case ReportGroup::kWeek: return day - (day + 3 - floor_div(day + 3, 7) * 7);  // 1970-01-01: Thu
    case ReportGroup::kMonth: {
      const Civil c = civil_from_days(day);
      return days_from_civil(c.year, c.month, 1);
    }
  }
  return day;
}

std::string period_label(int64_t start_day, ReportGroup group) {
  if (group != ReportGroup::kMonth) return merchant_day_label(start_day);
  const Civil c = civil_from_days(start_day);
  return fmt::format("{:04d}-{:02d}", c.year, c.month);
}

int64_t next_period(int64_t start_day, ReportGroup group) {
  switch (group) {
    case ReportGroup::kDay: return start_day + 1;
    case ReportGroup::kWeek: return start_day + 7;
    case ReportGroup::kMonth: {
      const Civil c = civil_from_days(start_day);
      return c.month == 12 ? days_from_civil(c.year + 1, 1, 1)
                           : days_from_civil(c.year, c.month + 1, 1);
    }
  }
  return start_day + 1;
}

}  // namespace crm::orders
