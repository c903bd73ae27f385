// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/after_sale_service.h"

#include <fmt/format.h>

#include "core/money.h"
#include "modules/orders/after_sale_input.h"
#include "storage/outbox.h"

namespace crm::orders {

namespace {

constexpr int64_t kMaxFen = 10'000'000'000'000;  // 10^11 yuan: far beyond any order

Error after_sale_not_found() {
  return not_found("after_sale.not_found", "The after-sales request does not exist.");
}

Error order_not_found() { return not_found("order.not_found", "The order does not exist."); }

bool is_eligible(std::string_view order_status) {
  return order_status == "paid" || order_status == "shipped" || order_status == "delivered" ||
         order_status == "completed";
}

std::string yuan(int64_t fen) { return "¥" + format_yuan(Fen{fen}); }

}  // namespace

Result<AfterSale> AfterSaleService::load(storage::Connection& db, const http::Actor& actor,
                                         int64_t id) const {
  CRM_TRY_ASSIGN(auto found, repository_.find(db, id));
  const auto owner = customers::scope_owner(actor);
  if (!found || (owner && found->customer_owner_id != *owner)) return after_sale_not_found();
  AfterSale a = std::move(*found);
  CRM_TRY_ASSIGN(a.items, repository_.items(db, id));
  CRM_TRY_ASSIGN(a.events, repository_.events(db, id));
  CRM_TRY_ASSIGN(a.order, repository_.find_order(db, a.order_id, false));
  return a;
}

Result<void> AfterSaleService::record(storage::Connection& tx, const customers::Caller& caller,
                                      const AfterSale& a, std::string_view status,
                                      Json details) const {
  details["number"] = a.number;
  details["order_id"] = a.order_id;
  details["kind"] = a.kind;
  audit::AuditEntry entry = caller.audit;
  entry.action = "after_sale." + std::string(status);
  entry.target_type = "after_sale";
  entry.target_id = std::to_string(a.id);
  entry.changes = details;
  CRM_TRY(audit_.record(tx, entry));
  Json payload = std::move(details);
  payload["id"] = a.id;
  payload["customer_id"] = a.customer_id;
  payload["status"] = status;
  CRM_TRY(storage::Outbox::append(tx, clock_, entry.action, payload.dump()));
  return {};
}

Result<AfterSale> AfterSaleService::create(const customers::Caller& caller, const Json& body) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  AfterSale a;
  CRM_TRY_ASSIGN(a.order_id, after_sale_int(body, "order_id", 1, INT64_MAX, true));
  CRM_TRY_ASSIGN(a.kind, after_sale_text(body, "kind", 1, 16));
  if (!is_after_sale_kind(a.kind)) {
    return invalid_input("validation.enum", "kind must be return, exchange or refund_only.", "kind");
  }
  CRM_TRY_ASSIGN(a.reason, after_sale_text(body, "reason", 1, 200));
  CRM_TRY_ASSIGN(a.note, after_sale_text(body, "note", 0, 2000));
  CRM_TRY_ASSIGN(a.photos, after_sale_photos(body));
  CRM_TRY_ASSIGN(a.requested_fen, after_sale_int(body, "requested_fen", 0, kMaxFen, false));
  CRM_TRY_ASSIGN(const auto lines, after_sale_items(body));
  const bool returns_goods = a.kind != "refund_only";
  if (returns_goods && lines.empty()) {
    return invalid_input("after_sale.items_required",
                         "A return or exchange names the order lines and quantities.", "items");
  }
  const int64_t now = clock_.now_ms();
  a.status = "requested";
  a.created_at_ms = a.updated_at_ms = now;
  if (caller.actor.user_id != 0) a.created_by = caller.actor.user_id;

