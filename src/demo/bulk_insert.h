// SPDX-License-Identifier: Apache-2.0
// Multi-row INSERT … VALUES (…), (…): rows are buffered and written `rows_per_statement` at a
// time with one prepared statement (the full-size SQL text is constant, so the connection's
// statement cache reuses it); the last, shorter batch is written by flush().
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/connection.h"

namespace crm::demo {

class BulkInsert {
 public:
  // `head` is "INSERT INTO t (a, b, c)"; every row has `columns` values.
  BulkInsert(storage::Connection& tx, std::string head, size_t columns,
             size_t rows_per_statement = 200);

  template <typename... Args>
  Result<void> add(Args&&... values) {
    static_assert(sizeof...(Args) > 0);
    (values_.push_back(storage::to_value(std::forward<Args>(values))), ...);
    if (values_.size() >= columns_ * rows_per_statement_) return flush();
    return {};
  }
  // Writes the buffered rows, after the buffered rows of every parent (foreign keys).
  Result<void> flush();
  int64_t rows() const { return rows_; }
  // Rows of this table refer to rows of `parent`: its buffer is written first.
  void add_parent(BulkInsert& parent) { parents_.push_back(&parent); }

 private:
  std::string sql_for(size_t rows) const;

  storage::Connection& tx_;
  std::string head_;
  size_t columns_, rows_per_statement_;
  std::string full_sql_;
  std::vector<storage::Value> values_;
  std::vector<BulkInsert*> parents_;
  int64_t rows_ = 0;
};

}  // namespace crm::demo
