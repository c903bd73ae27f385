// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "storage/database.h"
#include "storage/migration.h"

namespace crm::storage {

struct AppliedMigration {
  std::string module;
  int version = 0;
  std::string name;
  std::string checksum;  // sha256_hex of the SQL used for this dialect
  int64_t applied_at_ms = 0;
};

struct MigrationReport {
  std::vector<AppliedMigration> applied;  // applied by this run, in order
  int already_applied = 0;
};

// Applies embedded migrations, forward only, recording them in schema_migrations
// (module, version, name, checksum, applied_at_ms). Modules in the given order, files in version
// order, one transaction per file (its SQL and its schema_migrations row together). On
// PostgreSQL each transaction takes pg_advisory_xact_lock so nodes starting together serialise.
// Errors:
//   migration.invalid (kInternal): versions of a module are not 1..n without gaps/duplicates
//   migration.checksum_mismatch (kConflict): an applied file was changed; nothing is applied
//   migration.failed (kInternal): a file's SQL failed; nothing of that file is applied
class MigrationRunner {
 public:
  MigrationRunner(Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Result<MigrationReport> apply(std::span<const ModuleMigrations> modules);
  // Everything recorded in schema_migrations, by module then version.
  Result<std::vector<AppliedMigration>> applied();

 private:
  Result<void> ensure_table();
  Database& database_;
  const Clock& clock_;
};

}  // namespace crm::storage
