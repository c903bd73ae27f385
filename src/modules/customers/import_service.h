// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/keyring.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/import_checker.h"
#include "modules/customers/import_writer.h"
#include "modules/customers/transfer_repository.h"
#include "storage/database.h"
#include "storage/job_queue.h"

namespace crm::customers {

inline constexpr std::string_view kImportQueue = "customers.import";

// Customer imports (docs/api/customers.md, Import): upload -> start (a job) -> every row checked
// with the create/update rules -> all rows written in one transaction, or nothing.
//
// The job checks every row (import_checker.h: batched duplicate lookups, only progress written)
// and writes all rows in one transaction (import_writer.h: multi-row INSERTs) on a second thread
// while the check goes on (PlanStream), so a crash leaves nothing partial and the job simply runs
// again; a row error rolls the write back. A dry run only checks. Thread-safe (the only state is
// the progress of running imports, under a mutex).
class ImportService {
 public:
  ImportService(storage::Database& db, const Clock& clock, const Keyring& keyring,
                audit::AuditService& audit, storage::JobQueue& jobs, CustomerService& customers)
      : db_(db), clock_(clock), jobs_(jobs), checker_(db, clock, keyring, customers),
        writer_(db, clock, audit, customers) {}

  // Reads the file (CSV or XLSX) and stores it. Errors: import.empty, import.unreadable,
  // import.no_header, validation.required (filename) (kInvalidInput).
  Result<ImportRecord> upload(const Caller& caller, std::string_view filename,
                              std::string_view bytes);
  // Errors: import.mapping_invalid / import.invalid (kInvalidInput), import.not_startable
  // (kConflict), import.not_found.
  Result<ImportRecord> start(const Caller& caller, int64_t id, const Json& body);
  // Only the creator's imports (import.not_found otherwise).
  Result<ImportRecord> get(const Caller& caller, int64_t id);
  Result<std::vector<ImportRecord>> list(const Caller& caller, int64_t before_id, int limit);
  // The error report: UTF-8 CSV with BOM.
  Result<std::string> errors_csv(const Caller& caller, int64_t id);

  // The job handler of kImportQueue. Idempotent: an import that already finished is left alone.
  Result<void> run(const storage::Job& job);

  // Rows between two progress updates of the check phase.
  static constexpr int64_t kProgressEvery = ImportChecker::kProgressEvery;

 private:
  Result<void> finish_failed(ImportRecord& record, const std::vector<ImportError>& errors);
  // Checks `record` while `written_record` (a copy) is written on another thread; `written` is
  // the write's outcome (import.aborted after a row error or a failed check).
  Result<ImportPlan> check_while_writing(const Caller& caller, const ImportRecord& record,
                                         ImportRecord& written_record, Result<void>& written);
  // A running import's `processed` as its check last reported it on this process.
  void overlay_progress(ImportRecord& record) const;

  storage::Database& db_;
  const Clock& clock_;
  storage::JobQueue& jobs_;
  ImportChecker checker_;
  ImportWriter writer_;
  TransferRepository transfers_;
  // SQLite: the check's progress of imports whose write is running (it cannot be stored then).
  mutable std::mutex live_mutex_;
  std::unordered_map<int64_t, int64_t> live_progress_;
};

// Import as JSON (docs/api/customers.md, Import).
Json to_json(const ImportRecord& record);

// The caller part of a job payload and back, so the job acts with the starter's scope and audit.
Json caller_json(const Caller& caller);
Caller caller_from_json(const Json& json);

}  // namespace crm::customers
