// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_actions.h"

#include <fmt/format.h>

#include "core/text.h"
#include "core/time_text.h"
#include "modules/audit/audit_types.h"
#include "modules/orders/order_intake.h"
#include "modules/orders/order_journal.h"
#include "modules/orders/order_json.h"
#include "modules/orders/order_notifications.h"
#include "storage/outbox.h"

namespace crm::orders {

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr size_t kMaxTrackingEvents = 100;

Error order_not_found() {
  return not_found("order.not_found", "The order does not exist or is not visible to you.");
}

std::string_view target_of(OrderAction action) {
  switch (action) {
    case OrderAction::kApprove: return "approved";
    case OrderAction::kReject: return "closed";
    case OrderAction::kPay: return "paid";
    case OrderAction::kPick: return "picking";
    case OrderAction::kPack: return "packed";
    case OrderAction::kShip: return "shipped";
    case OrderAction::kDeliver: return "delivered";
    case OrderAction::kComplete: return "completed";
    case OrderAction::kCancel: return "cancelled";
  }
  return "";
}

Result<std::string> note_of(const Json& body, std::string_view key, bool required) {
  CRM_TRY_ASSIGN(auto note, text_at(body, key, 500, required));
  return note.value_or("");
}

bool is_tracking_status(std::string_view s) {
  return s == "collected" || s == "in_transit" || s == "out_for_delivery" || s == "delivered" ||
         s == "exception";
}

Result<TrackingEvent> parse_tracking(const Json& item, const std::string& at, int64_t now) {
  if (!item.is_object()) {
    return invalid_input("validation.type", at + " must be an object.", at);
  }
  TrackingEvent e;
  e.at_ms = now;
  if (item.contains("at") && !item.at("at").is_null()) {
    std::optional<int64_t> ms;
    if (item.at("at").is_number_integer()) ms = item.at("at").get<int64_t>();
    if (item.at("at").is_string()) ms = parse_time(item.at("at").get<std::string>());
    if (!ms || *ms <= 0 || *ms > now + kDayMs) {
      return invalid_input("validation.range", at + ".at must be a time not in the future.",
                           at + ".at");
    }
    e.at_ms = *ms;
  }
  CRM_TRY_ASSIGN(auto status, text_at(item, "status", 32, false, at + ".status"));
  if (status && !status->empty()) e.status = *status;
  if (!is_tracking_status(e.status)) {
    return invalid_input("validation.enum",
                         at + ".status must be collected, in_transit, out_for_delivery, "
                              "delivered or exception.",
                         at + ".status");
  }
  CRM_TRY_ASSIGN(auto location, text_at(item, "location", 100, false, at + ".location"));
  e.location = location.value_or("");
  CRM_TRY_ASSIGN(auto description,
                 text_at(item, "description", 500, false, at + ".description"));
  e.description = description.value_or("");
  e.created_at_ms = now;
  return e;
}

}  // namespace

Result<Order> load_visible(storage::Connection& db, const OrderEnv& env, const http::Actor& actor,
                           int64_t id) {
  CRM_TRY_ASSIGN(auto order, env.repository.find(db, id));
  if (!order) return order_not_found();
  const auto owner = customers::scope_owner(actor);
  if (owner && order->customer_owner_id != *owner) return order_not_found();
  CRM_TRY_ASSIGN(order->items, env.repository.items(db, id));
  return std::move(*order);
}

Result<Order> OrderActions::apply(const customers::Caller& caller, int64_t id, OrderAction action,
                                  const Json& body, std::optional<int64_t> if_match_version) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  return env_.db.transaction([&](storage::Connection& tx) -> Result<Order> {
    CRM_TRY_ASSIGN(Order order, load_visible(tx, env_, caller.actor, id));
    if (if_match_version && *if_match_version != order.version) {
      return Error{ErrorKind::kPreconditionFailed, "order.version_mismatch",
                   "The order was changed by someone else; reload and try again.", "If-Match"};
    }
    return transition(tx, caller, std::move(order), action, body);
  });
}

