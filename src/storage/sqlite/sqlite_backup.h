// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "core/result.h"

struct sqlite3;

namespace crm::storage::sqlite {

// Copies the open database `source` into the NEW file `path` with the online backup API.
// backup.file_exists (kConflict) when `path` exists; backup.failed (kInternal) otherwise.
Result<void> copy_database(sqlite3* source, const std::string& path);

// Checks that `backup_file` is an intact shopcrm SQLite database (integrity_check, has
// schema_migrations: else backup.invalid) and copies it over `target_path` with the backup API.
// The server must not be running on `target_path`.
Result<void> restore_sqlite(const std::string& target_path, const std::string& backup_file);

}  // namespace crm::storage::sqlite
