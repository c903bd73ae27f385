// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_participants.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/merge_repository.h"
#include "storage/database.h"

namespace crm::customers {

struct MergePair {
  int64_t survivor_id = 0, merged_id = 0;
};

struct BulkMergeResult {
  struct PairError {
    size_t index = 0;  // into the request's pairs
    Error error;
  };
  std::vector<int64_t> merge_ids;  // in request order
  std::vector<PairError> errors;   // by index
};

// Merging duplicate customers and undoing a merge (docs/api/customers.md, "Duplicates and
// merge"). The survivor keeps its values and takes the merged record's where its own are empty;
// tags and categories are united; the stage is the further one; every CustomerParticipant moves
// its rows. The merged record keeps its row (deleted, merged_into = survivor) so that undo can
// bring it back. Each merge writes history on both customers and one audit row customer.merged.
// Thread-safe (stateless apart from injected references).
class MergeService {
 public:
  static constexpr size_t kMaxBulkPairs = 5000;
  static constexpr size_t kPairsPerTransaction = 500;

  MergeService(storage::Database& db, const Clock& clock, audit::AuditService& audit,
               const CustomerParticipants& participants)
      : db_(db), clock_(clock), audit_(audit), participants_(participants) {}

  // Errors: merge.same_customer (kInvalidInput, field merged_id); customer.not_found (missing,
  // deleted or out of the caller's scope); merge.already_merged (kConflict) when either customer
  // was merged into another; merge.conflict (kConflict) when a customer changed under the merge.
  Result<MergeRecord> merge(const Caller& caller, MergePair pair);
  // Up to kMaxBulkPairs pairs (validation.too_many otherwise), kPairsPerTransaction per
  // transaction. A pair that fails its checks is reported and skipped without undoing the others;
  // a storage failure of a transaction is reported for each pair of that transaction.
  Result<BulkMergeResult> bulk_merge(const Caller& caller, std::span<const MergePair> pairs);
  // Errors: merge.not_found (also outside the caller's scope); merge.already_undone and
  // merge.survivor_changed (kConflict; the survivor's version is no longer the one right after
  // the merge, so an undo would lose that edit); customer.phone_taken / customer.email_taken when
  // another customer took the merged record's phone or email in the meantime.
  Result<MergeRecord> undo(const Caller& caller, int64_t merge_id);
  // Newest first; merges whose survivor is outside the caller's scope are left out.
  Result<Page<MergeRecord>> list(const Caller& caller, std::optional<int64_t> customer_id,
                                 int limit, std::optional<std::string> after);

 private:
  // Checks and applies `pairs` (starting at request index `first`) in one transaction.
  void apply_chunk(const Caller& caller, std::span<const MergePair> pairs, size_t first,
                   BulkMergeResult& out);
  Result<int64_t> apply(storage::Connection& tx, const Caller& caller, MergeSubject& survivor,
                        MergeSubject& merged, int64_t now);
  Result<void> record(storage::Connection& tx, const Caller& caller, int64_t customer_id,
                      std::string_view action, const Json& changes) const;
  Result<void> audit(storage::Connection& tx, const Caller& caller, std::string_view action,
                     int64_t customer_id, const Json& changes) const;

  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  const CustomerParticipants& participants_;
  CustomerRepository customers_;
  MergeRepository merges_;
};

// {"interactions": 3, …}: how many rows each participant moved.
Json moved_counts(const Json& moved);

}  // namespace crm::customers
