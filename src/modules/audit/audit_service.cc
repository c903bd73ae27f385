// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_service.h"

#include <fmt/format.h>

namespace crm::audit {

Result<void> AuditService::record(storage::Connection& tx, const AuditEntry& entry) const {
  if (entry.action.empty() || !entry.changes.is_object()) {
    Error error = internal_error("audit entry without action or with non-object changes");
    error.code = "audit.invalid_entry";
    return error;
  }
  AuditEntry redacted = entry;
  redacted.changes = redact_changes(entry.changes);
  CRM_TRY(repository_.insert(tx, redacted, clock_.now_ms()));
  return {};
}

Result<AuditPage> AuditService::search(const AuditQuery& query) const {
  if (query.limit < 1 || query.limit > kMaxPageSize) {
    return invalid_input("audit.invalid_limit",
                         fmt::format("limit must be between 1 and {}.", kMaxPageSize), "limit");
  }
  return db_.read([&](storage::Connection& db) -> Result<AuditPage> {
    AuditPage page;
    // One row more than asked tells whether another page follows.
    CRM_TRY_ASSIGN(page.items, repository_.find(db, query.filter, query.after, query.limit + 1));
    if (static_cast<int>(page.items.size()) > query.limit) {
      page.items.pop_back();
      page.next_after = page.items.back().id;
    }
    CRM_TRY_ASSIGN(page.total, repository_.count(db, query.filter));
    return page;
  });
}

}  // namespace crm::audit
