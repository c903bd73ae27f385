// SPDX-License-Identifier: Apache-2.0
#include "demo/bulk_insert.h"

#include "core/result.h"

namespace crm::demo {

BulkInsert::BulkInsert(storage::Connection& tx, std::string head, size_t columns,
                       size_t rows_per_statement)
    : tx_(tx), head_(std::move(head)), columns_(columns), rows_per_statement_(rows_per_statement) {
  full_sql_ = sql_for(rows_per_statement_);
  values_.reserve(columns_ * rows_per_statement_);
}

std::string BulkInsert::sql_for(size_t rows) const {
  std::string row = "(";
  for (size_t c = 0; c < columns_; ++c) row += c == 0 ? "?" : ", ?";
  row += ")";
  std::string sql = head_ + " VALUES ";
  sql.reserve(sql.size() + rows * (row.size() + 2));
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += row;
  }
  return sql;
}

Result<void> BulkInsert::flush() {
  if (values_.empty()) return {};
  for (BulkInsert* parent : parents_) CRM_TRY(parent->flush());
  CRM_CHECK(values_.size() % columns_ == 0);
  const size_t rows = values_.size() / columns_;
  const std::string sql = rows == rows_per_statement_ ? full_sql_ : sql_for(rows);
  CRM_TRY(tx_.execute_values(sql, values_));
  rows_ += static_cast<int64_t>(rows);
  values_.clear();
  return {};
}

}  // namespace crm::demo
