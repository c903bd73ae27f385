// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/connection.h"

namespace crm::storage {

// Multi-row INSERTs for bulk writes (the customer and order imports): rows are buffered and written
// `rows_per_statement` at a time as one `INSERT … VALUES (…), (…), …`. The SQL of a full batch
// never changes, so the connection's statement cache prepares it once; only the last, shorter
// batch has a second text. Keep columns × rows_per_statement under 32766 (SQLite's parameter
// limit; PostgreSQL allows 65535).
//
// `head` is "INSERT INTO t (a, b) VALUES ", `tail` what follows the values (" RETURNING id",
// " ON CONFLICT DO NOTHING" or ""). Rows returned by RETURNING are collected in returned().
// Not thread-safe; valid only inside the transaction of `tx`.
class BatchInsert {
 public:
  BatchInsert(Connection& tx, std::string_view head, size_t columns, std::string_view tail,
              size_t rows_per_statement);

  // Adds one row of exactly `columns` values; writes a statement when the batch is full.
  template <typename... Args>
  Result<void> add(Args&&... args) {
    static_assert(sizeof...(Args) > 0);
    (values_.push_back(to_value(std::forward<Args>(args))), ...);
    return ++pending_ == rows_per_statement_ ? flush() : Result<void>{};
  }
  // Writes the buffered rows (none: nothing).
  Result<void> flush();

  // Rows returned so far; the caller may clear it.
  std::vector<Row>& returned() { return returned_; }
  // Rows written so far (affected rows as the database counts them).
  int64_t written() const { return written_; }

 private:
  std::string sql_for(size_t rows) const;

  Connection& tx_;
  std::string head_, tail_, full_sql_;
  size_t columns_, rows_per_statement_, pending_ = 0;
  bool returning_ = false;
  std::vector<Value> values_;
  std::vector<Row> returned_;
  int64_t written_ = 0;
};

}  // namespace crm::storage
