// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/calendar.h"

#include <gtest/gtest.h>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <memory>

namespace crm::analytics {
namespace {

TEST(Calendar, DayNumbersAreMerchantDaysInUtcPlus8) {
  EXPECT_EQ(day_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(day_from_civil({2026, 3, 1}), 20513);  // python: (date(2026,3,1)-date(1970,1,1)).days
  EXPECT_EQ(civil_from_day(20513), (CivilDate{2026, 3, 1}));
  // 2026-02-28T16:00:00Z is 2026-03-01 00:00 in UTC+8; one ms earlier is still 28 Feb.
  const int64_t midnight_ms = int64_t{20513} * 86'400'000 - 8 * 3'600'000;
  EXPECT_EQ(day_from_ms(midnight_ms), 20513);
  EXPECT_EQ(day_from_ms(midnight_ms - 1), 20512);
  EXPECT_EQ(day_from_ms(-1), 0);  // 1970-01-01 07:59:59.999 in UTC+8
  EXPECT_EQ(format_day(20513), "2026-03-01");
}

TEST(Calendar, WeekdaysAndPeriods) {
  EXPECT_EQ(iso_weekday(0), 4);                           // 1970-01-01 was a Thursday
  EXPECT_EQ(iso_weekday(day_from_civil({2026, 3, 1})), 7);  // a Sunday
  const int32_t sunday = day_from_civil({2026, 3, 1});
  EXPECT_EQ(period_start(Period::kWeek, sunday), day_from_civil({2026, 2, 23}));
  EXPECT_EQ(period_start(Period::kMonth, sunday), sunday);
  EXPECT_EQ(next_period_start(Period::kMonth, day_from_civil({2026, 12, 1})), day_from_civil({2027, 1, 1}));
  EXPECT_EQ(period_label(Period::kMonth, sunday), "2026-03");
  EXPECT_EQ(period_label(Period::kYear, sunday), "2026");
  EXPECT_EQ(year_ago_start(Period::kDay, day_from_civil({2028, 2, 29})), day_from_civil({2027, 2, 28}));
  EXPECT_EQ(year_ago_start(Period::kWeek, sunday), sunday - 364);
  EXPECT_EQ(year_ago_start(Period::kMonth, sunday), day_from_civil({2025, 3, 1}));
  EXPECT_EQ(parse_period("week"), Period::kWeek);
  EXPECT_EQ(parse_period("fortnight"), std::nullopt);
}

// The Spring Festival table agrees with ICU's Chinese calendar: the festival is the only day
// between 15 January and 25 February that is day 1 of lunar month 1 (not a leap month).
// Two years differ by one day because the new moon falls minutes from Beijing midnight and
// ICU's approximate astronomy lands on the other side: 2027 (new moon 6 Feb 23:56 CST; the
// official calendar of the Purple Mountain Observatory has 6 Feb, ICU 7 Feb) and 2030 (3 Feb
// 00:07 CST; official 3 Feb, ICU 2 Feb). The table keeps the official dates.
TEST(Calendar, SpringFestivalTableMatchesIcuChineseCalendar) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> chinese(
      icu::Calendar::createInstance(icu::TimeZone::createTimeZone("Asia/Shanghai"),
                                    icu::Locale("zh_CN@calendar=chinese"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  for (int year = 2015; year <= 2035; ++year) {
    std::optional<int32_t> found;
    for (int32_t d = day_from_civil({year, 1, 15}); d <= day_from_civil({year, 2, 25}); ++d) {
      chinese->setTime(static_cast<UDate>(int64_t{d} * 86'400'000 + 4 * 3'600'000), status);  // noon UTC+8
      if (chinese->get(UCAL_MONTH, status) == 0 && chinese->get(UCAL_DATE, status) == 1 &&
          chinese->get(UCAL_IS_LEAP_MONTH, status) == 0) {
        found = d;
      }
    }
    ASSERT_TRUE(U_SUCCESS(status));
    ASSERT_TRUE(found) << year;
    if (year == 2027) {
      EXPECT_EQ(spring_festival_day(year), *found - 1);
    } else if (year == 2030) {
      EXPECT_EQ(spring_festival_day(year), *found + 1);
    } else {
      EXPECT_EQ(spring_festival_day(year), found) << year;
    }
  }
  EXPECT_EQ(spring_festival_day(2027), day_from_civil({2027, 2, 6}));
  EXPECT_EQ(spring_festival_day(2030), day_from_civil({2030, 2, 3}));
  EXPECT_EQ(spring_festival_day(2014), std::nullopt);
  EXPECT_EQ(spring_festival_day(2036), std::nullopt);
}

TEST(Calendar, FestivalWindowsAreClippedAndOrdered) {
  // 2026: Spring Festival 17 Feb, so 年货节 = 27 Jan .. 16 Feb.
  const auto windows = festival_windows(day_from_civil({2026, 2, 1}), day_from_civil({2026, 12, 31}));
  ASSERT_EQ(windows.size(), 4u);
  EXPECT_EQ(windows[0].festival, Festival::kNewYearShopping);
  EXPECT_EQ(windows[0].first_day, day_from_civil({2026, 2, 1}));  // clipped (starts 27 Jan)
  EXPECT_EQ(windows[0].last_day, day_from_civil({2026, 2, 16}));
  EXPECT_EQ(windows[1].festival, Festival::k618);
  EXPECT_EQ(windows[1].last_day - windows[1].first_day + 1, 18);
  EXPECT_EQ(windows[2].festival, Festival::kSingles11);
  EXPECT_EQ(windows[2].last_day - windows[2].first_day + 1, 11);
  EXPECT_EQ(windows[3].festival, Festival::kDouble12);
  EXPECT_EQ(windows[3].first_day, windows[3].last_day);
  // 2031's Spring Festival is 23 Jan, so its 年货节 starts on 2 Jan 2031; 2033's (31 Jan)
  // starts 10 Jan; nothing reaches back into December in 2015..2035.
  const auto late = festival_windows(day_from_civil({2030, 12, 13}), day_from_civil({2031, 1, 5}));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].year, 2031);
  EXPECT_EQ(late[0].first_day, day_from_civil({2031, 1, 2}));
  EXPECT_TRUE(festival_windows(10, 5).empty());
}

}  // namespace
}  // namespace crm::analytics
