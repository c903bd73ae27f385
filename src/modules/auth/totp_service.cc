// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/totp_service.h"

#include <vector>

#include "core/text.h"
#include "modules/auth/totp.h"

namespace crm::auth {

namespace {

Error totp_invalid(std::string_view field) {
  return invalid_input("auth.totp_invalid", "The verification code is wrong or was already used.",
                       std::string(field));
}

// Sealed values start with "v1." or "v2." (core/keyring.h); base32 secrets never contain a dot.
bool is_sealed(std::string_view stored) {
  return starts_with(stored, "v1.") || starts_with(stored, "v2.");
}

}  // namespace

Result<int64_t> reseal_totp_secrets(storage::Database& db, const Keyring& keyring) {
  return db.transaction([&](storage::Connection& tx) -> Result<int64_t> {
    CRM_TRY_ASSIGN(std::vector<storage::Row> rows,
                   tx.query("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL"));
    int64_t resealed = 0;
    for (const storage::Row& row : rows) {
      const std::string stored = row.get_string(1);
      if (starts_with(stored, keyring.active_prefix())) continue;
      std::string secret = stored;
      if (is_sealed(stored)) {
        CRM_TRY_ASSIGN(secret, keyring.open(stored, TotpService::kSecretPlace));
      }
      CRM_TRY(tx.execute("UPDATE users SET totp_secret = ? WHERE id = ?",
                         keyring.seal(secret, TotpService::kSecretPlace), row.get_int(0)));
      ++resealed;
    }
    return resealed;
  });
}

Result<TotpSetup> TotpService::setup(int64_t user_id, const audit::AuditEntry& actor) {
  std::string raw(20, '\0');
  auth_.random().fill(raw.data(), raw.size());
  const std::string secret = base32_encode(raw);
  return auth_.db().transaction([&](storage::Connection& tx) -> Result<TotpSetup> {
    CRM_TRY_ASSIGN(storage::Row row,
                   tx.query_one("SELECT username, totp_enabled FROM users WHERE id = ?", user_id));
    if (row.get_bool(1)) {
      return conflict("auth.totp_already_enabled", "Two-step verification is already on.");
    }
    CRM_TRY(tx.execute("UPDATE users SET totp_secret = ?, totp_last_step = 0, updated_at_ms = ? "
                       "WHERE id = ?",
                       keyring_.seal(secret, kSecretPlace), auth_.clock().now_ms(), user_id));
    audit::AuditEntry entry = actor;
    entry.action = "user.totp_setup";
    entry.target_type = "user";
    entry.target_id = std::to_string(user_id);
    CRM_TRY(auth_.audit().record(tx, entry));
    return TotpSetup{secret, otpauth_uri(row.get_string(0), secret)};
  });
}

Result<void> TotpService::consume(storage::Connection& tx, int64_t user_id, std::string_view code,
                                  std::string_view field) {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("SELECT totp_secret, totp_last_step FROM users WHERE id = ?", user_id));
  if (row.is_null(0)) return totp_invalid(field);
  // Secrets are sealed at start (reseal_totp_secrets), so a plaintext one is not accepted here.
  CRM_TRY_ASSIGN(const std::string opened, keyring_.open(row.get_string(0), kSecretPlace));
  const auto secret = base32_decode(opened);
  if (!secret || secret->empty()) return totp_invalid(field);
  const auto step = match_totp(*secret, code, auth_.clock().now_ms() / 1000);
  if (!step || *step <= row.get_int(1)) return totp_invalid(field);
  CRM_TRY(tx.execute("UPDATE users SET totp_last_step = ? WHERE id = ?", *step, user_id));
  return {};
}

Result<void> TotpService::enable(int64_t user_id, std::string_view code,
                                 const audit::AuditEntry& actor) {
  return auth_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(storage::Row row,
                   tx.query_one("SELECT totp_secret, totp_enabled FROM users WHERE id = ?", user_id));
    if (row.is_null(0) || row.get_string(0).empty()) {
      return invalid_input("auth.totp_not_set_up", "Start the set-up of two-step verification first.");
    }
    if (row.get_bool(1)) {
      return conflict("auth.totp_already_enabled", "Two-step verification is already on.");
    }
    CRM_TRY(consume(tx, user_id, code, "code"));
    CRM_TRY(tx.execute("UPDATE users SET totp_enabled = 1, updated_at_ms = ? WHERE id = ?",
                       auth_.clock().now_ms(), user_id));
    audit::AuditEntry entry = actor;
    entry.action = "user.totp_enabled";
    entry.target_type = "user";
    entry.target_id = std::to_string(user_id);
    return auth_.audit().record(tx, entry);
  });
}

Result<void> TotpService::disable(int64_t user_id, std::string_view code,
                                  const audit::AuditEntry& actor) {
  return auth_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(storage::Row row,
                   tx.query_one("SELECT totp_enabled FROM users WHERE id = ?", user_id));
    if (!row.get_bool(0)) {
      return invalid_input("auth.totp_not_enabled", "Two-step verification is not on.");
    }
    CRM_TRY(consume(tx, user_id, code, "code"));
    CRM_TRY(tx.execute("UPDATE users SET totp_enabled = 0, totp_secret = NULL, updated_at_ms = ? "
                       "WHERE id = ?",
                       auth_.clock().now_ms(), user_id));
    audit::AuditEntry entry = actor;
    entry.action = "user.totp_disabled";
    entry.target_type = "user";
    entry.target_id = std::to_string(user_id);
    return auth_.audit().record(tx, entry);
  });
}

Result<bool> TotpService::accept_login_code(int64_t user_id, std::string_view code) {
  auto consumed = auth_.db().transaction(
      [&](storage::Connection& tx) -> Result<void> { return consume(tx, user_id, code, "totp"); });
  if (consumed) return true;
  if (consumed.error().code == "auth.totp_invalid") return false;
  return std::move(consumed).error();
}

}  // namespace crm::auth
