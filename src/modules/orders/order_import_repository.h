// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/orders/order_import_types.h"
#include "storage/connection.h"

namespace crm::orders {

// SQL for order_imports, order_import_parts and order_import_errors, and the two bulk lookups of
// the import writer (existing external ids, a block of order numbers). Stateless; every call runs
// on the caller's connection (transaction).
class OrderImportRepository {
 public:
  Result<int64_t> insert_import(storage::Connection& tx, const OrderImportRecord& record) const;
  // The upload's findings (header, preview, suggested mapping, row count) once its parts are in.
  Result<void> describe_upload(storage::Connection& tx, const OrderImportRecord& record) const;
  Result<void> insert_part(storage::Connection& tx, int64_t id, const ImportPart& part) const;
  // The part `seq` (0, 1, …); nullopt past the last one or once the import finished.
  Result<std::optional<ImportPart>> part(storage::Connection& db, int64_t id, int64_t seq) const;
  Result<std::optional<OrderImportRecord>> find_import(storage::Connection& db, int64_t id) const;
  // Newest first; `before_id` 0 for the first page.
  Result<std::vector<OrderImportRecord>> list_imports(storage::Connection& db, int64_t created_by,
                                                      int64_t before_id, int limit) const;
  // uploaded -> queued with the start options; false when the status was not "uploaded".
  Result<bool> queue_import(storage::Connection& tx, const OrderImportRecord& record) const;
  // queued/running -> running (again, after a crash); false when it already finished.
  Result<bool> mark_running(storage::Connection& tx, int64_t id, int64_t at_ms) const;
  Result<void> set_progress(storage::Connection& tx, int64_t id, std::string_view phase,
                            int64_t processed) const;
  // running -> succeeded/failed with the counts, errors and failure; deletes the file's parts.
  // False when it was not running (another attempt finished it).
  Result<bool> finish_import(storage::Connection& tx, const OrderImportRecord& record) const;
  Result<void> replace_errors(storage::Connection& tx, int64_t id,
                              const std::vector<ImportError>& errors) const;
  Result<std::vector<ImportError>> errors(storage::Connection& db, int64_t id) const;

  // Of `external_ids` (at most kLookupBatch), those that already have an order on `platform`.
  static constexpr size_t kLookupBatch = 500;
  Result<std::set<std::string>> existing_external_ids(
      storage::Connection& db, std::string_view platform,
      const std::vector<std::string>& external_ids) const;
  // Reserves `count` numbers of `day` at once; returns the first sequence value.
  Result<int64_t> reserve_numbers(storage::Connection& tx, std::string_view day,
                                  int64_t count) const;
};

}  // namespace crm::orders
