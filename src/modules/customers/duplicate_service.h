// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/duplicate_repository.h"
#include "storage/database.h"
#include "storage/job_queue.h"

namespace crm::customers {

// A candidate with both customers, for the list.
struct DuplicatePair {
  DuplicateCandidate candidate;
  Customer a, b;
};

// Finding possible duplicates (a background scan) and the candidate list
// (docs/api/customers.md, "Duplicates and merge"). Thread-safe.
class DuplicateService {
 public:
  static constexpr std::string_view kScanQueue = "customers.duplicate_scan";
  // Pairs taken from one group of same-key customers: a group of n gives n·(n-1)/2 pairs, and a
  // very common key (a frequent name in a big district) would otherwise flood the list.
  static constexpr size_t kMaxPairsPerGroup = 20;

  DuplicateService(storage::Database& db, const Clock& clock, storage::JobQueue& jobs,
                   audit::AuditService& audit, CustomerService& customers)
      : db_(db), clock_(clock), jobs_(jobs), audit_(audit), customers_(customers) {}

  // Enqueues a scan on kScanQueue; returns the job id. Audited customer.duplicate_scan_requested.
  Result<int64_t> request_scan(const Caller& caller);
  // Runs every rule over all live customers in one transaction and adds the pairs not known yet
  // (in any status); returns how many were added. Idempotent, as job handlers must be.
  Result<int64_t> scan();
  // status: open | merged | dismissed (duplicate.invalid_status otherwise).
  Result<Page<DuplicatePair>> list(const Caller& caller, std::string_view status, int limit,
                                   std::optional<std::string> after);
  // Errors: duplicate.not_found (also outside the caller's scope); duplicate.not_open
  // (kConflict) for a merged pair. Dismissing a dismissed pair again is not an error.
  Result<void> dismiss(const Caller& caller, int64_t id);

 private:
  storage::Database& db_;
  const Clock& clock_;
  storage::JobQueue& jobs_;
  audit::AuditService& audit_;
  CustomerService& customers_;
  CustomerRepository rows_;
  DuplicateRepository duplicates_;
};

}  // namespace crm::customers
