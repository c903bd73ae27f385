// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/after_sale.h"
#include "modules/orders/after_sale_repository.h"
#include "modules/orders/after_sale_workflow.h"
#include "modules/orders/stock_ledger.h"
#include "storage/database.h"

namespace crm::orders {

// After-sales requests (ORD-5): returns, exchanges and refund-only requests and their workflow
// (after_sale_workflow.h). Every write is one transaction with its after_sale_events row, its
// audit row and its outbox event (after_sale.requested, after_sale.approved, ...,
// after_sale.closed). Data scope follows the order's customer_owner_id; out-of-scope ids answer
// after_sale.not_found / order.not_found (404). Thread-safe.
class AfterSaleService {
 public:
  AfterSaleService(storage::Database& db, const Clock& clock, audit::AuditService& audit,
                   const StockLedger& ledger)
      : db_(db), clock_(clock), audit_(audit), ledger_(ledger) {}

  // Body: {order_id, kind, reason, note?, photos? (<= 9), items? [{order_item_id, quantity}],
  // requested_fen?}. Errors: validation.* (field named); order.not_found (404);
  // after_sale.order_not_eligible (409) unless the order is paid, shipped, delivered or
  // completed; after_sale.items_required, after_sale.unknown_item, after_sale.duplicate_item,
  // after_sale.quantity_exceeds (400, field items[i]...); after_sale.requested_exceeds_paid
  // (400, field requested_fen).
  Result<AfterSale> create(const customers::Caller& caller, const Json& body);
  // With items, events and the order's money.
  Result<AfterSale> get(const customers::Caller& caller, int64_t id);
  // Errors: validation.* for a bad filter (the routes parse it).
  Result<AfterSalePage> list(const customers::Caller& caller, const AfterSaleQuery& query);

  // One workflow step. Body per action: approve/close {note?}; reject {note (required)};
  // receive {restock (bool, required), warehouse_id (required with restock), note?};
  // refund {amount_fen (> 0), note?}; reship {carrier, tracking_number, note?}.
  // Errors: after_sale.not_found; after_sale.illegal_transition (409, the message names the
  // status); after_sale.refund_exceeds_paid (409, the message names the refundable amount);
  // after_sale.unknown_warehouse (400, field warehouse_id); stock errors of the ledger;
  // after_sale.concurrent_change (409) when another call moved the request first.
  Result<AfterSale> act(const customers::Caller& caller, int64_t id, AfterSaleAction action,
                        const Json& body);

 private:
  Result<AfterSale> load(storage::Connection& db, const http::Actor& actor, int64_t id) const;
  Result<void> apply(storage::Connection& tx, const customers::Caller& caller, AfterSale& a,
                     AfterSaleAction action, const Json& body, std::string& note,
                     Json& details) const;
  Result<void> record(storage::Connection& tx, const customers::Caller& caller,
                      const AfterSale& a, std::string_view status, Json details) const;

  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  const StockLedger& ledger_;
  AfterSaleRepository repository_;
};

}  // namespace crm::orders
