// SPDX-License-Identifier: Apache-2.0
#include "storage/sqlite/sqlite_database.h"

#include <chrono>
#include <filesystem>
#include <system_error>

#include "storage/sqlite/sqlite_backup.h"
#include "storage/storage_error.h"

namespace crm::storage::sqlite {

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path,
                                                             const DatabaseOptions& options) {
  const bool memory = path == ":memory:";
  if (!memory) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return unavailable_error("cannot create directory " + parent.string() + " for SQLite: " +
                               ec.message());
    }
  }
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(path, options));
  CRM_TRY_ASSIGN(database->writer_,
                 SqliteConnection::open(path, memory ? OpenMode::kMemory : OpenMode::kWriter,
                                        options.busy_timeout_ms));
  if (!memory) {
    CRM_TRY_ASSIGN(database->checkpointer_, SqliteCheckpointer::open(path));
    database->checkpointer_->attach(*database->writer_);
    const int readers = options.pool_size < 1 ? 1 : options.pool_size;
    for (int i = 0; i < readers; ++i) {
      CRM_TRY_ASSIGN(auto reader,
                     SqliteConnection::open(path, OpenMode::kReader, options.busy_timeout_ms));
      database->idle_readers_.push_back(reader.get());
      database->readers_.push_back(std::move(reader));
    }
  }
  return database;
}

Result<Connection*> SqliteDatabase::acquire(Access access) {
  const auto timeout = std::chrono::milliseconds(options_.acquire_timeout_ms);
  if (access == Access::kWrite || is_memory()) {
    if (!writer_mutex_.try_lock()) {
      {
        std::lock_guard lock(pool_mutex_);
        ++waits_;
      }
      if (!writer_mutex_.try_lock_for(timeout)) {
        std::lock_guard lock(pool_mutex_);
        ++timeouts_;
        return unavailable_error("The database is busy; try again.",
                                 "timed out waiting for the SQLite writer connection");
      }
    }
    ++writer_depth_;
    return writer_.get();
  }
  std::unique_lock lock(pool_mutex_);
  if (idle_readers_.empty()) {
    ++waits_;
    if (!pool_cv_.wait_for(lock, timeout, [&] { return !idle_readers_.empty(); })) {
      ++timeouts_;
      return unavailable_error("The database is busy; try again.",
                               "timed out waiting for an SQLite reader connection");
    }
  }
  SqliteConnection* reader = idle_readers_.back();
  idle_readers_.pop_back();
  return reader;
}

void SqliteDatabase::release(Connection* connection, Access access) noexcept {
  (void)access;
  if (connection == writer_.get()) {
    --writer_depth_;
    writer_mutex_.unlock();
    return;
  }
  {
    std::lock_guard lock(pool_mutex_);
    idle_readers_.push_back(static_cast<SqliteConnection*>(connection));
  }
  pool_cv_.notify_one();
}

Result<void> SqliteDatabase::ping() {
  return read([](Connection& connection) -> Result<void> {
    CRM_TRY(connection.query("SELECT 1"));
    return {};
  });
}

PoolStats SqliteDatabase::pool_stats() const {
  std::lock_guard lock(pool_mutex_);
  PoolStats stats;
  stats.total = static_cast<int>(readers_.size()) + 1;
  stats.in_use = static_cast<int>(readers_.size() - idle_readers_.size()) +
                 (writer_depth_.load() > 0 ? 1 : 0);
  stats.waits = waits_;
  stats.timeouts = timeouts_;
  return stats;
}

Result<void> SqliteDatabase::backup_to(const std::string& path) {
  CRM_TRY_ASSIGN(Lease connection, lease(Access::kRead));
  return copy_database(static_cast<SqliteConnection&>(*connection).handle(), path);
}

}  // namespace crm::storage::sqlite
