// SPDX-License-Identifier: Apache-2.0
#include "modules/interactions/interaction_participant.h"

namespace crm::interactions {

namespace {

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

}  // namespace

customers::CustomerParticipant interaction_participant() {
  customers::CustomerParticipant participant;
  participant.name = "interactions";
  participant.move = move;
  participant.move_back = move_back;
  participant.owner_changed = owner_changed;
  return participant;
}

}  // namespace crm::interactions
