// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "modules/audit/audit_types.h"
#include "storage/connection.h"

namespace crm::audit {

// SQL over the audit_log table; no rules. Stateless and thread-safe.
class AuditRepository {
 public:
  // Inserts one row and returns its id. `entry.changes` is stored as given (redact first).
  Result<int64_t> insert(storage::Connection& db, const AuditEntry& entry, int64_t at_ms) const;
  // Up to `limit` rows matching `filter` with id < after (when set), newest first.
  Result<std::vector<AuditRecord>> find(storage::Connection& db, const AuditFilter& filter,
                                        std::optional<int64_t> after, int limit) const;
  Result<int64_t> count(storage::Connection& db, const AuditFilter& filter) const;
};

}  // namespace crm::audit
