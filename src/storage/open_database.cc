// SPDX-License-Identifier: Apache-2.0
#include "storage/open_database.h"

#include <string>

#include "storage/postgres/pg_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace crm::storage {

Result<std::unique_ptr<Database>> open_database(std::string_view url,
                                                const DatabaseOptions& options) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    CRM_TRY_ASSIGN(auto database, postgres::PgDatabase::open(std::string(url), options));
    return std::unique_ptr<Database>(std::move(database));
  }
  if (url.starts_with("sqlite:") && url.size() > 7) {
    CRM_TRY_ASSIGN(auto database, sqlite::SqliteDatabase::open(std::string(url.substr(7)), options));
    return std::unique_ptr<Database>(std::move(database));
  }
  return invalid_input("storage.invalid_url",
                       "The database URL must start with sqlite: or postgresql:// (got \"" +
                           std::string(url.substr(0, 40)) + "\").");
}

}  // namespace crm::storage
