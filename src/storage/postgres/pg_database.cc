// SPDX-License-Identifier: Apache-2.0
#include "storage/postgres/pg_database.h"

#include <chrono>

#include "storage/storage_error.h"

namespace crm::storage::postgres {

PgDatabase::PgDatabase(std::string url, const DatabaseOptions& options)
    : url_(std::move(url)), options_(options),
      slots_(static_cast<size_t>(options.pool_size < 1 ? 1 : options.pool_size)) {}

Result<std::unique_ptr<PgDatabase>> PgDatabase::open(const std::string& url,
                                                     const DatabaseOptions& options) {
  std::unique_ptr<PgDatabase> database(new PgDatabase(url, options));
  CRM_TRY_ASSIGN(database->slots_[0].connection,
                 PgConnection::connect(url, database->connect_timeout_s()));
  database->location_ = database->slots_[0].connection->location();
  return database;
}

Result<Connection*> PgDatabase::acquire(Access) {
  std::unique_lock lock(mutex_);
  auto free_slot = [&]() -> Slot* {
    Slot* empty = nullptr;
    for (Slot& slot : slots_) {
      if (slot.in_use) continue;
      if (slot.connection) return &slot;  // prefer an open connection
      if (empty == nullptr) empty = &slot;
    }
    return empty;
  };
  Slot* slot = free_slot();
  if (slot == nullptr) {
    ++waits_;
    const auto timeout = std::chrono::milliseconds(options_.acquire_timeout_ms);
    if (!cv_.wait_for(lock, timeout, [&] { return (slot = free_slot()) != nullptr; })) {
      ++timeouts_;
      return unavailable_error("The database is busy; try again.",
                               "timed out waiting for a PostgreSQL connection");
    }
  }
  slot->in_use = true;
  if (slot->connection) return slot->connection.get();
  lock.unlock();  // connecting can take up to connect_timeout
  auto connected = PgConnection::connect(url_, connect_timeout_s());
  lock.lock();
  if (!connected) {
    slot->in_use = false;
    lock.unlock();
    cv_.notify_one();
    return std::move(connected).error();
  }
  slot->connection = std::move(connected).value();
  return slot->connection.get();
}

void PgDatabase::release(Connection* connection, Access) noexcept {
  {
    std::lock_guard lock(mutex_);
    for (Slot& slot : slots_) {
      if (slot.connection.get() != connection) continue;
      if (!slot.connection->is_reusable()) slot.connection.reset();
      slot.in_use = false;
      break;
    }
  }
  cv_.notify_one();
}

Result<void> PgDatabase::ping() {
  return read([](Connection& connection) -> Result<void> {
    CRM_TRY(connection.query("SELECT 1"));
    return {};
  });
}

PoolStats PgDatabase::pool_stats() const {
  std::lock_guard lock(mutex_);
  PoolStats stats;
  stats.total = static_cast<int>(slots_.size());
  for (const Slot& slot : slots_) stats.in_use += slot.in_use ? 1 : 0;
  stats.waits = waits_;
  stats.timeouts = timeouts_;
  return stats;
}

Result<void> PgDatabase::backup_to(const std::string&) {
  return invalid_input("backup.postgres_unsupported",
                       "Backups of a PostgreSQL database are taken with PostgreSQL's own tools: "
                       "pg_dump for a logical copy, or pg_basebackup plus WAL archiving for "
                       "point-in-time restore.");
}

}  // namespace crm::storage::postgres
