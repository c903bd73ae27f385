// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Day numbers in the merchant's time zone (UTC+8), calendar periods and shopping festivals.
// A day number is the count of days since 1970-01-01 in UTC+8 (1970-01-01 is day 0).
namespace crm::analytics {

inline constexpr int32_t kMinDay = std::numeric_limits<int32_t>::min() / 2;
inline constexpr int32_t kMaxDay = std::numeric_limits<int32_t>::max() / 2;
inline constexpr int64_t kMerchantOffsetMs = 8LL * 3600 * 1000;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const CivilDate&) const = default;
};

// Merchant day of an instant (ms since epoch, UTC), floor division so negative instants work.
int32_t day_from_ms(int64_t ms);
int32_t day_from_civil(CivilDate date);
CivilDate civil_from_day(int32_t day);
// "2026-03-02".
std::string format_day(int32_t day);
// ISO weekday of a day: 1 = Monday .. 7 = Sunday.
int iso_weekday(int32_t day);

enum class Period : uint8_t { kDay, kWeek, kMonth, kYear };
std::string_view period_name(Period period);
std::optional<Period> parse_period(std::string_view name);

// First day of the period containing `day`; weeks start on Monday.
int32_t period_start(Period period, int32_t day);
// First day of the period after the one starting at `start`.
int32_t next_period_start(Period period, int32_t start);
// Start of the period one year before: day -> the same date a year earlier (29 Feb -> 28 Feb),
// week -> 52 weeks earlier, month -> 12 months earlier, year -> the previous year.
int32_t year_ago_start(Period period, int32_t start);
// "2026-03-02" (day and week: the Monday), "2026-03" (month), "2026" (year).
std::string period_label(Period period, int32_t start);

// Spring Festival (Chinese New Year's day) for 2015..2035; nullopt outside the table.
std::optional<int32_t> spring_festival_day(int year);

enum class Festival : uint8_t { kNewYearShopping, k618, kSingles11, kDouble12 };
inline constexpr int kFestivalCount = 4;
// "new_year_shopping" (年货节), "618", "singles_day" (双11), "double_12" (双12).
std::string_view festival_name(Festival festival);

struct FestivalWindow {
  Festival festival = Festival::k618;
  int year = 0;             // the festival's year (年货节: the year of the Spring Festival)
  int32_t first_day = 0;    // inclusive
  int32_t last_day = 0;     // inclusive
};
// The festival windows of every year that intersect [from_day, to_day], clipped to it, ordered
// by first_day. 年货节 = the 21 days before the Spring Festival (SF-21 .. SF-1), only for years
// in the Spring Festival table; 618 = Jun 1-18; 双11 = Nov 1-11; 双12 = Dec 12.
std::vector<FestivalWindow> festival_windows(int32_t from_day, int32_t to_day);

}  // namespace crm::analytics
