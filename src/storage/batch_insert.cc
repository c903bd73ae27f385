// SPDX-License-Identifier: Apache-2.0
#include "storage/batch_insert.h"

#include <algorithm>

namespace crm::storage {

BatchInsert::BatchInsert(Connection& tx, std::string_view head, size_t columns,
                         std::string_view tail, size_t rows_per_statement)
    : tx_(tx), head_(head), tail_(tail), columns_(columns),
      rows_per_statement_(std::max<size_t>(1, rows_per_statement)),
      returning_(tail.find("RETURNING") != std::string_view::npos) {
  full_sql_ = sql_for(rows_per_statement_);
  values_.reserve(columns_ * rows_per_statement_);
}

std::string BatchInsert::sql_for(size_t rows) const {
  std::string group = "(";
  for (size_t c = 0; c < columns_; ++c) group += c == 0 ? "?" : ", ?";
  group += ")";
  std::string sql = head_;
  sql.reserve(head_.size() + rows * (group.size() + 2) + tail_.size());
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += group;
  }
  sql += tail_;
  return sql;
}

Result<void> BatchInsert::flush() {
  if (pending_ == 0) return {};
  const std::string partial = pending_ == rows_per_statement_ ? std::string() : sql_for(pending_);
  const std::string& sql = partial.empty() ? full_sql_ : partial;
  if (returning_) {
    CRM_TRY_ASSIGN(auto rows, tx_.query_values(sql, values_));
    written_ += static_cast<int64_t>(rows.size());
    for (auto& row : rows) returned_.push_back(std::move(row));
  } else {
    CRM_TRY_ASSIGN(const int64_t changed, tx_.execute_values(sql, values_));
    written_ += changed;
  }
  values_.clear();
  pending_ = 0;
  return {};
}

}  // namespace crm::storage
