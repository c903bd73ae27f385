// SPDX-License-Identifier: Apache-2.0
// Import of historical orders (ORD-1 "or by import"): a CSV or XLSX file, one row per order line,
// rows grouped into orders by (platform, external_id). Every row is checked with the intake's
// rules; all orders are written in one transaction or none. Imported orders keep their status
// (completed or cancelled) and placed_at, and move no stock and send no messages. Synchronous,
// up to kMaxRows rows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/order_env.h"

namespace crm::orders {

struct ImportError {
  int64_t row = 0;     // spreadsheet row (the header is row 1)
  std::string column;  // the column at fault, e.g. "sku"
  std::string code, message;
};

struct ImportReport {
  bool dry_run = false;
  int64_t rows = 0;
  int64_t orders = 0;    // orders in the file
  int64_t created = 0;   // written (0 in a dry run or when there are errors)
  int64_t skipped = 0;   // already imported (same platform and external_id)
  std::vector<ImportError> errors;  // at most kMaxErrors
};

// The columns (header names, case-insensitive; Chinese aliases accepted, see order_import.cc).
// Required: external_id, customer_name, sku, quantity.
class OrderImport {
 public:
  static constexpr size_t kMaxRows = 50'000;
  static constexpr size_t kMaxErrors = 100;

  explicit OrderImport(OrderEnv& env) : env_(env) {}

  // Errors (the file as a whole): import.unreadable / import.empty / import.no_header,
  // order_import.missing_column (field = the column), order_import.too_many_rows. Row errors are
  // reported in ImportReport::errors (and nothing is written).
  Result<ImportReport> run(const customers::Caller& caller, std::string_view bytes, bool dry_run);

 private:
  OrderEnv& env_;
};

Json import_report_json(const ImportReport& report);

}  // namespace crm::orders
