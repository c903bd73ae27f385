// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "core/keyring.h"
#include "core/result.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/import_plan.h"
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

  // Errors: import.file_missing and the file's read errors (kInvalidInput); storage errors.
  // Row errors are not failures: they are in the plan.
  Result<ImportPlan> check(const Caller& caller, const ImportRecord& record) const;

  // Rows between two progress updates.
  static constexpr int64_t kProgressEvery = 5000;
  static constexpr unsigned kMaxThreads = 4;

 private:
  storage::Database& db_;
  const Clock& clock_;
  const Keyring& keyring_;
  const CustomerService& customers_;
  CustomerRepository repository_;
  TransferRepository transfers_;
};

}  // namespace crm::customers
