// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_repository.h"

#include <string>

#include "core/log.h"

namespace crm::audit {

namespace {

constexpr std::string_view kColumns =
    "id, at_ms, actor_id, actor_name, action, target_type, target_id, changes, ip, request_id";

// LIKE pattern for a prefix, with the wildcards of the prefix itself escaped ('\' is the escape
// character on both dialects; PostgreSQL has standard_conforming_strings on).
std::string like_prefix(std::string_view prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

// " WHERE a = ? AND b = ?" and its parameters; the SQL text depends only on which filters are set,
// so the per-connection statement cache stays small.
std::string where_clause(const AuditFilter& filter, std::optional<int64_t> after,
                         std::vector<storage::Value>& params) {
  std::string sql;
  auto add = [&](std::string_view condition, storage::Value value) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
    params.push_back(std::move(value));
  };
  if (filter.actor_id) add("actor_id = ?", *filter.actor_id);
  if (filter.action) add("action LIKE ? ESCAPE '\\'", like_prefix(*filter.action));
  if (filter.target_type) add("target_type = ?", *filter.target_type);
  if (filter.target_id) add("target_id = ?", *filter.target_id);
  if (filter.from_ms) add("at_ms >= ?", *filter.from_ms);
  if (filter.to_ms) add("at_ms < ?", *filter.to_ms);
  if (after) add("id < ?", *after);
  return sql;
}

AuditRecord record_from(const storage::Row& row) {
  AuditRecord record;
  record.id = row.get_int(0);
  record.at_ms = row.get_int(1);
  AuditEntry& e = record.entry;
  e.actor_id = row.get_optional_int(2);
  e.actor_name = row.get_string(3);
  e.action = row.get_string(4);
  e.target_type = row.get_string(5);
  e.target_id = row.get_string(6);
  auto changes = parse_json(row.get_string(7));
  if (changes) {
    e.changes = std::move(changes).value();
  } else {
    // Written by this module only, so this is a bug; show the row rather than fail the search.
    log::warn("audit.unreadable_changes", Json{{"id", record.id}});
    e.changes = Json::object();
  }
  e.ip = row.get_string(8);
  e.request_id = row.get_string(9);
  return record;
}

}  // namespace

Result<int64_t> AuditRepository::insert(storage::Connection& db, const AuditEntry& entry,
                                        int64_t at_ms) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 db.query_one("INSERT INTO audit_log (at_ms, actor_id, actor_name, action, "
                              "target_type, target_id, changes, ip, request_id) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              at_ms, entry.actor_id, entry.actor_name, entry.action,
                              entry.target_type, entry.target_id, dump_json(entry.changes),
                              entry.ip, entry.request_id));
  return row.get_int(0);
}

Result<std::vector<AuditRecord>> AuditRepository::find(storage::Connection& db,
                                                       const AuditFilter& filter,
                                                       std::optional<int64_t> after,
                                                       int limit) const {
  std::vector<storage::Value> params;
  std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log" +
                    where_clause(filter, after, params) + " ORDER BY id DESC LIMIT ?";
  params.push_back(int64_t{limit});
  CRM_TRY_ASSIGN(std::vector<storage::Row> rows, db.query_values(sql, params));
  std::vector<AuditRecord> records;
  records.reserve(rows.size());
  for (const storage::Row& row : rows) records.push_back(record_from(row));
  return records;
}

Result<int64_t> AuditRepository::count(storage::Connection& db, const AuditFilter& filter) const {
  std::vector<storage::Value> params;
  const std::string sql =
      "SELECT COUNT(*) FROM audit_log" + where_clause(filter, std::nullopt, params);
  CRM_TRY_ASSIGN(std::vector<storage::Row> rows, db.query_values(sql, params));
  return rows.empty() ? int64_t{0} : rows.front().get_int(0);
}

}  // namespace crm::audit
