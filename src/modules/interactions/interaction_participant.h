// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/customers/customer_participants.h"

namespace crm::interactions {

// The interactions module's part in a customer's lifecycle (customers/customer_participants.h):
// communications move with a merge and back with its undo, follow owner changes (data scope),
// appear on the timeline, are exported and anonymised with the person.
customers::CustomerParticipant interaction_participant();

}  // namespace crm::interactions
