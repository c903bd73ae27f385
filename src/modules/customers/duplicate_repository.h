// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/customers/customer.h"
#include "storage/connection.h"

namespace crm::customers {

// One row of customer_duplicate_candidates; customer_a < customer_b.
struct DuplicateCandidate {
  int64_t id = 0;
  int64_t customer_a = 0, customer_b = 0;
  std::string reason, status;
  int64_t found_at_ms = 0;
};

// A duplicate rule of the scan: `reason` and the live customers sharing its key, as groups of
// ids (lowest first), each of at least two.
struct DuplicateRule {
  std::string_view reason;
  std::string_view key_columns;  // "name_lower, birthday"
  std::string_view condition;    // extra WHERE terms that the key must satisfy
};

// SQL of the duplicate scan and the candidate list. Stateless.
class DuplicateRepository {
 public:
  // Groups of live customers with the same key under `rule`: one GROUP BY over an index, then
  // the members of the groups only.
  Result<std::vector<std::vector<int64_t>>> groups(storage::Connection& db,
                                                   const DuplicateRule& rule) const;
  // Inserts the pair unless it exists in any status; returns whether it was new.
  Result<bool> add(storage::Connection& tx, int64_t x, int64_t y, std::string_view reason,
                   int64_t found_at_ms) const;
  // Newest first. With `scope_owner_id` only pairs whose customers it both owns; open pairs only
  // while both customers are live.
  Result<Page<DuplicateCandidate>> list(storage::Connection& db, std::string_view status,
                                        std::optional<int64_t> scope_owner_id, int limit,
                                        std::optional<int64_t> after_id) const;
  Result<std::optional<DuplicateCandidate>> find(storage::Connection& db, int64_t id) const;
  Result<void> dismiss(storage::Connection& tx, int64_t id, int64_t at_ms, int64_t by) const;
};

}  // namespace crm::customers
