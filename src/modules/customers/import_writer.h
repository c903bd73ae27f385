// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/category_repository.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/import_plan.h"
#include "modules/customers/import_stream.h"
#include "modules/customers/transfer_repository.h"
#include "storage/database.h"

namespace crm::customers {

// The write phase of a customer import: every row of a checked plan (import_checker.h) in ONE
// transaction together with the import's audit row and its "succeeded" status, so a crash at any
// point leaves nothing and the job runs again from the start. The rows arrive through a
// PlanStream while the check is still reading the later ones; an aborted stream (a row error)
// rolls everything back.
//
// New customers are written kChunkRows at a time with multi-row INSERTs (customers, name grams,
// tags, category members, history, consent events), their numbers reserved with one counter
// update per chunk; sealing, pinyin, grams and history text of the next chunk are prepared on
// other threads while the current chunk is written; an import that at least doubles the customers
// rebuilds their secondary indexes at the end instead (kIndexRebuildMinRows). Updated customers
// take the single-row path of CustomerRepository::update (version-checked) after the creates.
// Thread-safe (stateless apart from references).
class ImportWriter {
 public:
  ImportWriter(storage::Database& db, const Clock& clock, audit::AuditService& audit,
               const CustomerService& customers)
      : db_(db), clock_(clock), audit_(audit), customers_(customers) {}

  // On success `record` is "succeeded" with its counts. Errors: import.changed_meanwhile (a
  // matched customer changed since the check), customer.phone_taken / customer.email_taken (a
  // customer created since the check), import.not_running (kConflict); storage errors.
  // import.aborted (kConflict) when the stream was aborted. Stops `stream` when it returns.
  Result<void> write(const Caller& caller, ImportRecord& record, PlanStream& stream) const;
  // The same for a plan checked beforehand (its rows are moved out).
  Result<void> write(const Caller& caller, ImportRecord& record, ImportPlan& plan) const;

  // New customers per pipeline step (prepared on one side while written on the other).
  static constexpr size_t kChunkRows = 2000;
  // Rows per multi-row INSERT: customers have 30 columns, the other tables 2 to 8.
  static constexpr size_t kCustomerRowsPerStatement = 200;
  static constexpr size_t kRowsPerStatement = 500;
  // SQLite: an import of at least this many new customers, and at least as many as the table
  // holds, drops the secondary indexes of the tables it writes and builds them again before the
  // commit (import_indexes.h). Below it the import is short anyway, and a schema change makes
  // every connection prepare its statements again.
  static constexpr size_t kIndexRebuildMinRows = 1000;
  // Helper threads of SQLite's sorter while it builds them (PRAGMA threads): the prepare threads
  // are done by then, so the second core is free (0 / 1 / 2 cost the same CPU within the noise
  // of the shared machine, docs/performance.md).
  static constexpr int kSorterThreads = 1;

 private:
  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  const CustomerService& customers_;
  CustomerRepository repository_;
  CategoryRepository categories_;
  TransferRepository transfers_;
};

}  // namespace crm::customers
