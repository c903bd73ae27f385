// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_notifications.h"

#include <fmt/format.h>

#include "core/money.h"
#include "modules/messaging/message.h"

namespace crm::orders {

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int kSweepBatch = 200;

std::string text_of(const Order& o, Notice notice) {
  switch (notice) {
    case Notice::kConfirmation:
      return fmt::format("您的订单 {} 已收到，应付 {} 元。", o.number, format_yuan(Fen{o.total_fen}));
    case Notice::kShipped:
      return fmt::format("您的订单 {} 已发货：{} {}。", o.number, o.carrier, o.tracking_number);
    case Notice::kDelivered:
      return fmt::format("您的订单 {} 已送达，感谢惠顾。", o.number);
    case Notice::kReceiptReminder:
      return fmt::format("您的订单 {}（{} {}）已发出多日，收到后请确认收货。", o.number,
                         o.carrier, o.tracking_number);
  }
  return {};
}

std::string subject_of(const Order& o, Notice notice) {
  switch (notice) {
    case Notice::kConfirmation: return fmt::format("订单 {} 已确认", o.number);
    case Notice::kShipped: return fmt::format("订单 {} 已发货", o.number);
    case Notice::kDelivered: return fmt::format("订单 {} 已送达", o.number);
    case Notice::kReceiptReminder: return fmt::format("订单 {} 收货提醒", o.number);
  }
  return {};
}

}  // namespace

Result<int> notify(storage::Connection& tx, const OrderEnv& env, const Order& order,
                   Notice notice) {
  auto contact = env.customers.contact_fields(tx, order.customer_id);
  if (!contact) {
    if (contact.error().kind == ErrorKind::kNotFound) return 0;
    return std::move(contact).error();
  }
  messaging::Message message;
  if (contact->phone) {
    message.channel = messaging::Channel::kSms;
    message.to = *contact->phone;
  } else if (contact->email) {
    message.channel = messaging::Channel::kEmail;
    message.to = *contact->email;
  } else {
    return 0;
  }
  message.subject = subject_of(order, notice);
  message.body = text_of(order, notice);
  CRM_TRY(env.messaging.enqueue(tx, message));
  return 1;
}

Result<void> schedule_receipt_sweep(storage::Connection& tx, const OrderEnv& env,
                                    int64_t shipped_at_ms) {
  const int64_t days = env.settings.current().receipt_reminder_days;
  CRM_TRY(env.jobs.enqueue(tx, kReceiptReminderQueue, "{}", shipped_at_ms + days * kDayMs));
  return {};
}

Result<int> send_receipt_reminders(const OrderEnv& env) {
  const int64_t now = env.clock.now_ms();
  const int64_t days = env.settings.current().receipt_reminder_days;
  CRM_TRY_ASSIGN(auto due, env.db.read([&](storage::Connection& db) {
    return env.repository.due_for_receipt_reminder(db, now - days * kDayMs, kSweepBatch);
  }));
  int reminded = 0;
  for (const Order& order : due) {
    auto sent = env.db.transaction([&](storage::Connection& tx) -> Result<bool> {
      CRM_TRY_ASSIGN(auto fresh, env.repository.find(tx, order.id));
      if (!fresh || fresh->receipt_reminded_at_ms) return false;
      CRM_TRY(notify(tx, env, *fresh, Notice::kReceiptReminder));
      CRM_TRY(env.repository.mark_reminded(tx, order.id, now));
      return true;
    });
    if (!sent) return std::move(sent).error();
    if (*sent) ++reminded;
  }
  // The next run: at once when a batch was full, else when the earliest waiting order falls due
  // (a shipment's own job may have run early, before the setting was raised).
  CRM_TRY_ASSIGN(auto earliest, env.db.read([&](storage::Connection& db) {
    return env.repository.earliest_unreminded_shipment(db);
  }));
  std::optional<int64_t> next_run;
  if (due.size() == static_cast<size_t>(kSweepBatch)) next_run = now;
  else if (earliest && *earliest + days * kDayMs > now) next_run = *earliest + days * kDayMs;
  if (next_run) {
    auto queued = env.db.transaction([&](storage::Connection& tx) {
      return env.jobs.enqueue(tx, kReceiptReminderQueue, "{}", *next_run);
    });
    if (!queued) return std::move(queued).error();
  }
  return reminded;
}

}  // namespace crm::orders
