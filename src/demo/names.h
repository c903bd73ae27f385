// SPDX-License-Identifier: Apache-2.0
// Chinese personal names for demo customers: surnames with their real frequencies (2020 census,
// the top ~100 cover 85% of people), given names of one or two common characters by gender.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "demo/rng.h"

namespace crm::demo {

enum class Gender { kMale, kFemale };

struct Surname {
  std::string_view text;
  double percent;  // share of the population, %
};

// The surname table, most common first.
std::span<const Surname> surnames();

// A surname drawn by frequency, then a given name of 1 (about 25%) or 2 characters.
std::string make_name(Rng& rng, Gender gender);

}  // namespace crm::demo