  return db_.transaction([&](storage::Connection& tx) -> Result<AfterSale> {
    CRM_TRY_ASSIGN(auto order, repository_.find_order(tx, a.order_id, true));
    const auto owner = customers::scope_owner(caller.actor);
    if (!order || (owner && order->customer_owner_id != *owner)) return order_not_found();
    if (!is_eligible(order->status)) {
      return conflict("after_sale.order_not_eligible",
                      fmt::format("After-sales requests are taken for paid, shipped, delivered or "
                                  "completed orders; order {} is {}.",
                                  order->number, order->status),
                      "order_id");
    }
    const int64_t refundable = order->paid_fen - order->refunded_fen;
    if (a.requested_fen > refundable) {
      return invalid_input("after_sale.requested_exceeds_paid",
                           fmt::format("At most {} can still be refunded on order {}.",
                                       yuan(refundable), order->number),
                           "requested_fen");
    }
    CRM_TRY_ASSIGN(const auto order_lines, repository_.returnable_lines(tx, a.order_id));
    for (size_t k = 0; k < lines.size(); ++k) {
      const RequestedLine& wanted = lines[k];
      const ReturnableLine* line = nullptr;
      for (const auto& candidate : order_lines) {
        if (candidate.id == wanted.order_item_id) line = &candidate;
      }
      if (line == nullptr) {
        return invalid_input("after_sale.unknown_item",
                             fmt::format("Order line {} is not part of order {}.",
                                         wanted.order_item_id, order->number),
                             fmt::format("items[{}].order_item_id", k));
      }
      const int64_t left = line->quantity - line->returned_quantity -
                           (returns_goods ? line->pending_quantity : 0);
      if (wanted.quantity > left) {
        return invalid_input(
            "after_sale.quantity_exceeds",
            fmt::format("Only {} of order line {} can still be returned ({} bought, {} returned, "
                        "{} in open requests).",
                        std::max<int64_t>(left, 0), line->id, line->quantity,
                        line->returned_quantity, line->pending_quantity),
            fmt::format("items[{}].quantity", k));
      }
    }
    a.customer_id = order->customer_id;
    a.customer_owner_id = order->customer_owner_id;
    CRM_TRY_ASSIGN(a.number, repository_.next_number(tx, now));
    CRM_TRY_ASSIGN(a.id, repository_.insert(tx, a));
    Json items = Json::array();
    for (const auto& line : lines) {
      CRM_TRY(repository_.insert_item(tx, a.id, line.order_item_id, line.quantity));
      items.push_back({{"order_item_id", line.order_item_id}, {"quantity", line.quantity}});
    }
    CRM_TRY(repository_.insert_event(
        tx, a.id, {0, now, std::nullopt, a.status, a.created_by, caller.actor.display_name, ""}));
    CRM_TRY(record(tx, caller, a, "requested",
                   {{"reason", a.reason}, {"requested_fen", a.requested_fen}, {"items", items}}));
    return load(tx, caller.actor, a.id);
  });
}

Result<AfterSale> AfterSaleService::get(const customers::Caller& caller, int64_t id) {
  return db_.read([&](storage::Connection& db) { return load(db, caller.actor, id); });
}

Result<AfterSalePage> AfterSaleService::list(const customers::Caller& caller,
                                             const AfterSaleQuery& query) {
  return db_.read([&](storage::Connection& db) {
    return repository_.list(db, query, customers::scope_owner(caller.actor));
  });
}

Result<AfterSale> AfterSaleService::act(const customers::Caller& caller, int64_t id,
                                        AfterSaleAction action, const Json& body) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  const int64_t now = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<AfterSale> {
    CRM_TRY_ASSIGN(AfterSale a, load(tx, caller.actor, id));
    const auto to = next_after_sale_status(a.kind, a.status, action);
    if (!to) {
      return conflict("after_sale.illegal_transition",
                      fmt::format("{} is not allowed on a {} request that is {}.",
                                  action_name(action), a.kind, a.status));
    }
    std::string note;
    Json details = Json::object();
    // The status moves first, guarded by the status just read: of two concurrent calls on one
    // request only one gets past this line.
    CRM_TRY_ASSIGN(const bool moved, repository_.move_status(tx, id, a.status, *to, now));
    if (!moved) {
      return conflict("after_sale.concurrent_change",
                      "The request was changed by someone else; reload it and try again.");
    }
    CRM_TRY(apply(tx, caller, a, action, body, note, details));
    const std::optional<int64_t> actor_id =
        caller.actor.user_id != 0 ? std::optional<int64_t>(caller.actor.user_id) : std::nullopt;
    CRM_TRY(repository_.insert_event(
        tx, id, {0, now, a.status, std::string(*to), actor_id, caller.actor.display_name, note}));
    details["from"] = a.status;
    if (!note.empty()) details["note"] = note;
    CRM_TRY(record(tx, caller, a, *to, std::move(details)));
    return load(tx, caller.actor, id);
  });
}

