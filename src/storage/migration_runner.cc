// SPDX-License-Identifier: Apache-2.0
#include "storage/migration_runner.h"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "core/crypto.h"
#include "core/log.h"

namespace crm::storage {

namespace {

// Serialises migrations across nodes on PostgreSQL (an arbitrary constant: "crm" + 1).
constexpr int64_t kAdvisoryLockKey = 0x63726d01;

std::string file_label(const MigrationFile& file) {
  return fmt::format("{}/{:04}_{}", file.module, file.version, file.name);
}

Error invalid(std::string message) {
  return Error{ErrorKind::kInternal, "migration.invalid", std::move(message)};
}

Result<void> lock_if_postgres(Connection& tx) {
  if (tx.dialect() != Dialect::kPostgres) return {};
  CRM_TRY(tx.query("SELECT pg_advisory_xact_lock(?)", kAdvisoryLockKey));
  return {};
}

std::string_view sql_for(const MigrationFile& file, Dialect dialect) {
  return dialect == Dialect::kPostgres && !file.postgres_sql.empty() ? file.postgres_sql
                                                                     : file.sql;
}

// The module's files in version order; migration.invalid unless versions are exactly 1..n.
Result<std::vector<const MigrationFile*>> ordered_files(const ModuleMigrations& module) {
  std::vector<const MigrationFile*> files;
  for (const MigrationFile& file : module.files) files.push_back(&file);
  std::sort(files.begin(), files.end(),
            [](const auto* a, const auto* b) { return a->version < b->version; });
  for (size_t i = 0; i < files.size(); ++i) {
    const int expected = static_cast<int>(i) + 1;
    if (files[i]->version == expected) continue;
    if (i > 0 && files[i]->version == files[i - 1]->version) {
      return invalid(fmt::format("migration {} has a duplicate version {}", module.module,
                                 files[i]->version));
    }
    return invalid(fmt::format("migrations of {} must be numbered 1, 2, 3 …; expected {:04} but "
                               "found {}",
                               module.module, expected, file_label(*files[i])));
  }
  return files;
}

Error checksum_mismatch(const MigrationFile& file) {
  return conflict("migration.checksum_mismatch",
                  fmt::format("migration {} was changed after it was applied; migrations are "
                              "forward-only — add a new migration instead",
                              file_label(file)));
}

}  // namespace

Result<void> MigrationRunner::ensure_table() {
  return database_.transaction([](Connection& tx) -> Result<void> {
    CRM_TRY(lock_if_postgres(tx));
    return tx.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
        " checksum TEXT NOT NULL, applied_at_ms BIGINT NOT NULL,"
        " PRIMARY KEY (module, version))");
  });
}

Result<std::vector<AppliedMigration>> MigrationRunner::applied() {
  CRM_TRY(ensure_table());
  return database_.read([](Connection& connection) -> Result<std::vector<AppliedMigration>> {
    CRM_TRY_ASSIGN(auto rows, connection.query(
                                  "SELECT module, version, name, checksum, applied_at_ms "
                                  "FROM schema_migrations ORDER BY module, version"));
    std::vector<AppliedMigration> out;
    for (const Row& row : rows) {
      out.push_back({row.get_string(0), static_cast<int>(row.get_int(1)), row.get_string(2),
                     row.get_string(3), row.get_int(4)});
    }
    return out;
  });
}

Result<MigrationReport> MigrationRunner::apply(std::span<const ModuleMigrations> modules) {
  const Dialect dialect = database_.dialect();
  std::vector<std::vector<const MigrationFile*>> plan;
  for (const ModuleMigrations& module : modules) {
    CRM_TRY_ASSIGN(auto files, ordered_files(module));
    plan.push_back(std::move(files));
  }
  CRM_TRY_ASSIGN(std::vector<AppliedMigration> existing, applied());
  std::map<std::pair<std::string, int>, std::string> checksums;
  for (const AppliedMigration& row : existing) checksums[{row.module, row.version}] = row.checksum;

  // Refuse before changing anything when an applied file was edited.
  for (const auto& files : plan) {
    for (const MigrationFile* file : files) {
      auto found = checksums.find({std::string(file->module), file->version});
      if (found != checksums.end() && found->second != sha256_hex(sql_for(*file, dialect))) {
        return checksum_mismatch(*file);
      }
    }
  }

  MigrationReport report;
  for (const auto& files : plan) {
    for (const MigrationFile* file : files) {
      if (checksums.contains({std::string(file->module), file->version})) {
        ++report.already_applied;
        continue;
      }
      const std::string_view sql = sql_for(*file, dialect);
      AppliedMigration row{std::string(file->module), file->version, std::string(file->name),
                           sha256_hex(sql), clock_.now_ms()};
      CRM_TRY_ASSIGN(bool newly_applied,
                     database_.transaction([&](Connection& tx) -> Result<bool> {
        CRM_TRY(lock_if_postgres(tx));
        // Another node may have applied it while we waited for the lock.
        CRM_TRY_ASSIGN(auto other, tx.query_optional(
            "SELECT checksum FROM schema_migrations WHERE module = ? AND version = ?",
            row.module, row.version));
        if (other) {
          if (other->get_string(0) != row.checksum) return checksum_mismatch(*file);
          return false;
        }
        auto executed = tx.execute_script(sql);
        if (!executed) {
          Error error = std::move(executed).error();
          return Error{ErrorKind::kInternal, "migration.failed",
                       fmt::format("migration {} failed: {}", file_label(*file), error.detail),
                       {}, error.detail};
        }
        CRM_TRY(tx.execute(
            "INSERT INTO schema_migrations (module, version, name, checksum, applied_at_ms) "
            "VALUES (?, ?, ?, ?, ?)",
            row.module, row.version, row.name, row.checksum, row.applied_at_ms));
        return true;
      }));
      if (!newly_applied) {
        ++report.already_applied;
        continue;
      }
      log::info("migration.applied", {{"migration", file_label(*file)}});
      report.applied.push_back(std::move(row));
    }
  }
  return report;
}

}  // namespace crm::storage
