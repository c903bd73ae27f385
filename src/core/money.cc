// SPDX-License-Identifier: Apache-2.0
#include "core/money.h"

#include <fmt/format.h>

namespace crm {

std::string format_yuan(Fen amount) {
  const bool negative = amount.value < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(amount.value)
                                      : static_cast<uint64_t>(amount.value);
  return fmt::format("{}{}.{:02}", negative ? "-" : "", magnitude / 100, magnitude % 100);
}

Result<Fen> parse_yuan(std::string_view text, std::string field) {
  auto fail = [&] {
    return invalid_input("money.invalid_amount",
                         "Amount must be a number of yuan with at most two decimals.", field);
  };
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view decimals = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 15 || decimals.size() > 2 ||
      (dot != std::string_view::npos && decimals.empty())) {
    return fail();
  }
  int64_t value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return fail();
    value = value * 10 + (c - '0');
  }
  int64_t cents = 0;
  for (size_t i = 0; i < 2; ++i) {
    const char c = i < decimals.size() ? decimals[i] : '0';
    if (c < '0' || c > '9') return fail();
    cents = cents * 10 + (c - '0');
  }
  const int64_t total = value * 100 + cents;
  return Fen{negative ? -total : total};
}

}  // namespace crm
