// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/customers/customer_participants.h"
#include "modules/module.h"

namespace crm::orders {

// The orders module's part in a customer's lifecycle (customers/customer_participants.h): orders
// and after-sales move with a merge and back with its undo, follow owner changes (data scope),
// appear on the timeline, are exported with the person; anonymising blanks the receiver's name,
// phone and address but keeps the orders and their amounts for accounting.
customers::CustomerParticipant order_participant(modules::ModuleContext& context);

}  // namespace crm::orders
