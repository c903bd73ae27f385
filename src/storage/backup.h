// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "core/result.h"
#include "storage/database.h"

namespace crm::storage {

// Copies a running SQLite database into the NEW file `file` with SQLite's online backup API,
// from a read connection (writers are not blocked; the copy is one consistent snapshot).
// Errors: backup.file_exists (kConflict) if `file` exists; backup.failed (kInternal);
// backup.postgres_unsupported (kInvalidInput) on PostgreSQL: use pg_dump, or pg_basebackup +
// WAL archiving for point-in-time restore.
Result<void> backup_database(Database& database, const std::string& file);

// Replaces the SQLite database at `sqlite_db_path` with `backup_file`, after checking that the
// backup is an intact shopcrm database (integrity_check ok and has schema_migrations; else
// backup.invalid). The server must NOT be running on that database (stop it first); the copy
// uses the backup API, so a stale -wal file of the old database cannot leak into the new one.
// A postgres:// or postgresql:// path gives backup.postgres_unsupported.
Result<void> restore_database(const std::string& sqlite_db_path, const std::string& backup_file);

}  // namespace crm::storage
