// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/value.h"

namespace crm::storage {

// One database session. Obtained only inside Database::transaction / Database::read and valid only
// for that call; used by one thread at a time (not thread-safe).
//
// SQL is written with `?` placeholders for both dialects; the PostgreSQL driver rewrites them to
// $1..$n (never inside '...' literals, "..." identifiers or comments). Prepared statements are
// cached per connection keyed by the SQL text, so pass constant SQL and vary only the parameters.
// Only the first statement of `sql` is run by query/execute; use execute_script for several.
//
// Errors (see storage/storage_error.h): storage.unique_violation, storage.foreign_key_violation
// (kConflict), storage.check_violation (kInvalidInput), storage.unavailable (kUnavailable),
// storage.error (kInternal, the SQL error in `detail` only).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  virtual Result<std::vector<Row>> query_values(std::string_view sql,
                                                std::span<const Value> params) = 0;
  // Returns the number of rows affected.
  virtual Result<int64_t> execute_values(std::string_view sql, std::span<const Value> params) = 0;
  // Several `;`-separated statements without parameters (migrations, BEGIN/COMMIT).
  virtual Result<void> execute_script(std::string_view sql) = 0;

  // The variadic helpers turn each argument into a Value with to_value() (see value.h).
  template <typename... Args>
  Result<std::vector<Row>> query(std::string_view sql, Args&&... args) {
    const std::array<Value, sizeof...(Args)> params{to_value(std::forward<Args>(args))...};
    return query_values(sql, params);
  }

  // The first row, or nullopt when there is none.
  template <typename... Args>
  Result<std::optional<Row>> query_optional(std::string_view sql, Args&&... args) {
    CRM_TRY_ASSIGN(std::vector<Row> rows, query(sql, std::forward<Args>(args)...));
    if (rows.empty()) return std::optional<Row>();
    return std::optional<Row>(std::move(rows.front()));
  }

  // The first row; none is kNotFound "storage.no_row".
  template <typename... Args>
  Result<Row> query_one(std::string_view sql, Args&&... args) {
    CRM_TRY_ASSIGN(std::vector<Row> rows, query(sql, std::forward<Args>(args)...));
    if (rows.empty()) return not_found("storage.no_row", "The record was not found.");
    return std::move(rows.front());
  }

  template <typename... Args>
  Result<int64_t> execute(std::string_view sql, Args&&... args) {
    const std::array<Value, sizeof...(Args)> params{to_value(std::forward<Args>(args))...};
    return execute_values(sql, params);
  }
};

}  // namespace crm::storage
