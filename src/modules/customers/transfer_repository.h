// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/customers/transfer_types.h"
#include "storage/connection.h"

namespace crm::customers {

// SQL for customer_imports, customer_import_errors and customer_exports. Stateless; every call
// runs on the caller's connection (transaction).
class TransferRepository {
 public:
  Result<int64_t> insert_import(storage::Connection& tx, const ImportRecord& record,
                                const std::string& file) const;
  Result<std::optional<ImportRecord>> find_import(storage::Connection& db, int64_t id) const;
  // Newest first; `before_id` 0 for the first page.
  Result<std::vector<ImportRecord>> list_imports(storage::Connection& db, int64_t created_by,
                                                 int64_t before_id, int limit) const;
  // The uploaded bytes; nullopt once deleted (the import finished).
  Result<std::optional<std::string>> import_file(storage::Connection& db, int64_t id) const;
  // Moves uploaded -> queued with the start options; false when the status was not "uploaded".
  Result<bool> queue_import(storage::Connection& tx, const ImportRecord& record) const;
  // queued/running -> running (again, after a crash); false when it already finished.
  Result<bool> mark_import_running(storage::Connection& tx, int64_t id, int64_t at_ms) const;
  Result<void> set_import_progress(storage::Connection& tx, int64_t id, int64_t processed) const;
  // running -> succeeded/failed with the counts, errors JSON and failure text; deletes the file.
  // False when it was not running (another attempt finished it).
  Result<bool> finish_import(storage::Connection& tx, const ImportRecord& record) const;
  Result<void> replace_import_errors(storage::Connection& tx, int64_t id,
                                     const std::vector<ImportError>& errors) const;
  Result<std::vector<ImportError>> import_errors(storage::Connection& db, int64_t id) const;

  Result<int64_t> insert_export(storage::Connection& tx, const ExportRecord& record) const;
  Result<std::optional<ExportRecord>> find_export(storage::Connection& db, int64_t id) const;
  Result<std::optional<std::string>> export_file(storage::Connection& db, int64_t id) const;
  Result<void> set_export_running(storage::Connection& tx, int64_t id, int64_t total) const;
  Result<void> set_export_progress(storage::Connection& tx, int64_t id, int64_t processed) const;
  Result<bool> finish_export(storage::Connection& tx, const ExportRecord& record,
                             const std::optional<std::string>& file) const;
  // Drops the files (keeps the rows) of exports whose expiry passed; returns how many.
  Result<int64_t> delete_expired_exports(storage::Connection& tx, int64_t now_ms) const;
};

}  // namespace crm::customers
