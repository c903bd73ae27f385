// SPDX-License-Identifier: Apache-2.0
// When demo orders are placed: a weight per merchant day (Asia/Shanghai) from a growth trend, the
// day of the week and the shopping festivals (双11 with its pre-sale build-up, 618, 双12, 38节,
// 年货节 before the Spring Festival and the quiet holiday itself), and an hour-of-day profile
// (evening peak; midnight rush on 双11).
#pragma once

#include <cstdint>
#include <vector>

#include "demo/rng.h"

namespace crm::demo {

inline constexpr int64_t kDayMs = 86'400'000;
inline constexpr int64_t kShanghaiOffsetMs = 8 * 3'600'000;

struct CivilDate {
  int year = 1970;
  unsigned month = 1, day = 1;
};

// Days since 1970-01-01 <-> calendar date (proleptic Gregorian).
int64_t days_from_civil(int year, unsigned month, unsigned day);
CivilDate civil_from_days(int64_t days);
// 0 = Monday … 6 = Sunday.
int weekday(int64_t days);
// The merchant day (UTC+8) of a UTC instant, and the UTC instant its midnight is.
int64_t merchant_day(int64_t ms);
int64_t day_start_ms(int64_t day);
// The Spring Festival (农历正月初一) of `year`, as days; table 2016-2035, else Feb 1.
int64_t spring_festival(int year);

class Calendar {
 public:
  // Days first_day..last_day inclusive; instants after `now_ms` are never sampled.
  Calendar(int64_t first_day, int64_t last_day, int64_t now_ms);

  // The relative order volume of `day` (1.0 = an ordinary weekday at the start, before growth).
  double day_weight(int64_t day) const;
  // The festival/season factor of `day` alone (no trend, no weekday), for tests.
  static double season_factor(int64_t day);
  static double weekday_factor(int64_t day);

  // An instant (UTC ms) drawn by day weight and hour profile, never after now_ms.
  int64_t sample_ms(Rng& rng) const;

  int64_t first_day() const { return first_day_; }
  int64_t last_day() const { return last_day_; }

 private:
  int64_t first_day_, last_day_, now_ms_;
  WeightedTable days_;
  WeightedTable hours_, festival_hours_;
};

}  // namespace crm::demo
