// SPDX-License-Identifier: Apache-2.0
#include "storage/sqlite/sqlite_checkpointer.h"

#include <sqlite3.h>

#include "core/log.h"

namespace crm::storage::sqlite {

namespace {

void checkpoint(sqlite3* db, std::string_view where) {
  int wal_pages = 0, copied = 0;
  const int rc =
      sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied);
  // BUSY: another checkpoint holds the lock; the next commit tries again.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    log::warn("storage.checkpoint_failed",
              {{"where", where}, {"code", rc}, {"error", sqlite3_errmsg(db)}});
  }
}

}  // namespace

Result<std::unique_ptr<SqliteCheckpointer>> SqliteCheckpointer::open(const std::string& path,
                                                                     Limits limits) {
  CRM_TRY_ASSIGN(auto connection, SqliteConnection::open(path, OpenMode::kCheckpointer, 1000));
  return std::unique_ptr<SqliteCheckpointer>(
      new SqliteCheckpointer(std::move(connection), limits));
}

SqliteCheckpointer::SqliteCheckpointer(std::unique_ptr<SqliteConnection> connection,
                                       Limits limits)
    : connection_(std::move(connection)), limits_(limits), thread_([this] { loop(); }) {}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SqliteCheckpointer::attach(SqliteConnection& writer) {
  // Replaces the hook that sqlite3_wal_autocheckpoint() installs.
  sqlite3_wal_hook(writer.handle(), &SqliteCheckpointer::on_commit, this);
}

int SqliteCheckpointer::on_commit(void* self, sqlite3* db, const char* /*schema*/,
                                  int wal_pages) {
  auto* checkpointer = static_cast<SqliteCheckpointer*>(self);
  // The WAL started over when it is shorter than after the previous commit.
  const int added = wal_pages >= checkpointer->last_wal_pages_
                        ? wal_pages - checkpointer->last_wal_pages_
                        : wal_pages;
  checkpointer->last_wal_pages_ = wal_pages;
  if (wal_pages < checkpointer->limits_.wal_pages) return SQLITE_OK;
  {
    std::lock_guard lock(checkpointer->mutex_);
    if (checkpointer->pending_ || checkpointer->running_) return SQLITE_OK;  // it copies
    // The thread takes a big commit only when it is most of the WAL: after back-to-back big
    // commits the next one checkpoints inline, so the WAL can start over.
    const int big = checkpointer->limits_.big_commit_pages;
    if (added >= big && wal_pages - added < big) {
      checkpointer->pending_ = true;
      checkpointer->wake_.notify_one();
      return SQLITE_OK;
    }
    ++checkpointer->inline_runs_;
  }
  checkpoint(db, "commit");  // what SQLite's automatic checkpoint does
  return SQLITE_OK;
}

int64_t SqliteCheckpointer::thread_runs() const {
  std::lock_guard lock(mutex_);
  return thread_runs_;
}

int64_t SqliteCheckpointer::inline_runs() const {
  std::lock_guard lock(mutex_);
  return inline_runs_;
}

void SqliteCheckpointer::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stop_ || pending_; });
    if (stop_) return;
    pending_ = false;
    running_ = true;
    lock.unlock();
    checkpoint(connection_->handle(), "thread");
    lock.lock();
    running_ = false;
    ++thread_runs_;
  }
}

}  // namespace crm::storage::sqlite