Result<Order> OrderActions::transition(storage::Connection& tx, const customers::Caller& caller,
                                       Order order, OrderAction action, const Json& body) {
  const std::string from = order.status;
  const auto to = next_status(from, action, order.payment_method);
  if (!to) {
    return conflict("order.illegal_transition",
                    fmt::format("An order in status {} cannot move to {} ({}).", from,
                                target_of(action), to_string(action)),
                    "status");
  }
  const int64_t now = env_.clock.now_ms();
  const StockContext why{order.id, std::nullopt, caller.actor.user_id,
                         "order " + std::string(to_string(action))};
  Json changes = Json::object();
  std::string note;
  bool became_paid = false;
  order.status = std::string(*to);
  switch (action) {
    case OrderAction::kApprove: {
      CRM_TRY_ASSIGN(note, note_of(body, "note", false));
      CRM_TRY_ASSIGN(const int64_t warehouse, env_.ledger.default_warehouse(tx));
      CRM_TRY(env_.ledger.reserve(tx, warehouse, stock_lines(order), why));
      order.warehouse_id = warehouse;
      order.approved_at_ms = now;
      order.audit_note = note;
      break;
    }
    case OrderAction::kReject: {
      CRM_TRY_ASSIGN(note, note_of(body, "note", true));
      order.audit_note = note;
      order.cancelled_at_ms = now;
      break;
    }
    case OrderAction::kPay: {
      const int64_t due = order.total_fen - order.paid_fen;
      CRM_TRY_ASSIGN(auto amount, int_at(body, "amount_fen", 0, INT64_MAX, false));
      if (amount && *amount != due) {
        return invalid_input("order.amount_mismatch",
                             fmt::format("amount_fen must equal the amount due ({} fen).", due),
                             "amount_fen");
      }
      CRM_TRY_ASSIGN(auto method, text_at(body, "method", 32, false));
      CRM_TRY_ASSIGN(auto reference, text_at(body, "reference", 64, false));
      order.paid_fen = order.total_fen;
      order.paid_at_ms = now;
      became_paid = true;
      changes["paid_fen"] = order.paid_fen;
      if (method) changes["method"] = *method;
      if (reference) changes["reference"] = *reference;
      note = fmt::format("{} {}", method.value_or(""), reference.value_or(""));
      note = std::string(trim(note));
      break;
    }
    case OrderAction::kPick:
    case OrderAction::kPack: {
      CRM_TRY_ASSIGN(note, note_of(body, "note", false));
      break;
    }
    case OrderAction::kShip: {
      CRM_TRY_ASSIGN(auto carrier, text_at(body, "carrier", 32, true));
      CRM_TRY_ASSIGN(auto tracking, text_at(body, "tracking_number", 64, true));
      if (!order.warehouse_id) {
        return conflict("order.no_reservation", "The order holds no stock to ship.");
      }
      CRM_TRY(env_.ledger.ship(tx, *order.warehouse_id, stock_lines(order), why));
      order.carrier = *carrier;
      order.tracking_number = *tracking;
      order.shipped_at_ms = now;
      changes["carrier"] = order.carrier;
      changes["tracking_number"] = order.tracking_number;
      break;
    }
    case OrderAction::kDeliver:
      order.delivered_at_ms = now;
      if (order.payment_method == "cod" && order.paid_fen < order.total_fen) {
        order.paid_fen = order.total_fen;  // cash collected at the door
        order.paid_at_ms = now;
        became_paid = true;
        changes["paid_fen"] = order.paid_fen;
      }
      break;
    case OrderAction::kComplete:
      if (order.paid_fen < order.total_fen) {
        return conflict("order.unpaid", "The order is not fully paid and cannot be completed.");
      }
      order.completed_at_ms = now;
      break;
    case OrderAction::kCancel: {
      CRM_TRY_ASSIGN(note, note_of(body, "reason", false));
      if (holds_reservation(from) && order.warehouse_id) {
        CRM_TRY(env_.ledger.release(tx, *order.warehouse_id, stock_lines(order), why));
      }
      order.cancelled_at_ms = now;
      break;
    }
  }
  order.version += 1;
  order.updated_at_ms = now;
  CRM_TRY_ASSIGN(const bool updated, env_.repository.update_state(tx, order));
  if (!updated) {
    return Error{ErrorKind::kPreconditionFailed, "order.version_mismatch",
                 "The order was changed by someone else; reload and try again.", "If-Match"};
  }
  CRM_TRY(journal(tx, env_, caller, order,
                  {std::string(to_string(action)), from, note, event_type(action), changes}));
  if (became_paid) {
    if (action != OrderAction::kPay) {
      CRM_TRY(storage::Outbox::append(tx, env_.clock, "order.paid",
                                      dump_json(event_payload(order))));
    }
    CRM_TRY(env_.customers.mark_transacted(tx, caller, order.customer_id));
  }
  if (action == OrderAction::kShip) {
    CRM_TRY(notify(tx, env_, order, Notice::kShipped));
    CRM_TRY(schedule_receipt_sweep(tx, env_, now));
  }
  if (action == OrderAction::kDeliver) CRM_TRY(notify(tx, env_, order, Notice::kDelivered));
  return order;
}

