// SPDX-License-Identifier: Apache-2.0
// Imports of historical orders (ORD-1 "or by import", docs/api/orders.md): upload a CSV or XLSX
// file (one row per order line, the rows of an order adjacent, grouped by (platform,
// external_id)) -> start with a column mapping (or a dry run) -> a background job on
// kOrderImportQueue checks every row with the intake's rules (progress "checking"), then writes
// all new orders in ONE transaction with their audit row and the import's "succeeded" status
// (progress "writing"), so a failure at any point leaves nothing and the job simply runs again.
// Orders whose (platform, external_id) exists are skipped. No row limit: the file is stored and
// read in parts (order_import_rows.h), orders written in batches (order_import_writer.h).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_import_repository.h"
#include "modules/orders/order_import_types.h"
#include "storage/job_queue.h"

namespace crm::orders {

inline constexpr std::string_view kOrderImportQueue = "orders.import";
// Domain event of an import that wrote orders: {import_id, orders}. One per import, not per order.
inline constexpr std::string_view kOrdersImported = "orders.imported";

class OrderImport {
 public:
  static constexpr size_t kPartBytes = 8u << 20;  // stored file parts
  static constexpr size_t kBatchOrders = 1000;    // orders checked / written per step
  static constexpr size_t kErrorsShown = 50;
  static constexpr size_t kPreviewRows = 10;

  explicit OrderImport(OrderEnv& env) : env_(env) {}

  // Reads and stores the file. Errors: validation.required / validation.length (filename),
  // import.empty / import.unreadable / import.no_header (kInvalidInput, field "file").
  Result<OrderImportRecord> upload(const customers::Caller& caller, std::string_view filename,
                                   std::string_view bytes);
  // Body {mapping: {column: field|null}, dry_run?}. Queues the job (`run_now` false) or runs it
  // on the calling thread and returns the finished import. Errors: import.mapping_invalid,
  // validation.type (kInvalidInput), import.not_startable (kConflict), import.not_found.
  Result<OrderImportRecord> start(const customers::Caller& caller, int64_t id, const Json& body,
                                  bool run_now = false);
  // Only the creator's imports (import.not_found otherwise); progress of a job running on this
  // node is live.
  Result<OrderImportRecord> get(const customers::Caller& caller, int64_t id);
  Result<std::vector<OrderImportRecord>> list(const customers::Caller& caller, int64_t before_id,
                                              int limit);
  // Every row error as UTF-8 CSV with BOM.
  Result<std::string> errors_csv(const customers::Caller& caller, int64_t id);

  // The job handler of kOrderImportQueue. Idempotent: a finished import is left alone.
  Result<void> run(const storage::Job& job);

 private:
  Result<void> execute(int64_t id, const customers::Caller& caller, int attempts,
                       int max_attempts);
  Result<void> finish(OrderImportRecord& record, const std::vector<ImportError>* errors);
  void set_live(int64_t id, std::string phase, int64_t processed);
  void apply_live(OrderImportRecord& record);

  OrderEnv& env_;
  OrderImportRepository imports_;
  std::mutex live_mutex_;
  std::map<int64_t, std::pair<std::string, int64_t>> live_;  // id -> (phase, processed)
};

// An import as JSON (docs/api/orders.md, Import).
Json to_json(const OrderImportRecord& record);

}  // namespace crm::orders
