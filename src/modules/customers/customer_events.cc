// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_events.h"

#include <array>
#include <utility>

#include "storage/outbox.h"

namespace crm::customers {

std::string_view event_for_action(std::string_view action) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kEvents = {{
      {"created", kCustomerCreated},
      {"updated", kCustomerUpdated},
      {"deleted", kCustomerDeleted},
      {"restored", kCustomerRestored},
      {"erased", kCustomerErased},
      {"anonymised", kCustomerAnonymised},
  }};
  for (const auto& [name, event] : kEvents) {
    if (name == action) return event;
  }
  return {};
}

Result<void> publish_customer_event(storage::Connection& tx, const Clock& clock,
                                    std::string_view type, const Json& payload) {
  CRM_TRY(storage::Outbox::append(tx, clock, type, dump_json(payload)));
  return {};
}

}  // namespace crm::customers
