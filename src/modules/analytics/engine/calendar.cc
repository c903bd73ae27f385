// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/calendar.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace crm::analytics {
namespace {

constexpr int64_t kMsPerDay = 86'400'000;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Spring Festival dates (month, day) for 2015..2035, from the Chinese lunisolar calendar.
constexpr int kFirstSpringFestivalYear = 2015;
constexpr std::array<std::pair<int, int>, 21> kSpringFestival = {{
    {2, 19}, {2, 8}, {1, 28}, {2, 16}, {2, 5}, {1, 25}, {2, 12}, {2, 1}, {1, 22}, {2, 10},  // 2015-24
    {1, 29}, {2, 17}, {2, 6}, {1, 26}, {2, 13}, {2, 3}, {1, 23}, {2, 11}, {1, 31}, {2, 19},  // 2025-34
    {2, 8}}};                                                                                 // 2035

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

int32_t day_from_ms(int64_t ms) {
  return static_cast<int32_t>(floor_div(ms + kMerchantOffsetMs, kMsPerDay));
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int32_t day_from_civil(CivilDate date) {
  int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(date.month > 2 ? date.month - 3 : date.month + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

CivilDate civil_from_day(int32_t day) {
  const int64_t z = static_cast<int64_t>(day) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2 ? 1 : 0);
  return {y, m, d};
}

std::string format_day(int32_t day) {
  const CivilDate date = civil_from_day(day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

int iso_weekday(int32_t day) {
  // 1970-01-01 was a Thursday (ISO 4).
  const int64_t offset = floor_div(static_cast<int64_t>(day) + 3, 7) * 7;
  return static_cast<int>(static_cast<int64_t>(day) + 3 - offset) + 1;
}

std::string_view period_name(Period period) {
  switch (period) {
    case Period::kDay: return "day";
    case Period::kWeek: return "week";
    case Period::kMonth: return "month";
    case Period::kYear: return "year";
  }
  return "month";
}

std::optional<Period> parse_period(std::string_view name) {
  for (Period p : {Period::kDay, Period::kWeek, Period::kMonth, Period::kYear}) {
    if (period_name(p) == name) return p;
  }
  return std::nullopt;
}

int32_t period_start(Period period, int32_t day) {
  switch (period) {
    case Period::kDay: return day;
    case Period::kWeek: return day - (iso_weekday(day) - 1);
    case Period::kMonth: {
      const CivilDate date = civil_from_day(day);
      return day_from_civil({date.year, date.month, 1});
    }
    case Period::kYear: return day_from_civil({civil_from_day(day).year, 1, 1});
  }
  return day;
}

int32_t next_period_start(Period period, int32_t start) {
  switch (period) {
    case Period::kDay: return start + 1;
    case Period::kWeek: return start + 7;
    case Period::kMonth: {
      const CivilDate date = civil_from_day(start);
      return date.month == 12 ? day_from_civil({date.year + 1, 1, 1})
                              : day_from_civil({date.year, date.month + 1, 1});
    }
    case Period::kYear: return day_from_civil({civil_from_day(start).year + 1, 1, 1});
  }
  return start + 1;
}

int32_t year_ago_start(Period period, int32_t start) {
  const CivilDate date = civil_from_day(start);
  switch (period) {
    case Period::kDay: {
      int d = date.day;
      if (date.month == 2 && d == 29 && !is_leap(date.year - 1)) d = 28;
      return day_from_civil({date.year - 1, date.month, d});
    }
    case Period::kWeek: return start - 364;
    case Period::kMonth: return day_from_civil({date.year - 1, date.month, 1});
    case Period::kYear: return day_from_civil({date.year - 1, 1, 1});
  }
  return start;
}

std::string period_label(Period period, int32_t start) {
  const std::string day = format_day(start);
  switch (period) {
    case Period::kDay:
    case Period::kWeek: return day;
    case Period::kMonth: return day.substr(0, 7);
    case Period::kYear: return day.substr(0, 4);
  }
  return day;
}

std::optional<int32_t> spring_festival_day(int year) {
  const int index = year - kFirstSpringFestivalYear;
  if (index < 0 || index >= static_cast<int>(kSpringFestival.size())) return std::nullopt;
  const auto [month, day] = kSpringFestival[static_cast<size_t>(index)];
  return day_from_civil({year, month, day});
}

std::string_view festival_name(Festival festival) {
  switch (festival) {
    case Festival::kNewYearShopping: return "new_year_shopping";
    case Festival::k618: return "618";
    case Festival::kSingles11: return "singles_day";
    case Festival::kDouble12: return "double_12";
  }
  return "";
}

std::vector<FestivalWindow> festival_windows(int32_t from_day, int32_t to_day) {
  std::vector<FestivalWindow> windows;
  if (from_day > to_day) return windows;
  const int first_year = civil_from_day(from_day).year;
  const int last_year = civil_from_day(to_day).year + 1;  // 年货节 of Y+1 can start in December
  auto add = [&](Festival festival, int year, int32_t first, int32_t last) {
    if (last < from_day || first > to_day) return;
    windows.push_back({festival, year, std::max(first, from_day), std::min(last, to_day)});
  };
  for (int year = first_year; year <= last_year; ++year) {
    if (auto spring = spring_festival_day(year)) {
      add(Festival::kNewYearShopping, year, *spring - 21, *spring - 1);
    }
    add(Festival::k618, year, day_from_civil({year, 6, 1}), day_from_civil({year, 6, 18}));
    add(Festival::kSingles11, year, day_from_civil({year, 11, 1}), day_from_civil({year, 11, 11}));
    add(Festival::kDouble12, year, day_from_civil({year, 12, 12}), day_from_civil({year, 12, 12}));
  }
  std::stable_sort(windows.begin(), windows.end(),
                   [](const FestivalWindow& a, const FestivalWindow& b) { return a.first_day < b.first_day; });
  return windows;
}

}  // namespace crm::analytics
