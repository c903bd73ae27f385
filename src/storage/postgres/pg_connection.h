// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "storage/connection.h"

struct pg_conn;

namespace crm::storage::postgres {

// One libpq connection with a cache of PQprepare'd statements keyed by SQL text (after `?` ->
// $n rewriting). Parameters go as text (Blob as binary bytea); results are read as text and
// mapped by column type: int2/4/8/oid -> int64, float4/8/numeric -> double, bool -> 0/1,
// bytea -> Blob, anything else -> string. Not thread-safe.
class PgConnection final : public Connection {
 public:
  // storage.unavailable "cannot connect to PostgreSQL at host/db: <reason>" on failure.
  static Result<std::unique_ptr<PgConnection>> connect(const std::string& url,
                                                       int connect_timeout_s);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<std::vector<Row>> query_values(std::string_view sql,
                                        std::span<const Value> params) override;
  Result<int64_t> execute_values(std::string_view sql, std::span<const Value> params) override;
  Result<void> execute_script(std::string_view sql) override;

  // False once the connection is lost or left inside a transaction; the pool then drops it.
  bool is_reusable() const;
  // "host:port/db" of this connection (no user or password).
  std::string location() const;

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  struct Prepared {
    std::string name;
    int parameter_count = 0;
  };
  Result<const Prepared*> prepare(std::string_view sql);

  pg_conn* conn_;
  std::unordered_map<std::string, Prepared> statements_;
};

}  // namespace crm::storage::postgres
