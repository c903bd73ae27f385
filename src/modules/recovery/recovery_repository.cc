// SPDX-License-Identifier: Apache-2.0
#include "modules/recovery/recovery_repository.h"

namespace crm::recovery {

namespace {
// Any constant distinct from other modules' advisory locks ("RCVR").
constexpr int64_t kRequestLockKey = 0x52435652;

WindowCount window_from(const storage::Row& row) {
  return {row.get_int(0), row.is_null(1) ? 0 : row.get_int(1)};
}
}  // namespace

Result<void> RecoveryRepository::lock_requests(storage::Connection& tx) const {
  if (tx.dialect() != storage::Dialect::kPostgres) return {};
  CRM_TRY(tx.query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS locked", kRequestLockKey));
  return {};
}

Result<WindowCount> RecoveryRepository::count_by_identifier(storage::Connection& tx,
                                                            std::string_view hash,
                                                            int64_t since_ms) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("SELECT COUNT(*), MIN(at_ms) FROM recovery_requests "
                              "WHERE identifier_hash = ? AND at_ms > ?",
                              hash, since_ms));
  return window_from(row);
}

Result<WindowCount> RecoveryRepository::count_by_ip(storage::Connection& tx, std::string_view ip,
                                                    int64_t since_ms) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("SELECT COUNT(*), MIN(at_ms) FROM recovery_requests "
                              "WHERE ip = ? AND at_ms > ?",
                              ip, since_ms));
  return window_from(row);
}

Result<void> RecoveryRepository::insert_request(storage::Connection& tx,
                                                std::string_view identifier_hash,
                                                std::string_view ip, int64_t at_ms) const {
  CRM_TRY(tx.execute("INSERT INTO recovery_requests (identifier_hash, ip, at_ms) VALUES (?, ?, ?)",
                     identifier_hash, ip, at_ms));
  return {};
}

Result<void> RecoveryRepository::prune(storage::Connection& tx, int64_t requests_before_ms,
                                       int64_t resets_before_ms) const {
  CRM_TRY(tx.execute("DELETE FROM recovery_requests WHERE at_ms < ?", requests_before_ms));
  CRM_TRY(tx.execute("DELETE FROM password_resets WHERE created_at_ms < ?", resets_before_ms));
  return {};
}

Result<void> RecoveryRepository::expire_unused(storage::Connection& tx, int64_t user_id,
                                               int64_t now_ms) const {
  CRM_TRY(tx.execute("UPDATE password_resets SET expires_at_ms = ? "
                     "WHERE user_id = ? AND used_at_ms IS NULL AND expires_at_ms > ?",
                     now_ms, user_id, now_ms));
  return {};
}

Result<int64_t> RecoveryRepository::insert_reset(storage::Connection& tx,
                                                 const NewReset& reset) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO password_resets (user_id, code_hash, channel, "
                              "destination_masked, expires_at_ms, attempts, created_at_ms, ip) "
                              "VALUES (?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
                              reset.user_id, reset.code_hash, reset.channel,
                              reset.destination_masked, reset.expires_at_ms, reset.created_at_ms,
                              reset.ip));
  return row.get_int(0);
}

Result<std::optional<LiveReset>> RecoveryRepository::find_live(storage::Connection& tx,
                                                               int64_t user_id, int64_t now_ms,
                                                               int max_attempts) const {
  CRM_TRY_ASSIGN(std::optional<storage::Row> row,
                 tx.query_optional("SELECT id, code_hash, attempts FROM password_resets "
                                   "WHERE user_id = ? AND used_at_ms IS NULL AND expires_at_ms > ? "
                                   "AND attempts < ? ORDER BY id DESC LIMIT 1",
                                   user_id, now_ms, max_attempts));
  if (!row) return std::optional<LiveReset>();
  return std::optional<LiveReset>(
      LiveReset{row->get_int(0), row->get_string(1), static_cast<int>(row->get_int(2))});
}

Result<void> RecoveryRepository::add_attempt(storage::Connection& tx, int64_t reset_id) const {
  CRM_TRY(tx.execute("UPDATE password_resets SET attempts = attempts + 1 WHERE id = ?", reset_id));
  return {};
}

Result<bool> RecoveryRepository::mark_used(storage::Connection& tx, int64_t reset_id,
                                           int64_t now_ms, int max_attempts) const {
  CRM_TRY_ASSIGN(int64_t changed,
                 tx.execute("UPDATE password_resets SET used_at_ms = ? WHERE id = ? AND "
                            "used_at_ms IS NULL AND expires_at_ms > ? AND attempts < ?",
                            now_ms, reset_id, now_ms, max_attempts));
  return changed == 1;
}

}  // namespace crm::recovery
