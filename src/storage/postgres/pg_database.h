// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/postgres/pg_connection.h"

namespace crm::storage::postgres {

// A fixed-size pool of PgConnections. Connections are opened lazily (the first one by open());
// a broken connection is dropped when returned and reopened on a later acquire, so the server
// recovers by itself when PostgreSQL comes back.
class PgDatabase final : public Database {
 public:
  // Connects once to check the URL. storage.unavailable with a one-line reason when it cannot.
  static Result<std::unique_ptr<PgDatabase>> open(const std::string& url,
                                                  const DatabaseOptions& options);

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<void> ping() override;
  PoolStats pool_stats() const override;
  std::string describe() const override { return "postgresql://" + location_; }
  // backup.postgres_unsupported: use pg_dump or pg_basebackup + WAL archiving.
  Result<void> backup_to(const std::string& path) override;

 protected:
  Result<Connection*> acquire(Access access) override;
  void release(Connection* connection, Access access) noexcept override;
  std::string_view begin_sql() const override { return "BEGIN"; }

 private:
  struct Slot {
    std::unique_ptr<PgConnection> connection;
    bool in_use = false;
  };
  PgDatabase(std::string url, const DatabaseOptions& options);
  int connect_timeout_s() const { return (options_.busy_timeout_ms + 999) / 1000; }

  std::string url_;
  std::string location_;
  DatabaseOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Slot> slots_;
  int64_t waits_ = 0;
  int64_t timeouts_ = 0;
};

}  // namespace crm::storage::postgres
