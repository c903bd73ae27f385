// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "storage/sqlite/sqlite_connection.h"

namespace crm::storage::sqlite {

// Moves the WAL back into the database file on a thread of its own, so that no commit pays for it.
//
// SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages: the
// request (or import) that commits waits until every page of the WAL is copied into the database
// file and synced (a 1M-customer import's commit: ~2.4 GB, 15 s). attach() replaces it on the
// writer connection with a WAL hook that only wakes this thread, which runs a PASSIVE checkpoint
// on its own connection: it never blocks the writer or the readers, and copies what no reader
// still needs (the rest on a later wake-up). Commits stay durable in the WAL meanwhile
// (synchronous=FULL). Thread-safe.
class SqliteCheckpointer {
 public:
  // Opens the checkpointing connection to `path` (a file database in WAL mode).
  static Result<std::unique_ptr<SqliteCheckpointer>> open(const std::string& path,
                                                          int busy_timeout_ms);
  ~SqliteCheckpointer();  // stops and joins the thread
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Turns off the automatic checkpoint of `writer` and wakes this thread after its commits
  // once the WAL holds kWalPages or more. `writer` must outlive this object or be closed first.
  void attach(SqliteConnection& writer);

  // Checkpoints run so far (successful or not), for tests and stats.
  int64_t runs() const;

  // SQLite's own threshold for its automatic checkpoint.
  static constexpr int kWalPages = 1000;

 private:
  explicit SqliteCheckpointer(std::unique_ptr<SqliteConnection> connection);
  static int on_commit(void* self, struct sqlite3* db, const char* schema, int wal_pages);
  void loop();

  std::unique_ptr<SqliteConnection> connection_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false, stop_ = false;
  int64_t runs_ = 0;
  std::thread thread_;  // last: started after everything it uses exists
};

}  // namespace crm::storage::sqlite
