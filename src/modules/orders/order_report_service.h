// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/request_context.h"
#include "modules/orders/order_report_days.h"
#include "storage/database.h"

namespace crm::orders {

enum class ReportBy { kNone, kChannel, kCategory, kRegion };

// Merchant days `from_day`..`to_day`, both included.
struct DayRange {
  int64_t from_day = 0;
  int64_t to_day = 0;
};

struct SalesFigures {
  int64_t orders = 0;
  int64_t items = 0;
  int64_t sales_fen = 0;
  int64_t refunds_fen = 0;
  int64_t average_order_fen = 0;  // sales_fen / orders, rounded half up; 0 without orders
};

struct SalesRow {
  std::string period;  // see period_label()
  std::string key;     // channel, category name or receiver province; "" when unset or by=none
  SalesFigures figures;
};

struct SalesSummary {
  DayRange current_range;
  SalesFigures current;
  DayRange previous_range;  // the same number of days right before
  SalesFigures previous;
};

// Order reports (ORD-7). Counted orders: status not pending_audit, cancelled or closed, placed
// within the range (merchant days, UTC+8). sales_fen sums total_fen, refunds_fen the orders'
// refunded_fen (refunds count in the period the order was placed), items the line quantities.
// by=category counts item amounts (amount_fen) per category and prorates each order's refunds by
// the category's share of items_fen; an order with lines in two categories counts in both.
// by=region groups by receiver_province. Data scope: "own" sees orders of customers it owns.
// Thread-safe.
class OrderReportService {
 public:
  explicit OrderReportService(storage::Database& db) : db_(db) {}

  // Rows ordered by period then key; with by=none every period of the range has a row (zeros
  // when nothing sold), otherwise only periods and keys with orders.
  Result<std::vector<SalesRow>> sales(const http::Actor& actor, DayRange range, ReportGroup group,
                                      ReportBy by);
  Result<SalesSummary> summary(const http::Actor& actor, DayRange range);

 private:
  storage::Database& db_;
};

}  // namespace crm::orders
