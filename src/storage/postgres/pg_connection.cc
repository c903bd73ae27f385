// SPDX-License-Identifier: Apache-2.0
#include "storage/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

#include "storage/placeholders.h"
#include "storage/storage_error.h"

namespace crm::storage::postgres {

namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26,
              kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

std::string first_line(const char* message) {
  std::string text = message != nullptr ? message : "";
  const size_t end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

// Frees a PGresult on every exit path.
struct ResultHolder {
  PGresult* result;
  ~ResultHolder() { PQclear(result); }
};

Error result_error(PGconn* conn, const PGresult* result, std::string_view sql) {
  if (PQstatus(conn) != CONNECTION_OK || result == nullptr) {
    return unavailable_error("The database is unavailable; try again.",
                             first_line(PQerrorMessage(conn)));
  }
  const char* state_field = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string state = state_field != nullptr ? state_field : "";
  const char* constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
  std::string detail = first_line(PQresultErrorMessage(result));
  if (constraint != nullptr) detail = "constraint " + std::string(constraint) + ": " + detail;
  if (state == "23505") return unique_violation_error(std::move(detail));
  if (state == "23503") return foreign_key_violation_error(std::move(detail));
  if (state == "23514") return check_violation_error(std::move(detail));
  // 08: connection exception, 53: insufficient resources, 57P: operator intervention,
  // 40001/40P01: serialization failure / deadlock (retryable).
  if (state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 || state.rfind("57P", 0) == 0 ||
      state == "40001" || state == "40P01") {
    return unavailable_error("The database is unavailable; try again.", std::move(detail));
  }
  if (!sql.empty()) detail += " [sql: " + std::string(sql.substr(0, 200)) + "]";
  return storage_error(std::move(detail));
}

Value read_value(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return nullptr;
  const char* text = PQgetvalue(result, row, column);
  const auto length = static_cast<size_t>(PQgetlength(result, row, column));
  switch (PQftype(result, column)) {
    case kInt2: case kInt4: case kInt8: case kOid: {
      int64_t n = 0;
      std::from_chars(text, text + length, n);
      return n;
    }
    case kFloat4: case kFloat8: case kNumeric: return std::strtod(text, nullptr);
    case kBool: return int64_t{text[0] == 't' ? 1 : 0};
    case kBytea: {
      size_t size = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
      Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
      PQfreemem(bytes);
      return blob;
    }
    default: return std::string(text, length);
  }
}

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& url,
                                                            int connect_timeout_s) {
  // Keywords before "dbname" are defaults the URL may override (libpq processes in order).
  const std::string timeout = std::to_string(connect_timeout_s < 1 ? 1 : connect_timeout_s);
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "shopcrm", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) return unavailable_error("cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string reason = first_line(PQerrorMessage(conn));
    return unavailable_error(
        "cannot connect to PostgreSQL at " + connection->location() + ": " + reason, reason);
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  CRM_TRY(connection->execute_script("SET client_min_messages=warning"));
  return connection;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::is_reusable() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

std::string PgConnection::location() const {
  const char* host = PQhost(conn_);
  const char* port = PQport(conn_);
  const char* db = PQdb(conn_);
  std::string out = host != nullptr && *host != '\0' ? host : "localhost";
  if (port != nullptr && *port != '\0') out += ":" + std::string(port);
  out += "/";
  out += db != nullptr ? db : "";
  return out;
}

Result<const PgConnection::Prepared*> PgConnection::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto found = statements_.find(key); found != statements_.end()) return &found->second;
  RewrittenSql rewritten = rewrite_placeholders(sql);
  Prepared prepared{"crm_" + std::to_string(statements_.size() + 1), rewritten.parameter_count};
  ResultHolder result{PQprepare(conn_, prepared.name.c_str(), rewritten.sql.c_str(),
                                rewritten.parameter_count, nullptr)};
  if (PQresultStatus(result.result) != PGRES_COMMAND_OK) {
    return result_error(conn_, result.result, sql);
  }
  return &statements_.emplace(std::move(key), std::move(prepared)).first->second;
}

namespace {

// Runs a prepared statement; returns the PGresult (owned by the caller) or the mapped error.
Result<PGresult*> run(PGconn* conn, const std::string& name, int parameter_count,
                      std::span<const Value> params, std::string_view sql) {
  if (parameter_count != static_cast<int>(params.size())) {
    return storage_error("statement expects " + std::to_string(parameter_count) +
                         " parameters, got " + std::to_string(params.size()) + ": " +
                         std::string(sql));
  }
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& value = params[i];
    if (const auto* n = std::get_if<int64_t>(&value)) {
      texts[i] = std::to_string(*n);
    } else if (const auto* d = std::get_if<double>(&value)) {
      char buffer[32];
      const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);
      texts[i] = ec == std::errc() ? std::string(buffer, end) : "NaN";
    } else if (const auto* s = std::get_if<std::string>(&value)) {
      texts[i] = *s;
    } else if (const auto* b = std::get_if<Blob>(&value)) {
      values[i] = b->bytes.data();
      lengths[i] = static_cast<int>(b->bytes.size());
      formats[i] = 1;  // binary bytea
      continue;
    } else {
      continue;  // NULL
    }
    values[i] = texts[i].c_str();
    lengths[i] = static_cast<int>(texts[i].size());
  }
  PGresult* result = PQexecPrepared(conn, name.c_str(), parameter_count, values.data(),
                                    lengths.data(), formats.data(), 0);
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error error = result_error(conn, result, sql);
    PQclear(result);
    return error;
  }
  return result;
}

}  // namespace

Result<std::vector<Row>> PgConnection::query_values(std::string_view sql,
                                                    std::span<const Value> params) {
  CRM_TRY_ASSIGN(const Prepared* prepared, prepare(sql));
  CRM_TRY_ASSIGN(PGresult * raw, run(conn_, prepared->name, prepared->parameter_count, params, sql));
  ResultHolder result{raw};
  const int row_count = PQntuples(raw);
  const int column_count = PQnfields(raw);
  std::vector<Row> rows;
  rows.reserve(static_cast<size_t>(row_count));
  for (int r = 0; r < row_count; ++r) {
    std::vector<Value> values;
    values.reserve(static_cast<size_t>(column_count));
    for (int c = 0; c < column_count; ++c) values.push_back(read_value(raw, r, c));
    rows.emplace_back(std::move(values));
  }
  return rows;
}

Result<int64_t> PgConnection::execute_values(std::string_view sql, std::span<const Value> params) {
  CRM_TRY_ASSIGN(const Prepared* prepared, prepare(sql));
  CRM_TRY_ASSIGN(PGresult * raw, run(conn_, prepared->name, prepared->parameter_count, params, sql));
  ResultHolder result{raw};
  const char* affected = PQcmdTuples(raw);
  return affected != nullptr && *affected != '\0' ? std::strtoll(affected, nullptr, 10) : 0;
}

Result<void> PgConnection::execute_script(std::string_view sql) {
  const std::string text(sql);
  ResultHolder result{PQexec(conn_, text.c_str())};
  const ExecStatusType status = PQresultStatus(result.result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    return result_error(conn_, result.result, {});
  }
  return {};
}

}  // namespace crm::storage::postgres
