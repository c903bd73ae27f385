// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer.h"
#include "storage/connection.h"

namespace crm::customers {

// A customer as a merge sees it: the stored (sealed) row, whether it was merged already, its tags
// and category ids.
struct MergeSubject {
  StoredCustomer row;
  std::optional<int64_t> merged_into;
  std::vector<std::string> tags;
  std::vector<int64_t> category_ids;
};

// One row of customer_merges. The *_before snapshots are {"row":{…sealed…},"tags":[…],
// "category_ids":[…]}; `moved` is {"<participant>":[ids]}.
struct MergeRecord {
  int64_t id = 0;
  int64_t survivor_id = 0, merged_id = 0;
  std::string survivor_number, merged_number;
  int64_t merged_at_ms = 0, merged_by = 0;
  std::optional<int64_t> undone_at_ms, undone_by;
  Json survivor_before = Json::object(), merged_before = Json::object();
  int64_t survivor_version = 0;  // the survivor's version right after the merge
  Json moved = Json::object();
};

// SQL for merges: batch loads of customers, writes of whole sealed rows, tag and category moves,
// and the customer_merges table. Stateless; every call runs on the caller's connection.
class MergeRepository {
 public:
  // The subjects among `ids` that exist (any state), with one query per table, not one per id.
  Result<std::map<int64_t, MergeSubject>> load(storage::Connection& db,
                                               const std::vector<int64_t>& ids) const;
  // Writes every column of `row` (sealed values, deleted_*, merged_into) iff the stored version is
  // `expected_version`; returns false when no row matched. A blind index collision is
  // customer.phone_taken / customer.email_taken (kConflict).
  Result<bool> write(storage::Connection& tx, const StoredCustomer& row,
                     std::optional<int64_t> merged_into, int64_t expected_version) const;

  // Gives `to` every tag / category of `from` it lacks, then takes them from `from`.
  Result<void> move_tags_and_categories(storage::Connection& tx, int64_t from, int64_t to) const;
  // Replaces the tags and category memberships of `id`.
  Result<void> set_tags_and_categories(storage::Connection& tx, int64_t id,
                                       const std::vector<std::string>& tags,
                                       const std::vector<int64_t>& category_ids) const;

  Result<int64_t> insert(storage::Connection& tx, const MergeRecord& merge) const;
  Result<std::optional<MergeRecord>> find(storage::Connection& db, int64_t id) const;
  // Newest first; `customer_id` as survivor or merged; `scope_owner_id`: the survivor's owner.
  Result<Page<MergeRecord>> list(storage::Connection& db, std::optional<int64_t> customer_id,
                                 std::optional<int64_t> scope_owner_id, int limit,
                                 std::optional<int64_t> after_id) const;
  Result<void> mark_undone(storage::Connection& tx, int64_t id, int64_t at_ms, int64_t by) const;

  // Moves the candidate of the pair (any order) from status `from` to `to`.
  Result<void> resolve_candidate(storage::Connection& tx, int64_t x, int64_t y,
                                 std::string_view from, std::string_view to,
                                 std::optional<int64_t> at_ms, std::optional<int64_t> by) const;
};

// The stored row as JSON with sealed values only (ciphertexts and blind indexes), and back.
Json stored_to_json(const StoredCustomer& row);
Result<StoredCustomer> stored_from_json(const Json& json);

}  // namespace crm::customers
