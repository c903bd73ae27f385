// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_journal.h"

#include "storage/outbox.h"

namespace crm::orders {

Json event_payload(const Order& o) {
  return {{"order_id", o.id},
          {"number", o.number},
          {"customer_id", o.customer_id},
          {"status", o.status},
          {"platform", o.platform},
          {"channel", o.channel},
          {"payment_method", o.payment_method},
          {"total_fen", o.total_fen},
          {"paid_fen", o.paid_fen},
          {"placed_at", o.placed_at_ms}};
}

Result<void> journal(storage::Connection& tx, const OrderEnv& env,
                     const customers::Caller& caller, const Order& order,
                     const JournalEntry& entry) {
  OrderEvent event;
  event.at_ms = env.clock.now_ms();
  event.action = entry.action;
  event.from_status = entry.from_status;
  event.to_status = order.status;
  event.actor_id = caller.audit.actor_id;
  event.actor_name = caller.audit.actor_name;
  event.note = entry.note;
  CRM_TRY(env.repository.add_event(tx, order.id, event));

  audit::AuditEntry audit_entry = caller.audit;
  audit_entry.action = "order." + entry.action;
  audit_entry.target_type = "order";
  audit_entry.target_id = std::to_string(order.id);
  Json changes = entry.changes.is_object() ? entry.changes : Json::object();
  changes["number"] = order.number;
  changes["status"] = {{"from", entry.from_status ? Json(*entry.from_status) : Json(nullptr)},
                       {"to", order.status}};
  if (!entry.note.empty()) changes["note"] = entry.note;
  audit_entry.changes = std::move(changes);
  CRM_TRY(env.audit.record(tx, audit_entry));

  if (!entry.event_type.empty()) {
    CRM_TRY(storage::Outbox::append(tx, env.clock, entry.event_type,
                                    dump_json(event_payload(order))));
  }
  return {};
}

}  // namespace crm::orders
