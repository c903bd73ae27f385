// SPDX-License-Identifier: Apache-2.0
#include "storage/sqlite/sqlite_checkpointer.h"

#include <sqlite3.h>

#include "core/log.h"

namespace crm::storage::sqlite {

Result<std::unique_ptr<SqliteCheckpointer>> SqliteCheckpointer::open(const std::string& path,
                                                                     int busy_timeout_ms) {
  CRM_TRY_ASSIGN(auto connection,
                 SqliteConnection::open(path, OpenMode::kCheckpointer, busy_timeout_ms));
  return std::unique_ptr<SqliteCheckpointer>(new SqliteCheckpointer(std::move(connection)));
}

SqliteCheckpointer::SqliteCheckpointer(std::unique_ptr<SqliteConnection> connection)
    : connection_(std::move(connection)), thread_([this] { loop(); }) {}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SqliteCheckpointer::attach(SqliteConnection& writer) {
  // Replaces the hook that sqlite3_wal_autocheckpoint() installs: no checkpoint in the commit.
  sqlite3_wal_hook(writer.handle(), &SqliteCheckpointer::on_commit, this);
}

int SqliteCheckpointer::on_commit(void* self, sqlite3* /*db*/, const char* /*schema*/,
                                  int wal_pages) {
  if (wal_pages >= kWalPages) {
    auto* checkpointer = static_cast<SqliteCheckpointer*>(self);
    {
      std::lock_guard lock(checkpointer->mutex_);
      checkpointer->pending_ = true;
    }
    checkpointer->wake_.notify_one();
  }
  return SQLITE_OK;
}

int64_t SqliteCheckpointer::runs() const {
  std::lock_guard lock(mutex_);
  return runs_;
}

void SqliteCheckpointer::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stop_ || pending_; });
    if (stop_) return;
    pending_ = false;
    lock.unlock();
    int wal_pages = 0, copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr,
                                             SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      log::warn("storage.checkpoint_failed",
                {{"code", rc}, {"error", sqlite3_errmsg(connection_->handle())}});
    }
    lock.lock();
    ++runs_;
    wake_.notify_all();
  }
}

}  // namespace crm::storage::sqlite
