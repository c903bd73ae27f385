// SPDX-License-Identifier: Apache-2.0
#include "storage/outbox.h"

namespace crm::storage {

Result<int64_t> Outbox::append(Connection& tx, const Clock& clock, std::string_view type,
                               std::string_view payload_json) {
  CRM_TRY_ASSIGN(Row row, tx.query_one(
      "INSERT INTO outbox_events (type, payload, created_at_ms) VALUES (?, ?, ?) RETURNING id",
      type, payload_json, clock.now_ms()));
  return row.get_int(0);
}

Result<std::vector<Event>> Outbox::claim_unpublished(Connection& tx, int limit) {
  const std::string_view sql =
      tx.dialect() == Dialect::kPostgres
          ? "SELECT id, type, payload, created_at_ms FROM outbox_events "
            "WHERE published_at_ms IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED"
          : "SELECT id, type, payload, created_at_ms FROM outbox_events "
            "WHERE published_at_ms IS NULL ORDER BY id LIMIT ?";
  CRM_TRY_ASSIGN(auto rows, tx.query(sql, limit));
  std::vector<Event> events;
  events.reserve(rows.size());
  for (const Row& row : rows) {
    events.push_back({row.get_int(0), row.get_string(1), row.get_string(2), row.get_int(3)});
  }
  return events;
}

Result<void> Outbox::mark_published(Connection& tx, int64_t id, int64_t published_at_ms) {
  CRM_TRY(tx.execute(
      "UPDATE outbox_events SET published_at_ms = ? WHERE id = ? AND published_at_ms IS NULL",
      published_at_ms, id));
  return {};
}

Result<int64_t> Outbox::pending_count(Connection& connection) {
  CRM_TRY_ASSIGN(Row row, connection.query_one(
      "SELECT COUNT(*) FROM outbox_events WHERE published_at_ms IS NULL"));
  return row.get_int(0);
}

}  // namespace crm::storage
