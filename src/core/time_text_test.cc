// SPDX-License-Identifier: Apache-2.0
#include "core/time_text.h"

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(ParseTime, AcceptsDatesTimesAndMilliseconds) {
  EXPECT_EQ(parse_time("2026-11-01"), 1'793'491'200'000);
  EXPECT_EQ(parse_time("2026-11-01", true), 1'793'491'200'000 + 86'400'000);
  EXPECT_EQ(parse_time("2026-11-01T08:00:00Z"), 1'793'491'200'000 + 8 * 3'600'000);
  EXPECT_EQ(parse_time("2026-11-01T08:00Z"), 1'793'491'200'000 + 8 * 3'600'000);
  EXPECT_EQ(parse_time("2026-11-01T08:00:00.5Z"), 1'793'491'200'000 + 8 * 3'600'000 + 500);
  EXPECT_EQ(parse_time("2026-11-01T08:00:00+08:00"), 1'793'491'200'000);
  EXPECT_EQ(parse_time("1793491200000"), 1'793'491'200'000);
  EXPECT_EQ(format_utc(1'793'491'200'000 + 8 * 3'600'000 + 5), "2026-11-01T08:00:00.005Z");
}

TEST(ParseTime, RejectsMalformedInput) {
  for (const char* bad : {"", "2026-13-01", "2026-02-30", "2026-11-1", "yesterday",
                          "2026-11-01T25:00:00Z", "2026-11-01T08:00:00", "2026-11-01T08:00:00+8",
                          "12abc"}) {
    EXPECT_FALSE(parse_time(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace crm
