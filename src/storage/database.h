// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <utility>

#include "core/result.h"
#include "storage/connection.h"

namespace crm::storage {

struct PoolStats {
  int total = 0;
  int in_use = 0;
  int64_t waits = 0;     // acquisitions that had to wait for a free connection
  int64_t timeouts = 0;  // acquisitions that gave up after acquire_timeout_ms
};

struct DatabaseOptions {
  int pool_size = 4;             // SQLite: reader connections; PostgreSQL: all connections
  int busy_timeout_ms = 5000;    // SQLite busy_timeout; PostgreSQL connect_timeout (rounded up to s)
  int acquire_timeout_ms = 5000; // waiting for a free connection -> storage.unavailable
};

// A database: SQLite (one writer + reader pool) or PostgreSQL (a pool). Thread-safe.
// Obtain one with storage/open_database.h.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;

  // Runs fn(Connection&) -> Result<T> in ONE transaction on a write connection (SQLite: the single
  // writer, BEGIN IMMEDIATE; PostgreSQL: a pooled connection, BEGIN). Commits iff fn returns a
  // value; rolls back when fn returns an Error and when it throws (the exception is rethrown).
  // A failed BEGIN/COMMIT is returned as an error. Do not nest transactions: on SQLite a nested
  // transaction() on the same thread fails, on another thread it waits for the writer.
  template <typename F>
  auto transaction(F&& fn) -> decltype(fn(std::declval<Connection&>()));

  // Runs fn(Connection&) on a read connection without a transaction (SQLite: a query_only reader;
  // ":memory:" databases use the writer; PostgreSQL: the pool).
  template <typename F>
  auto read(F&& fn) -> decltype(fn(std::declval<Connection&>()));

  // A cheap round trip; kUnavailable "storage.unavailable" when the database is down.
  virtual Result<void> ping() = 0;
  virtual PoolStats pool_stats() const = 0;
  // "sqlite:data/x.db" or "postgresql://host:port/db", never with a password.
  virtual std::string describe() const = 0;
  // Online copy into a NEW file `path` (see storage/backup.h for the contract).
  virtual Result<void> backup_to(const std::string& path) = 0;

 protected:
  enum class Access { kRead, kWrite };

  // A leased connection, returned to the database when destroyed. Move-only.
  class Lease {
   public:
    Lease(Database* owner, Connection* connection, Access access)
        : owner_(owner), connection_(connection), access_(access) {}
    Lease(Lease&& other) noexcept
        : owner_(std::exchange(other.owner_, nullptr)), connection_(other.connection_),
          access_(other.access_) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (owner_ != nullptr) owner_->release(connection_, access_);
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_; }

   private:
    Database* owner_;
    Connection* connection_;
    Access access_;
  };

  // Waits up to acquire_timeout_ms; storage.unavailable when none is free or connecting fails.
  virtual Result<Connection*> acquire(Access access) = 0;
  // Must not throw; a driver drops a broken connection here.
  virtual void release(Connection* connection, Access access) noexcept = 0;
  virtual std::string_view begin_sql() const = 0;

  Result<Lease> lease(Access access) {
    CRM_TRY_ASSIGN(Connection * connection, acquire(access));
    return Lease(this, connection, access);
  }
};

template <typename F>
auto Database::transaction(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
  CRM_TRY_ASSIGN(Lease connection, lease(Access::kWrite));
  CRM_TRY(connection->execute_script(begin_sql()));
  try {
    auto result = fn(*connection);
    if (!result) {
      (void)connection->execute_script("ROLLBACK");
      return result;
    }
    auto committed = connection->execute_script("COMMIT");
    if (!committed) {
      (void)connection->execute_script("ROLLBACK");
      return std::move(committed).error();
    }
    return result;
  } catch (...) {
    (void)connection->execute_script("ROLLBACK");
    throw;
  }
}

template <typename F>
auto Database::read(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
  CRM_TRY_ASSIGN(Lease connection, lease(Access::kRead));
  return fn(*connection);
}

}  // namespace crm::storage
