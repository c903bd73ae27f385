// SPDX-License-Identifier: Apache-2.0
#include "storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <string>

#include "storage/storage_error.h"

namespace crm::storage::sqlite {

Error sqlite_error(int code, std::string_view message, std::string_view sql) {
  std::string detail = std::string(message);
  if (!sql.empty()) detail += " [sql: " + std::string(sql.substr(0, 200)) + "]";
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return unique_violation_error(std::move(detail));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return foreign_key_violation_error(std::move(detail));
    case SQLITE_CONSTRAINT_CHECK:
      return check_violation_error(std::move(detail));
    default:
      break;
  }
  const int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return unavailable_error("The database is busy; try again.", std::move(detail));
  }
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL) {
    return unavailable_error("The database file cannot be used: " + std::string(message),
                             std::move(detail));
  }
  return storage_error(std::move(detail));
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path,
                                                                 OpenMode mode,
                                                                 int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                    (path.rfind("file:", 0) == 0 ? SQLITE_OPEN_URI : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return unavailable_error("cannot open SQLite database " + path + ": " + reason);
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
  // The writer gets a large page cache (pages are only allocated as used): a big transaction such
  // as a customer import otherwise spills and rewrites its pages many times (bench/customers_import).
  // After a checkpoint has moved everything, the next commit starts the WAL over and cuts the file
  // back to 64 MiB (one big import would otherwise leave a WAL of gigabytes behind).
  if (mode == OpenMode::kWriter) {
    pragmas += " PRAGMA journal_mode=WAL; PRAGMA cache_size=-262144;"
               " PRAGMA journal_size_limit=67108864;";
  }
  if (mode == OpenMode::kReader) pragmas += " PRAGMA query_only=ON;";
  auto applied = connection->execute_script(pragmas);
  if (!applied) {
    return unavailable_error("cannot open SQLite database " + path + ": " + applied.error().detail);
  }
  return connection;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(db_);
}

Result<sqlite3_stmt*> SqliteConnection::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto found = statements_.find(key); found != statements_.end()) return found->second;
  sqlite3_stmt* statement = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(rc, sqlite3_errmsg(db_), sql);
  if (statement == nullptr) return storage_error("empty SQL statement");
  statements_.emplace(std::move(key), statement);
  return statement;
}

Result<void> SqliteConnection::bind(sqlite3_stmt* statement, std::span<const Value> params) {
  const int expected = sqlite3_bind_parameter_count(statement);
  if (expected != static_cast<int>(params.size())) {
    return storage_error("statement expects " + std::to_string(expected) + " parameters, got " +
                         std::to_string(params.size()) + ": " + sqlite3_sql(statement));
  }
  // SQLITE_STATIC: SQLite reads text and blobs in place instead of copying them. `params` outlive
  // the statement's use: run() steps it to the end and resets it and clears the bindings
  // (ResetOnExit) before it returns.
  for (size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const Value& value = params[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
      rc = sqlite3_bind_null(statement, index);
    } else if (const auto* n = std::get_if<int64_t>(&value)) {
      rc = sqlite3_bind_int64(statement, index, *n);
    } else if (const auto* d = std::get_if<double>(&value)) {
      rc = sqlite3_bind_double(statement, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&value)) {
      rc = sqlite3_bind_text64(statement, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if (const auto* b = std::get_if<Blob>(&value)) {
      rc = sqlite3_bind_blob64(statement, index, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return sqlite_error(rc, sqlite3_errmsg(db_));
  }
  return {};
}

namespace {

Value column_value(sqlite3_stmt* statement, int i) {
  switch (sqlite3_column_type(statement, i)) {
    case SQLITE_INTEGER: return sqlite3_column_int64(statement, i);
    case SQLITE_FLOAT: return sqlite3_column_double(statement, i);
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
      return std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement, i)));
    }
    case SQLITE_BLOB: {
      const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, i));
      const auto size = static_cast<size_t>(sqlite3_column_bytes(statement, i));
      return Blob{data == nullptr ? std::string() : std::string(data, size)};
    }
    default: return nullptr;
  }
}

// Resets a cached statement on every exit path so it never holds a read transaction open.
struct ResetOnExit {
  sqlite3_stmt* statement;
  ~ResetOnExit() {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }
};

}  // namespace

Result<void> SqliteConnection::run(std::string_view sql, std::span<const Value> params,
                                   std::vector<Row>* rows) {
  CRM_TRY_ASSIGN(sqlite3_stmt * statement, prepare(sql));
  ResetOnExit reset{statement};
  CRM_TRY(bind(statement, params));
  const int columns = sqlite3_column_count(statement);
  while (true) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) return {};
    if (rc != SQLITE_ROW) return sqlite_error(rc, sqlite3_errmsg(db_), sql);
    if (rows == nullptr) continue;
    std::vector<Value> values;
    values.reserve(static_cast<size_t>(columns));
    for (int i = 0; i < columns; ++i) values.push_back(column_value(statement, i));
    rows->emplace_back(std::move(values));
  }
}

Result<std::vector<Row>> SqliteConnection::query_values(std::string_view sql,
                                                        std::span<const Value> params) {
  std::vector<Row> rows;
  CRM_TRY(run(sql, params, &rows));
  return rows;
}

Result<int64_t> SqliteConnection::execute_values(std::string_view sql,
                                                 std::span<const Value> params) {
  CRM_TRY(run(sql, params, nullptr));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Result<void> SqliteConnection::execute_script(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string reason = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return sqlite_error(sqlite3_extended_errcode(db_), reason);
  }
  return {};
}

}  // namespace crm::storage::sqlite
