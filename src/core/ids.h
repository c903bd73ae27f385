// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace crm {

// A 64-bit id with a type of its own, so that an order id cannot be passed as a customer id:
//   struct CustomerTag {};  using CustomerId = Id<CustomerTag>;
template <typename Tag>
struct Id {
  int64_t value = 0;
  constexpr bool is_valid() const { return value > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

}  // namespace crm

template <typename Tag>
struct std::hash<crm::Id<Tag>> {
  size_t operator()(crm::Id<Tag> id) const noexcept { return std::hash<int64_t>{}(id.value); }
};
