// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/connection.h"

namespace crm::customers {

// The secondary indexes of the tables a bulk import fills, dropped inside the import's write
// transaction and created again from their stored SQL (sqlite_master) by restore() before it
// commits: building an index from a sorted scan of 1M rows is several times cheaper than 1M
// random inserts into it. Only indexes with stored SQL go (CREATE INDEX); the primary keys and the
// UNIQUE constraints of CREATE TABLE (customers.number) stay and keep checking every row.
//
// Safe with other connections: SQLite has one writer, and readers keep the schema of their WAL
// snapshot until this transaction commits (their prepared statements are re-prepared on the new
// schema automatically, sqlite3_prepare_v3). A rollback or a killed process brings every index
// back. While they are suspended nothing may look rows up by them (the import does its lookups
// before): a query would scan the table. The caller MUST call restore() on its success path (or
// roll back). PostgreSQL: both calls do nothing.
class SuspendedIndexes {
 public:
  // Drops the indexes of `tables` (SQLite). Errors: storage errors.
  static Result<SuspendedIndexes> suspend(storage::Connection& tx,
                                          std::span<const std::string_view> tables);
  // Creates them again in their original order, with `sorter_threads` helper threads for the
  // sorts (PRAGMA threads, set back afterwards). Errors: a UNIQUE index that the written rows
  // violate fails with the storage unique violation (storage_error.h; its detail names the
  // column, e.g. "customers.phone_index"); storage errors.
  Result<void> restore(storage::Connection& tx, int sorter_threads = 0);

  bool active() const { return !indexes_.empty(); }
  size_t size() const { return indexes_.size(); }

 private:
  struct Index {
    std::string name, sql;
  };
  std::vector<Index> indexes_;
};

}  // namespace crm::customers