Result<void> AfterSaleService::apply(storage::Connection& tx, const customers::Caller& caller,
                                     AfterSale& a, AfterSaleAction action, const Json& body,
                                     std::string& note, Json& details) const {
  const int64_t now = clock_.now_ms();
  switch (action) {
    case AfterSaleAction::kApprove:
    case AfterSaleAction::kClose: {
      CRM_TRY_ASSIGN(note, after_sale_text(body, "note", 0, 500));
      return {};
    }
    case AfterSaleAction::kReject: {
      CRM_TRY_ASSIGN(note, after_sale_text(body, "note", 1, 500));
      return {};
    }
    case AfterSaleAction::kReceive: {
      CRM_TRY_ASSIGN(note, after_sale_text(body, "note", 0, 500));
      if (!body.contains("restock") || !body.at("restock").is_boolean()) {
        return invalid_input("validation.required", "restock must be true or false.", "restock");
      }
      const bool restock = body.at("restock").get<bool>();
      std::vector<StockLine> lines;
      Json returned = Json::array();
      for (const auto& item : a.items) {
        CRM_TRY_ASSIGN(const bool added, repository_.add_returned(tx, item.order_item_id,
                                                                  item.quantity));
        if (!added) {
          return conflict("after_sale.quantity_exceeds",
                          fmt::format("More of {} would be returned than was bought.", item.sku));
        }
        lines.push_back({item.product_id, item.quantity});
        returned.push_back({{"sku", item.sku}, {"quantity", item.quantity}});
      }
      details["returned"] = returned;
      details["restock"] = restock;
      if (!restock) return {};
      CRM_TRY_ASSIGN(const int64_t warehouse_id,
                     after_sale_int(body, "warehouse_id", 1, INT64_MAX, true));
      CRM_TRY_ASSIGN(auto warehouse,
                     tx.query_optional("SELECT id FROM warehouses WHERE id = ? AND enabled = 1",
                                       warehouse_id));
      if (!warehouse) {
        return invalid_input("after_sale.unknown_warehouse",
                             "The warehouse does not exist or is disabled.", "warehouse_id");
      }
      StockContext why;
      why.order_id = a.order_id;
      why.after_sale_id = a.id;
      if (caller.actor.user_id != 0) why.actor_id = caller.actor.user_id;
      why.reason = fmt::format("售后退货入库 {}", a.number);
      CRM_TRY(ledger_.receive(tx, warehouse_id, lines, why));
      CRM_TRY(tx.execute("UPDATE after_sales SET restocked = 1 WHERE id = ?", a.id));
      details["warehouse_id"] = warehouse_id;
      return {};
    }
    case AfterSaleAction::kRefund: {
      CRM_TRY_ASSIGN(note, after_sale_text(body, "note", 0, 500));
      CRM_TRY_ASSIGN(const int64_t amount, after_sale_int(body, "amount_fen", 1, kMaxFen, true));
      CRM_TRY_ASSIGN(const bool refunded, repository_.add_order_refund(tx, a.order_id, amount, now));
      if (!refunded) {
        CRM_TRY_ASSIGN(auto order, repository_.find_order(tx, a.order_id, false));
        const int64_t left = order ? order->paid_fen - order->refunded_fen : 0;
        return conflict("after_sale.refund_exceeds_paid",
                        fmt::format("A refund of {} exceeds what is left to refund on order {}: "
                                    "{} (remaining_fen={}).",
                                    yuan(amount), a.order_number, yuan(left), left),
                        "amount_fen");
      }
      CRM_TRY(tx.execute("UPDATE after_sales SET refund_fen = refund_fen + ? WHERE id = ?", amount,
                         a.id));
      details["amount_fen"] = amount;
      return {};
    }
    case AfterSaleAction::kReship: {
      CRM_TRY_ASSIGN(note, after_sale_text(body, "note", 0, 500));
      CRM_TRY_ASSIGN(const std::string carrier, after_sale_text(body, "carrier", 1, 50));
      CRM_TRY_ASSIGN(const std::string tracking, after_sale_text(body, "tracking_number", 1, 64));
      CRM_TRY(tx.execute("UPDATE after_sales SET reship_carrier = ?, reship_tracking_number = ? "
                         "WHERE id = ?",
                         carrier, tracking, a.id));
      details["carrier"] = carrier;
      details["tracking_number"] = tracking;
      return {};
    }
  }
  return {};
}

}  // namespace crm::orders
