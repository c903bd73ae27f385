// SPDX-License-Identifier: Apache-2.0
// Where demo customers live: the 31 mainland provinces weighted by population (2020 census) with
// an online-shopping lean to the coast, two to four main cities each and real districts of them.
#pragma once

#include <string>
#include <string_view>

#include "demo/rng.h"

namespace crm::demo {

struct Place {
  std::string_view province, city, district;
};

// A place drawn by weight (province, then city, then district uniformly).
Place pick_place(Rng& rng);

// A street address inside the district: "人民路128号 阳光花园3栋2单元502室".
std::string make_street_address(Rng& rng);

// The province table's weight of `province` (0 when unknown), for tests.
double province_weight(std::string_view province);

}  // namespace crm::demo
