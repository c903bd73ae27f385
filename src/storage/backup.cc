// SPDX-License-Identifier: Apache-2.0
#include "storage/backup.h"

#include "storage/sqlite/sqlite_backup.h"

namespace crm::storage {

Result<void> backup_database(Database& database, const std::string& file) {
  return database.backup_to(file);
}

Result<void> restore_database(const std::string& sqlite_db_path, const std::string& backup_file) {
  std::string path = sqlite_db_path;
  if (path.rfind("postgres://", 0) == 0 || path.rfind("postgresql://", 0) == 0) {
    return invalid_input("backup.postgres_unsupported",
                         "Restore a PostgreSQL database with pg_restore (from pg_dump) or from a "
                         "pg_basebackup plus archived WAL for point-in-time restore.");
  }
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  return sqlite::restore_sqlite(path, backup_file);
}

}  // namespace crm::storage
