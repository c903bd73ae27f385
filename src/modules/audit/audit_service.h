// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/audit_repository.h"
#include "modules/audit/audit_types.h"
#include "storage/database.h"

namespace crm::audit {

// The audit log's public API for other modules. Thread-safe.
//
// Every write of another module calls record() inside its own transaction, so the audit row
// commits or rolls back with the change. Rows are never updated or deleted (the database refuses:
// see migrations/); retention is "forever" in this module, at least the 6 months RELIABILITY.md
// promises.
class AuditService {
 public:
  AuditService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Appends one row at clock.now_ms() on `tx` (the caller's write transaction), with the personal
  // fields of entry.changes redacted (redact_changes with personal_data_fields()).
  // Errors: audit.invalid_entry (kInternal: empty action or non-object changes, a caller bug);
  // storage errors from the insert.
  Result<void> record(storage::Connection& tx, const AuditEntry& entry) const;

  // One page of rows matching query.filter, newest first, with the total over all pages.
  // Errors: audit.invalid_limit (kInvalidInput, field "limit") when limit is outside 1..200;
  // storage errors.
  Result<AuditPage> search(const AuditQuery& query) const;

 private:
  storage::Database& db_;
  const Clock& clock_;
  AuditRepository repository_;
};

}  // namespace crm::audit
