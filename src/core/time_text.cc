// SPDX-License-Identifier: Apache-2.0
#include "core/time_text.h"

#include <charconv>
#include <chrono>

#include <fmt/format.h>

namespace crm {
namespace {

bool parse_int(std::string_view text, int64_t& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool fixed_digits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::string format_utc(int64_t ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds(ms)};
  const auto day = floor<days>(time);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> tod{time - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     tod.hours().count(), tod.minutes().count(), tod.seconds().count(),
                     tod.subseconds().count());
}

std::optional<int64_t> parse_time(std::string_view text, bool end_of_day) {
  using namespace std::chrono;
  if (int64_t ms = 0; parse_int(text, ms)) return ms;
  int y = 0, mo = 0, d = 0;
  if (!fixed_digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || text[7] != '-' ||
      !fixed_digits(text, 5, 2, mo) || !fixed_digits(text, 8, 2, d)) {
    return std::nullopt;
  }
  const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  const int64_t day_ms = duration_cast<milliseconds>(sys_days(ymd).time_since_epoch()).count();
  if (text.size() == 10) return end_of_day ? day_ms + 86'400'000 : day_ms;

  // Time of day: THH:MM[:SS[.fff]] then Z or ±HH:MM.
  int h = 0, mi = 0, s = 0, frac_ms = 0;
  if ((text[10] != 'T' && text[10] != ' ') || !fixed_digits(text, 11, 2, h) || text.size() < 16 ||
      text[13] != ':' || !fixed_digits(text, 14, 2, mi) || h > 23 || mi > 59) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!fixed_digits(text, pos + 1, 2, s) || s > 59) return std::nullopt;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      size_t digits = 0;
      for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits) {
        if (digits < 3) frac_ms = frac_ms * 10 + (text[pos] - '0');
      }
      if (digits == 0) return std::nullopt;
      for (; digits < 3; ++digits) frac_ms *= 10;
    }
  }
  int64_t offset_ms = 0;
  const std::string_view zone = text.substr(pos);
  if (zone != "Z" && zone != "z") {
    int oh = 0, om = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !fixed_digits(zone, 1, 2, oh) ||
        zone[3] != ':' || !fixed_digits(zone, 4, 2, om) || oh > 14 || om > 59) {
      return std::nullopt;
    }
    offset_ms = (oh * 60 + om) * 60'000LL * (zone[0] == '+' ? 1 : -1);
  }
  return day_ms + ((h * 60 + mi) * 60 + s) * 1000LL + frac_ms - offset_ms;
}

}  // namespace crm
