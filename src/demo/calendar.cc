// SPDX-License-Identifier: Apache-2.0
#include "demo/calendar.h"

#include <algorithm>
#include <cmath>

namespace crm::demo {

namespace {

constexpr double kYearlyGrowth = 1.35;  // +35% a year, a young shop that grows

// Orders per hour of the day (merchant time): sleep, a morning rise, lunch, the evening peak.
constexpr double kHours[24] = {2.2, 1.2, 0.6, 0.3, 0.2, 0.3, 0.6, 1.4, 2.6, 3.6, 4.4, 4.6,
                               4.4, 4.6, 4.8, 4.6, 4.4, 4.2, 4.4, 5.2, 6.2, 6.8, 6.0, 4.0};
// 双11: the rush right after midnight and again in the evening.
constexpr double kFestivalHours[24] = {14.0, 8.0, 3.0, 1.0, 0.4, 0.4, 0.8, 1.6, 2.8, 3.8,
                                       4.4, 4.6, 4.4, 4.6, 4.8, 4.6, 4.4, 4.2, 4.6, 5.6,
                                       7.0, 8.4, 8.4, 6.0};

// 农历正月初一, 2016..2035.
constexpr unsigned kSpringFestival[][2] = {
    {2, 8},  {1, 28}, {2, 16}, {2, 5},  {1, 25}, {2, 12}, {2, 1},  {1, 22}, {2, 10}, {1, 29},
    {2, 17}, {2, 6},  {1, 26}, {2, 13}, {2, 3},  {1, 23}, {2, 11}, {1, 31}, {2, 19}, {2, 8}};

}  // namespace

int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

int weekday(int64_t days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

int64_t merchant_day(int64_t ms) {
  const int64_t local = ms + kShanghaiOffsetMs;
  return local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
}

int64_t day_start_ms(int64_t day) { return day * kDayMs - kShanghaiOffsetMs; }

int64_t spring_festival(int year) {
  if (year < 2016 || year > 2035) return days_from_civil(year, 2, 1);
  const auto& md = kSpringFestival[year - 2016];
  return days_from_civil(year, md[0], md[1]);
}

double Calendar::weekday_factor(int64_t day) {
  constexpr double kWeek[7] = {0.92, 0.90, 0.92, 0.95, 1.02, 1.20, 1.16};
  return kWeek[weekday(day)];
}

double Calendar::season_factor(int64_t day) {
  const CivilDate date = civil_from_days(day);
  double f = 1.0;
  const auto md = [&](unsigned m, unsigned d) { return date.month == m && date.day == d; };
  // 双11: pre-sale from Oct 20, the day itself, the returns of the next days.
  const int64_t nov11 = days_from_civil(date.year, 11, 11);
  if (day >= nov11 - 22 && day < nov11) f *= 1.15 + 0.6 * static_cast<double>(day - (nov11 - 22)) / 22;
  if (day == nov11) f *= 7.0;
  if (day > nov11 && day <= nov11 + 3) f *= 1.4;
  // 618: the build-up from June 1 and the day.
  const int64_t jun18 = days_from_civil(date.year, 6, 18);
  if (day >= jun18 - 17 && day < jun18) f *= 1.3;
  if (day == jun18) f *= 3.5;
  if (md(12, 12)) f *= 2.5;
  if (md(3, 8)) f *= 1.6;
  // 年货节 before the Spring Festival (of this or next year), then the quiet holiday.
  for (const int year : {date.year, date.year + 1}) {
    const int64_t sf = spring_festival(year);
    if (day >= sf - 30 && day < sf - 10) f *= 1.45;
    if (day >= sf - 7 && day <= sf + 8) f *= 0.45;
  }
  if (date.month == 2) f *= 0.85;
  return f;
}

double Calendar::day_weight(int64_t day) const {
  const double years = static_cast<double>(day - first_day_) / 365.25;
  return std::pow(kYearlyGrowth, years) * weekday_factor(day) * season_factor(day);
}

Calendar::Calendar(int64_t first_day, int64_t last_day, int64_t now_ms)
    : first_day_(first_day), last_day_(last_day), now_ms_(now_ms),
      hours_(kHours), festival_hours_(kFestivalHours) {
  std::vector<double> weights;
  weights.reserve(static_cast<size_t>(last_day - first_day + 1));
  for (int64_t day = first_day; day <= last_day; ++day) {
    double w = day_weight(day);
    // Today only counts for the part that has passed.
    const double passed = static_cast<double>(now_ms - day_start_ms(day)) / kDayMs;
    w *= std::clamp(passed, 0.0, 1.0);
    weights.push_back(w);
  }
  days_ = WeightedTable(weights);
}

int64_t Calendar::sample_ms(Rng& rng) const {
  for (;;) {
    const int64_t day = first_day_ + static_cast<int64_t>(days_.pick(rng));
    const CivilDate date = civil_from_days(day);
    const bool rush = date.month == 11 && date.day == 11;
    const int64_t hour = static_cast<int64_t>((rush ? festival_hours_ : hours_).pick(rng));
    const int64_t ms = day_start_ms(day) + hour * 3'600'000 +
                       static_cast<int64_t>(rng.below(3'600'000));
    if (ms <= now_ms_) return ms;
  }
}

}  // namespace crm::demo
