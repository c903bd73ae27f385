// SPDX-License-Identifier: Apache-2.0
// Messages to the customer about their order (ORD-4): confirmation at intake, shipped (carrier and
// tracking number), delivered, and the receipt reminder sent once an order has been on its way
// for settings.orders.receipt_reminder_days days. Queued through messaging inside the order's
// transaction, so a message goes out iff the change committed.
#pragma once

#include "core/result.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_types.h"
#include "storage/job_queue.h"

namespace crm::orders {

enum class Notice { kConfirmation, kShipped, kDelivered, kReceiptReminder };

// The job queue of the receipt reminder sweep.
inline constexpr std::string_view kReceiptReminderQueue = "orders.receipt_reminders";

// Queues the notice for `order` in `tx`: an SMS when the customer has a phone, else an email when
// they have an address, else nothing. Returns how many messages were queued (0 or 1).
Result<int> notify(storage::Connection& tx, const OrderEnv& env, const Order& order,
                   Notice notice);

// Schedules a reminder sweep for an order shipped at `shipped_at_ms` (run at shipped + N days).
// Each sweep also schedules the next one for the earliest order still waiting.
Result<void> schedule_receipt_sweep(storage::Connection& tx, const OrderEnv& env,
                                    int64_t shipped_at_ms);

// The sweep: every shipped or delivered order shipped at least N days ago and not yet reminded
// gets its reminder and receipt_reminded_at_ms, one transaction per order (idempotent: a second
// run finds nothing). Returns the number of orders reminded.
Result<int> send_receipt_reminders(const OrderEnv& env);

}  // namespace crm::orders
