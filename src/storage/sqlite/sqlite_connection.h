// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "storage/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace crm::storage::sqlite {

// kCheckpointer: only moves the WAL into the database file (sqlite_checkpointer.h).
enum class OpenMode { kWriter, kReader, kMemory, kCheckpointer };

// One SQLite connection with a cache of persistent prepared statements keyed by SQL text.
// Not thread-safe: SqliteDatabase hands it to one thread at a time.
class SqliteConnection final : public Connection {
 public:
  // Opens `path` (a file, or ":memory:") and applies the pragmas: foreign_keys=ON,
  // synchronous=FULL, busy_timeout; the writer also sets journal_mode=WAL, a large page cache and
  // journal_size_limit, readers query_only.
  // storage.unavailable when the file cannot be opened.
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, OpenMode mode,
                                                        int busy_timeout_ms);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<std::vector<Row>> query_values(std::string_view sql,
                                        std::span<const Value> params) override;
  Result<int64_t> execute_values(std::string_view sql, std::span<const Value> params) override;
  Result<void> execute_script(std::string_view sql) override;

  sqlite3* handle() const { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> prepare(std::string_view sql);
  Result<void> bind(sqlite3_stmt* statement, std::span<const Value> params);
  // Steps to completion; collects rows when `rows` is not null.
  Result<void> run(std::string_view sql, std::span<const Value> params, std::vector<Row>* rows);

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// Maps an SQLite result code (extended) and message to the storage error codes.
Error sqlite_error(int code, std::string_view message, std::string_view sql = {});

}  // namespace crm::storage::sqlite
