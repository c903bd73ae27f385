// SPDX-License-Identifier: Apache-2.0
// The customers module's domain events (storage/outbox.h): what other modules may react to. Each
// is appended in the transaction that made the change, so it exists exactly when the change
// committed; the EventBus delivers it afterwards (at least once, in id order).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "storage/connection.h"

namespace crm::customers {

// One customer, payload {"customer_id", "number"} (+ "changed": the changed field names, for
// customer.updated; "customer_ids" instead of "customer_id" for customer.categories_changed).
inline constexpr std::string_view kCustomerCreated = "customer.created";
inline constexpr std::string_view kCustomerUpdated = "customer.updated";
inline constexpr std::string_view kCustomerDeleted = "customer.deleted";      // to the recycle bin
inline constexpr std::string_view kCustomerRestored = "customer.restored";
inline constexpr std::string_view kCustomerErased = "customer.erased";        // row gone for good
inline constexpr std::string_view kCustomerAnonymised = "customer.anonymised";
inline constexpr std::string_view kCustomerCategoriesChanged = "customer.categories_changed";
// Payload {"merge_id", "survivor_id", "merged_id"}: the merged customer's orders and other
// records moved to the survivor (merge) or back (undo).
inline constexpr std::string_view kCustomerMerged = "customer.merged";
inline constexpr std::string_view kCustomerMergeUndone = "customer.merge_undone";
// Payload {"import_id", "created", "updated"}: one event when an import job wrote its rows.
inline constexpr std::string_view kCustomersImported = "customers.imported";

// The event of a customer history action ("created", "updated", …), or "" when the action has
// none (tags and stage changes: nothing another module reads).
std::string_view event_for_action(std::string_view action);

// Appends `type` with `payload` (an object) to the outbox in `tx`.
Result<void> publish_customer_event(storage::Connection& tx, const Clock& clock,
                                    std::string_view type, const Json& payload);

}  // namespace crm::customers
