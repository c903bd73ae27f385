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

// Keeps a very large commit from paying for its own checkpoint.
//
// SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages: the
// request that commits waits while the WAL is copied into the database file and synced. For a
// normal commit that is a few pages, but a 1M-customer import's commit also copied its own 2.4 GB
// (17 s). attach() replaces the automatic checkpoint of the writer connection with a WAL hook
// that does the same PASSIVE checkpoint inline after ordinary commits, and hands it to a thread of
// its own (with its own connection; PASSIVE never blocks the writer or the readers) after a
// commit that added `big_commit_pages` or more to a WAL that held fewer before it. While that
// thread copies, commits do not checkpoint; the first one after it finishes copies the rest
// inline, so that the WAL can start over. (A thread alone is not enough: under back-to-back
// commits a concurrent checkpoint never finds the WAL fully copied, and the WAL never starts
// over; so a big commit on top of another one checkpoints inline.) Commits stay durable in the WAL
// meanwhile (synchronous=FULL). Thread-safe.
class SqliteCheckpointer {
 public:
  // SQLite's own threshold for its automatic checkpoint.
  static constexpr int kWalPages = 1000;
  // A commit of this many pages (64 MiB of 4 KiB pages) or more is checkpointed by the thread.
  static constexpr int kBigCommitPages = 16384;

  // When it runs; the defaults are the server's (tests use small ones).
  struct Limits {
    int wal_pages = kWalPages;
    int big_commit_pages = kBigCommitPages;
  };
  // Opens the checkpointing connection to `path` (a file database in WAL mode).
  static Result<std::unique_ptr<SqliteCheckpointer>> open(const std::string& path, Limits limits);
  static Result<std::unique_ptr<SqliteCheckpointer>> open(const std::string& path) {
    return open(path, Limits{});
  }
  ~SqliteCheckpointer();  // stops and joins the thread
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Takes over the automatic checkpoint of `writer` (one connection; its commits run the hook).
  // `writer` must be closed before this object is destroyed.
  void attach(SqliteConnection& writer);

  // Checkpoints run by the thread (big commits), and inline after ordinary commits; for tests.
  int64_t thread_runs() const;
  int64_t inline_runs() const;

 private:
  SqliteCheckpointer(std::unique_ptr<SqliteConnection> connection, Limits limits);
  static int on_commit(void* self, struct sqlite3* db, const char* schema, int wal_pages);
  void loop();

  std::unique_ptr<SqliteConnection> connection_;
  const Limits limits_;
  int last_wal_pages_ = 0;  // the writer's thread only (inside its commits)
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false, running_ = false, stop_ = false;
  int64_t thread_runs_ = 0, inline_runs_ = 0;
  std::thread thread_;  // last: started after everything it uses exists
};

}  // namespace crm::storage::sqlite