Result<Order> OrderActions::record_tracking(storage::Connection& tx,
                                            const customers::Caller& caller, Order order,
                                            const Json& events, std::string_view source) {
  if (order.status != "shipped" && order.status != "delivered" && order.status != "completed") {
    return conflict("order.not_shipped", "Tracking can be added once the order has shipped.");
  }
  const int64_t now = env_.clock.now_ms();
  bool delivered = false;
  for (size_t i = 0; i < events.size(); ++i) {
    CRM_TRY_ASSIGN(TrackingEvent e,
                   parse_tracking(events.at(i), fmt::format("events[{}]", i), now));
    e.source = std::string(source);
    CRM_TRY(env_.repository.add_tracking(tx, order.id, e));
    delivered = delivered || e.status == "delivered";
  }
  audit::AuditEntry entry = caller.audit;
  entry.action = "order.tracking_added";
  entry.target_type = "order";
  entry.target_id = std::to_string(order.id);
  entry.changes = Json{{"number", order.number}, {"events", events.size()}, {"source", source}};
  CRM_TRY(env_.audit.record(tx, entry));
  if (delivered && order.status == "shipped") {
    return transition(tx, caller, std::move(order), OrderAction::kDeliver, Json::object());
  }
  return order;
}

Result<Order> OrderActions::add_tracking(const customers::Caller& caller, int64_t id,
                                         const Json& body) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  const Json events = body.contains("events") ? body.at("events") : Json::array({body});
  if (!events.is_array() || events.empty() || events.size() > kMaxTrackingEvents) {
    return invalid_input("validation.range", "events must be an array of 1 to 100 events.",
                         "events");
  }
  return env_.db.transaction([&](storage::Connection& tx) -> Result<Order> {
    CRM_TRY_ASSIGN(Order order, load_visible(tx, env_, caller.actor, id));
    return record_tracking(tx, caller, std::move(order), events, "staff");
  });
}

Result<Order> OrderActions::push_tracking(const customers::Caller& caller, const Json& body) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  CRM_TRY_ASSIGN(auto tracking_number, text_at(body, "tracking_number", 64, true));
  if (!body.contains("events") || !body.at("events").is_array() || body.at("events").empty() ||
      body.at("events").size() > kMaxTrackingEvents) {
    return invalid_input("validation.range", "events must be an array of 1 to 100 events.",
                         "events");
  }
  return env_.db.transaction([&](storage::Connection& tx) -> Result<Order> {
    CRM_TRY_ASSIGN(auto found, env_.repository.find_by_tracking(tx, *tracking_number));
    if (!found) return order_not_found();
    CRM_TRY_ASSIGN(Order order, load_visible(tx, env_, caller.actor, found->id));
    return record_tracking(tx, caller, std::move(order), body.at("events"), "api");
  });
}

}  // namespace crm::orders
