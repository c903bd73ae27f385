// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_participant.h"

namespace crm::orders {

customers::CustomerParticipant order_participant(modules::ModuleContext& /*context*/) {
  customers::CustomerParticipant participant;
  participant.name = "orders";
  return participant;
}

}  // namespace crm::orders
