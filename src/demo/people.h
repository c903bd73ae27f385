// SPDX-License-Identifier: Apache-2.0
// The people of the demo store: a customer's fields (name, gender, birthday, unique mobile number,
// some emails, address, source channel, consents), owner, tags and categories, consistent with
// the orders the plan gives them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "demo/demo_plan.h"
#include "demo/rng.h"
#include "modules/customers/customer.h"

namespace crm::demo {

// Where demo customers come from (and the platform their orders mostly use).
struct Channel {
  std::string_view name;      // source_channel: 天猫, 京东, …
  std::string_view platform;  // orders.platform: tmall, jd, …
  std::string_view store;     // orders.store
  double share;
};
std::span<const Channel> channels();

// The category names the demo creates.
inline constexpr std::string_view kCategoryVip = "VIP客户";
inline constexpr std::string_view kCategoryWholesale = "批发客户";
inline constexpr std::string_view kCategoryProspect = "潜在客户";
inline constexpr std::string_view kCategoryRegular = "普通客户";

struct DemoCustomer {
  customers::CustomerFields fields;  // plaintext; phone/email/address detail sealed on write
  size_t channel = 0;                // index into channels()
  int64_t owner_id = 0;
  std::vector<std::string> tags;
  std::vector<std::string_view> categories;
};

// Keeps phone numbers and emails unique across one run.
struct UniqueContacts {
  std::unordered_set<std::string> phones, emails;
};

// A valid-looking mainland mobile number (1[3-9] prefixes in use), unique in `seen`.
std::string make_phone(Rng& rng, std::unordered_set<std::string>& seen);

// Customer #index of the plan. `now_ms` bounds birthdays and "new customer" tags.
DemoCustomer make_customer(Rng& rng, const PlannedCustomer& planned, std::span<const int64_t> owners,
                           int64_t now_ms, UniqueContacts& unique);

}  // namespace crm::demo
