// SPDX-License-Identifier: Apache-2.0
// Merchant days for order reports: the merchant's time zone is UTC+8 (Asia/Shanghai, no daylight
// saving), so day d covers [d * 86400000 - 8h, (d + 1) * 86400000 - 8h) in UTC ms and the day of
// an instant is (ms + 8h) / 86400000 (what the report SQL groups by). Weeks start on Monday.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm::orders {

inline constexpr int64_t kMerchantOffsetMs = 8 * 3'600'000;
inline constexpr int64_t kDayMs = 86'400'000;

enum class ReportGroup { kDay, kWeek, kMonth };

int64_t merchant_day(int64_t ms);        // the merchant day number of an instant
int64_t merchant_day_start_ms(int64_t day);  // UTC ms of that day's 00:00 in UTC+8
// "2026-11-18" -> day number; nullopt unless a valid date from 1970-01-01 to 9999-12-31.
std::optional<int64_t> parse_merchant_date(std::string_view text);
std::string merchant_day_label(int64_t day);  // "2026-11-18"

// The first day of the period (day, Monday-start week, calendar month) `day` falls in, and the
// period's label: "2026-11-18" (day), "2026-11-16" (the week's Monday), "2026-11" (month).
int64_t period_start(int64_t day, ReportGroup group);
std::string period_label(int64_t start_day, ReportGroup group);
// The first day of the period after the one starting at `start_day`.
int64_t next_period(int64_t start_day, ReportGroup group);

}  // namespace crm::orders
