// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_indexes.h"

#include <fmt/format.h>

namespace crm::customers {

Result<SuspendedIndexes> SuspendedIndexes::suspend(storage::Connection& tx,
                                                   std::span<const std::string_view> tables) {
  SuspendedIndexes suspended;
  if (tx.dialect() != storage::Dialect::kSqlite) return suspended;
  for (const std::string_view table : tables) {
    CRM_TRY_ASSIGN(auto rows, tx.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                       "AND sql IS NOT NULL AND tbl_name = ? ORDER BY rowid",
                                       std::string(table)));
    for (const auto& row : rows) {
      suspended.indexes_.push_back(Index{row.get_string(0), row.get_string(1)});
    }
  }
  for (const Index& index : suspended.indexes_) {
    CRM_TRY(tx.execute_script(fmt::format("DROP INDEX \"{}\"", index.name)));
  }
  return suspended;
}

Result<void> SuspendedIndexes::restore(storage::Connection& tx, int sorter_threads) {
  if (indexes_.empty()) return {};
  CRM_TRY_ASSIGN(const auto threads, tx.query_one("PRAGMA threads"));
  const int64_t previous = threads.get_int(0);
  if (sorter_threads != previous) {
    CRM_TRY(tx.execute_script(fmt::format("PRAGMA threads = {}", sorter_threads)));
  }
  Result<void> created;
  for (const Index& index : indexes_) {
    created = tx.execute_script(index.sql);
    if (!created) break;
  }
  if (sorter_threads != previous) {
    CRM_TRY(tx.execute_script(fmt::format("PRAGMA threads = {}", previous)));
  }
  if (!created) return created;
  indexes_.clear();
  return {};
}

}  // namespace crm::customers
