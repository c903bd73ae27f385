// SPDX-License-Identifier: Apache-2.0
#include "modules/interactions/interaction_participant.h"

#include <fmt/format.h>

namespace crm::interactions {

namespace {

constexpr std::string_view kView = "interactions.view";
constexpr std::string_view kAnonymised = "[已匿名]";

Result<std::vector<int64_t>> move(storage::Connection& tx, int64_t from, int64_t to) {
  CRM_TRY_ASSIGN(auto rows, tx.query("SELECT id FROM interactions WHERE customer_id = ? ORDER BY id",
                                     from));
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.get<int64_t>(0));
  CRM_TRY(tx.execute("UPDATE interactions SET customer_id = ? WHERE customer_id = ?", to, from));
  return ids;
}

Result<void> move_back(storage::Connection& tx, const std::vector<int64_t>& ids, int64_t to) {
  for (const int64_t id : ids) {
    CRM_TRY(tx.execute("UPDATE interactions SET customer_id = ? WHERE id = ?", to, id));
  }
  return {};
}

Result<void> owner_changed(storage::Connection& tx, int64_t customer_id, int64_t owner_id) {
  CRM_TRY(tx.execute("UPDATE interactions SET customer_owner_id = ? WHERE customer_id = ?",
                     owner_id, customer_id));
  return {};
}

Result<std::vector<customers::TimelineItem>> timeline(storage::Connection& db,
                                                      const http::RequestContext& context,
                                                      int64_t customer_id,
                                                      std::optional<int64_t> before_ms,
                                                      int limit) {
  std::vector<customers::TimelineItem> items;
  if (!context.actor() || !context.can(kView) || limit <= 0) return items;
  const http::Actor& actor = *context.actor();
  // The same data scope as GET /api/v1/interactions: "own" (and "department", TODO(#5)) sees
  // records of customers it owns or that it wrote itself.
  const bool own = actor.data_scope != "all";
  std::string sql =
      "SELECT i.id, i.at_ms, i.subject, i.content, i.outcome, i.staff_name, c.name "
      "FROM interactions i JOIN interaction_channels c ON c.id = i.channel_id "
      "WHERE i.customer_id = ?";
  std::vector<storage::Value> params{customer_id};
  if (before_ms) {
    sql += " AND i.at_ms < ?";
    params.push_back(*before_ms);
  }
  if (own) {
    sql += " AND (i.customer_owner_id = ? OR i.staff_id = ?)";
    params.push_back(actor.user_id);
    params.push_back(actor.user_id);
  }
  sql += fmt::format(" ORDER BY i.at_ms DESC, i.id DESC LIMIT {}", limit);
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
  for (const auto& r : rows) {
    customers::TimelineItem item;
    item.ref_id = r.get_int(0);
    item.at_ms = r.get_int(1);
    item.kind = "interaction";
    item.title = r.get_string(2);
    // "电话 · <content>" (and the outcome when there is one): enough to recognise the record.
    item.detail = r.get_string(6) + " · " + r.get_string(3);
    if (const std::string outcome = r.get_string(4); !outcome.empty()) {
      item.detail += " → " + outcome;
    }
    item.actor_name = r.get_string(5);
    items.push_back(std::move(item));
  }
  return items;
}

Result<Json> export_rows(storage::Connection& db, int64_t customer_id) {
  CRM_TRY_ASSIGN(auto rows,
                 db.query("SELECT i.id, i.at_ms, c.name, i.subject, i.content, i.outcome, "
                          "i.staff_id, i.staff_name, i.follow_up_on, i.created_at_ms, "
                          "i.updated_at_ms FROM interactions i "
                          "JOIN interaction_channels c ON c.id = i.channel_id "
                          "WHERE i.customer_id = ? ORDER BY i.at_ms, i.id",
                          customer_id));
  Json out = Json::array();
  for (const auto& r : rows) {
    const auto follow_up = r.get_optional_string(8);
    out.push_back({{"id", r.get_int(0)},
                   {"at", r.get_int(1)},
                   {"channel", r.get_string(2)},
                   {"subject", r.get_string(3)},
                   {"content", r.get_string(4)},
                   {"outcome", r.get_string(5)},
                   {"staff_id", r.get_int(6)},
                   {"staff_name", r.get_string(7)},
                   {"follow_up_on", follow_up ? Json(*follow_up) : Json(nullptr)},
                   {"created_at", r.get_int(9)},
                   {"updated_at", r.get_int(10)}});
  }
  return out;
}

// What was said is personal; that and when a conversation happened (and with whom on the staff)
// is kept for the business record.
Result<void> anonymise(storage::Connection& tx, int64_t customer_id) {
  CRM_TRY(tx.execute("UPDATE interactions SET subject = ?, content = ?, outcome = ? "
                     "WHERE customer_id = ?",
                     kAnonymised, kAnonymised, kAnonymised, customer_id));
  return {};
}

}  // namespace

customers::CustomerParticipant interaction_participant() {
  customers::CustomerParticipant participant;
  participant.name = "interactions";
  participant.move = move;
  participant.move_back = move_back;
  participant.owner_changed = owner_changed;
  participant.timeline = timeline;
  participant.export_rows = export_rows;
  participant.anonymise = anonymise;
  return participant;
}

}  // namespace crm::interactions
