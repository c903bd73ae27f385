// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_reads.h"

#include "modules/orders/order_actions.h"

namespace crm::orders {

Result<OrderDetail> OrderReads::get(const customers::Caller& caller, int64_t id, bool reveal,
                                    bool can_view_pii) {
  if (reveal && !can_view_pii) {
    return forbidden("order.pii_forbidden",
                     "You may not see the receiver's personal data unmasked.");
  }
  auto load = [&](storage::Connection& db) -> Result<OrderDetail> {
    OrderDetail detail;
    CRM_TRY_ASSIGN(detail.order, load_visible(db, env_, caller.actor, id));
    CRM_TRY_ASSIGN(detail.events, env_.repository.events(db, id));
    CRM_TRY_ASSIGN(detail.tracking, env_.repository.tracking(db, id));
    return detail;
  };
  if (!reveal) return env_.db.read(load);
  return env_.db.transaction([&](storage::Connection& tx) -> Result<OrderDetail> {
    CRM_TRY_ASSIGN(OrderDetail detail, load(tx));
    audit::AuditEntry entry = caller.audit;
    entry.action = "order.pii_viewed";
    entry.target_type = "order";
    entry.target_id = std::to_string(id);
    entry.changes = Json{{"number", detail.order.number}};
    CRM_TRY(env_.audit.record(tx, entry));
    return detail;
  });
}

Result<OrderPage> OrderReads::list(const customers::Caller& caller, OrderQuery query) {
  query.filter.scope_owner_id = customers::scope_owner(caller.actor);
  return env_.db.read([&](storage::Connection& db) { return env_.repository.list(db, query); });
}

Result<std::vector<PickLine>> OrderReads::pick_list(const customers::Caller& caller,
                                                    const std::string& status,
                                                    const std::vector<int64_t>& order_ids) {
  return env_.db.read([&](storage::Connection& db) {
    return env_.repository.pick_list(db, status, order_ids, customers::scope_owner(caller.actor));
  });
}

Result<std::vector<TrackingEvent>> OrderReads::tracking(const customers::Caller& caller,
                                                        int64_t id) {
  return env_.db.read([&](storage::Connection& db) -> Result<std::vector<TrackingEvent>> {
    CRM_TRY(load_visible(db, env_, caller.actor, id));
    return env_.repository.tracking(db, id);
  });
}

}  // namespace crm::orders
