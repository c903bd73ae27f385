// SPDX-License-Identifier: Apache-2.0
#include "storage/sqlite/sqlite_backup.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>

namespace crm::storage::sqlite {

namespace {

Error backup_failed(std::string message, std::string detail = {}) {
  return Error{ErrorKind::kInternal, "backup.failed", std::move(message), {}, std::move(detail)};
}

Error backup_invalid(const std::string& file, std::string why) {
  return Error{ErrorKind::kInvalidInput, "backup.invalid",
               file + " is not a valid shopcrm SQLite backup: " + why};
}

// Closes a handle on every exit path.
struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

// Runs the backup API from `source` into `destination` until done.
Result<void> copy_pages(sqlite3* source, sqlite3* destination) {
  sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source, "main");
  if (backup == nullptr) return backup_failed("cannot start the backup", sqlite3_errmsg(destination));
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return backup_failed("the backup did not complete", sqlite3_errstr(rc));
  return {};
}

}  // namespace

Result<void> copy_database(sqlite3* source, const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Error{ErrorKind::kConflict, "backup.file_exists",
                 "The backup file " + path + " already exists; choose a new name."};
  }
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  Handle destination;
  if (sqlite3_open_v2(path.c_str(), &destination.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    return backup_failed("cannot create the backup file " + path, sqlite3_errmsg(destination.db));
  }
  auto copied = copy_pages(source, destination.db);
  if (!copied) std::filesystem::remove(path, ec);
  return copied;
}

Result<void> restore_sqlite(const std::string& target_path, const std::string& backup_file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(backup_file, ec)) {
    return backup_invalid(backup_file, "the file does not exist");
  }
  Handle source;
  if (sqlite3_open_v2(backup_file.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    return backup_invalid(backup_file, sqlite3_errmsg(source.db));
  }
  std::string integrity;
  std::string tables;
  auto collect = [](void* out, int, char** values, char**) {
    *static_cast<std::string*>(out) += values[0] != nullptr ? values[0] : "";
    return 0;
  };
  if (sqlite3_exec(source.db, "PRAGMA integrity_check", collect, &integrity, nullptr) !=
      SQLITE_OK) {
    return backup_invalid(backup_file, sqlite3_errmsg(source.db));
  }
  if (integrity != "ok") return backup_invalid(backup_file, "integrity_check: " + integrity);
  if (sqlite3_exec(source.db,
                   "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_migrations'",
                   collect, &tables, nullptr) != SQLITE_OK ||
      tables.empty()) {
    return backup_invalid(backup_file, "it has no schema_migrations table");
  }
  const std::filesystem::path parent = std::filesystem::path(target_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  Handle destination;
  if (sqlite3_open_v2(target_path.c_str(), &destination.db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    return backup_failed("cannot open " + target_path, sqlite3_errmsg(destination.db));
  }
  sqlite3_busy_timeout(destination.db, 5000);
  return copy_pages(source.db, destination.db);
}

}  // namespace crm::storage::sqlite
