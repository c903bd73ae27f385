// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace crm {

// An amount of money in fen (1/100 yuan). Integer arithmetic only: no rounding drift.
struct Fen {
  int64_t value = 0;
  friend constexpr auto operator<=>(Fen, Fen) = default;
  friend constexpr Fen operator+(Fen a, Fen b) { return Fen{a.value + b.value}; }
  friend constexpr Fen operator-(Fen a, Fen b) { return Fen{a.value - b.value}; }
};

// "12.30" from 1230; "-0.05" from -5.
std::string format_yuan(Fen amount);

// Parses "12", "12.3", "12.30", "-0.05" into fen. More than two decimals, an empty string,
// or a value beyond ±10^15 yuan is `money.invalid_amount`.
Result<Fen> parse_yuan(std::string_view text, std::string field = "amount");

}  // namespace crm
