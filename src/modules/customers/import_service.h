// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
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
// and then writes all rows in one transaction (import_writer.h: multi-row INSERTs), so a crash
// leaves nothing partial and the job simply runs again. Thread-safe (stateless apart from
// injected references).
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

  storage::Database& db_;
  const Clock& clock_;
  storage::JobQueue& jobs_;
  ImportChecker checker_;
  ImportWriter writer_;
  TransferRepository transfers_;
};

// Import as JSON (docs/api/customers.md, Import).
Json to_json(const ImportRecord& record);

// The caller part of a job payload and back, so the job acts with the starter's scope and audit.
Json caller_json(const Caller& caller);
Caller caller_from_json(const Json& json);

}  // namespace crm::customers
