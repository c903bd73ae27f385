// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/clock.h"
#include "core/keyring.h"
#include "core/result.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/import_plan.h"
#include "modules/customers/import_stream.h"
#include "modules/customers/transfer_repository.h"
#include "storage/database.h"

namespace crm::customers {

// The check phase of a customer import (docs/api/customers.md, Import): reads the stored file and
// applies the create/update rules (parse_fields, tags, categories) to every row, finds the
// customers the rows match (inside the caller's scope), duplicates within the file, and phones /
// emails owned by other customers. Writes only progress (customer_imports.processed, every
// kProgressEvery rows); never customers.
//
// The per-row work (blind indexes, opening matched rows, parse_fields) is CPU-bound and runs on
// up to kMaxThreads threads; everything whose outcome depends on row order (first row wins a
// duplicate) runs afterwards on the calling thread, so the result is the same as a serial check.
// Thread-safe (stateless apart from injected references).
class ImportChecker {
 public:
  ImportChecker(storage::Database& db, const Clock& clock, const Keyring& keyring,
                const CustomerService& customers)
      : db_(db), clock_(clock), keyring_(keyring), customers_(customers) {}

  // Reports rows checked so far (every kProgressEvery rows).
  using Progress = std::function<Result<void>(int64_t processed)>;

  // Errors: import.file_missing and the file's read errors (kInvalidInput); storage errors.
  // Row errors are not failures: they are in the plan. With a `stream` the rows are not kept in
  // the plan: it is told how many rows will create customers once the matches are known, then
  // gets every kProgressEvery checked rows while the later ones are checked, and is aborted at the
  // first row error (the check goes on for the error report). The caller finishes or aborts it
  // when check() returns. Without `progress` the progress is written to customer_imports (not
  // possible while the same SQLite database has the stream's write open).
  Result<ImportPlan> check(const Caller& caller, const ImportRecord& record,
                           PlanStream* stream = nullptr, const Progress& progress = {}) const;

  // Rows between two progress updates.
  static constexpr int64_t kProgressEvery = 5000;
  static constexpr unsigned kMaxThreads = 4;

 private:
  // Adds customer.phone_taken / email_taken for rows whose phone or email another customer than
  // the matched one has.
  Result<void> check_taken(const std::vector<PlannedRow>& rows,
                           const std::function<void(ImportError)>& add_error) const;

  storage::Database& db_;
  const Clock& clock_;
  const Keyring& keyring_;
  const CustomerService& customers_;
  CustomerRepository repository_;
  TransferRepository transfers_;
};

}  // namespace crm::customers
