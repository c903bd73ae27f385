// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/sqlite/sqlite_checkpointer.h"
#include "storage/sqlite/sqlite_connection.h"

namespace crm::storage::sqlite {

// SQLite in WAL mode: one writer connection guarded by a (recursive, timed) mutex, a pool of
// query_only reader connections and a checkpointer thread (sqlite_checkpointer.h). A ":memory:"
// database is a single connection used for all.
class SqliteDatabase final : public Database {
 public:
  // Creates the parent directory and the file when missing. storage.unavailable when it cannot.
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path,
                                                      const DatabaseOptions& options);

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<void> ping() override;
  PoolStats pool_stats() const override;
  std::string describe() const override { return "sqlite:" + path_; }
  Result<void> backup_to(const std::string& path) override;
  // Null for ":memory:".
  const SqliteCheckpointer* checkpointer() const { return checkpointer_.get(); }

 protected:
  Result<Connection*> acquire(Access access) override;
  void release(Connection* connection, Access access) noexcept override;
  std::string_view begin_sql() const override { return "BEGIN IMMEDIATE"; }

 private:
  SqliteDatabase(std::string path, const DatabaseOptions& options)
      : path_(std::move(path)), options_(options) {}
  bool is_memory() const { return readers_.empty(); }

  std::string path_;
  DatabaseOptions options_;
  // Before writer_: destroyed after it, so no commit of the writer wakes a finished checkpointer.
  std::unique_ptr<SqliteCheckpointer> checkpointer_;
  std::unique_ptr<SqliteConnection> writer_;
  std::recursive_timed_mutex writer_mutex_;
  std::atomic<int> writer_depth_{0};

  mutable std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::vector<SqliteConnection*> idle_readers_;
  int64_t waits_ = 0;
  int64_t timeouts_ = 0;
};

}  // namespace crm::storage::sqlite
