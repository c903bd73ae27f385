// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/customers/customer.h"
#include "storage/connection.h"

namespace crm::customers {

// The columns of a StoredCustomer, in the order stored_customer_from_row reads them (indexes
// 0..30); other repositories of the module append their own columns after these.
inline constexpr std::string_view kStoredCustomerColumns =
    "id, number, name, gender, birthday, phone_cipher, phone_index, email_cipher, email_index, "
    "id_number_cipher, id_number_index, province, city, district, address_cipher, "
    "source_channel, stage, owner_id, hobbies, notes, consent_sms, consent_email, consent_phone, "
    "version, created_at_ms, created_by, updated_at_ms, updated_by, deleted_at_ms, deleted_by, "
    "anonymised_at_ms";
inline constexpr size_t kStoredCustomerColumnCount = 31;
StoredCustomer stored_customer_from_row(const storage::Row& row);

// SQL for customers, tags, history and number counters. Sees only sealed personal data.
// Stateless; every call runs on the caller's connection (transaction).
class CustomerRepository {
 public:
  // The next number of `day` ("20261122"): "C20261122000001", …
  Result<std::string> next_number(storage::Connection& tx, std::string_view day) const;
  // Reserves `count` (>= 1) consecutive numbers of `day` with one counter update (bulk writers:
  // the import, the demo store); returns the first sequence value, numbered by number_of().
  Result<int64_t> reserve_numbers(storage::Connection& tx, std::string_view day,
                                  int64_t count) const;
  // The number of sequence value `sequence` of `day`: "C" + day + 6 digits.
  static std::string number_of(std::string_view day, int64_t sequence);
  // Errors: customer.phone_taken / customer.email_taken (kConflict) on a blind index collision.
  Result<int64_t> insert(storage::Connection& tx, const StoredCustomer& row) const;
  // Writes every column of `row` iff the stored version is `row.version - 1` and the row is not
  // deleted; returns false when no row matched (stale version). Same conflicts as insert().
  Result<bool> update(storage::Connection& tx, const StoredCustomer& row) const;
  Result<std::optional<StoredCustomer>> find(storage::Connection& db, int64_t id) const;
  // The number of the other customer (not `except_id`) whose `column` ("phone_index" or
  // "email_index") equals `index`.
  Result<std::optional<std::string>> find_number_by_index(storage::Connection& db,
                                                          std::string_view column,
                                                          std::string_view index,
                                                          int64_t except_id) const;
  Result<void> mark_deleted(storage::Connection& tx, int64_t id, int64_t at_ms, int64_t by) const;
  Result<void> restore(storage::Connection& tx, int64_t id, int64_t at_ms, int64_t by) const;
  // Deletes the row, its tags and category memberships (history rows stay).
  Result<void> erase(storage::Connection& tx, int64_t id) const;

  Result<Page<StoredCustomer>> list(storage::Connection& db, const CustomerQuery& query) const;

  Result<std::vector<std::string>> tags(storage::Connection& db, int64_t id) const;
  Result<void> set_tags(storage::Connection& tx, int64_t id,
                        const std::vector<std::string>& tags) const;
  // Returns whether the tag was added / removed.
  Result<bool> add_tag(storage::Connection& tx, int64_t id, std::string_view tag) const;
  Result<bool> remove_tag(storage::Connection& tx, int64_t id, std::string_view tag) const;
  Result<std::vector<CategoryRef>> categories(storage::Connection& db, int64_t id) const;
  // The tags / categories of every customer in `ids` (a list page) in one query each, so a page
  // costs the same few queries whatever its size; customers without any are absent.
  Result<std::map<int64_t, std::vector<std::string>>> tags_of(
      storage::Connection& db, const std::vector<int64_t>& ids) const;
  Result<std::map<int64_t, std::vector<CategoryRef>>> categories_of(
      storage::Connection& db, const std::vector<int64_t>& ids) const;

  Result<void> add_history(storage::Connection& tx, int64_t customer_id,
                           const HistoryEntry& entry) const;
  Result<std::vector<HistoryEntry>> history(storage::Connection& db, int64_t customer_id) const;
};

}  // namespace crm::customers
