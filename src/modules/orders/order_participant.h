// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/customers/customer_participants.h"
#include "modules/module.h"

namespace crm::orders {

// The orders module's part in a customer's lifecycle (customers/customer_participants.h): orders
// and after-sales move with a merge and back with its undo, follow owner changes (data scope),
// appear on the timeline, are exported with the person; anonymising blanks the receiver's name,
// phone and address (and buyer remarks, after-sales notes and photos) but keeps the orders and
// their amounts for accounting.
//
// Merge records hold one id list for both tables: an order id as is, an after-sales request id
// negated (-id), so move_back can tell them apart.
//
// Timeline kinds: "order" (at placed_at, title "D20261118000001 已发货 ¥123.00", detail the
// lines) and "after_sale" (at created_at, title "R20261118000001 退货 已退款 ¥50.00", detail the
// reason); both need orders.view and follow the data scope.
customers::CustomerParticipant order_participant(modules::ModuleContext& context);

}  // namespace crm::orders
