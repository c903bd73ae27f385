// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/keyring.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/auth/auth_service.h"

namespace crm::auth {

struct TotpSetup {
  std::string secret;       // base32, for typing into an app
  std::string otpauth_uri;  // for a QR code
};

// The optional second factor (TOTP, RFC 6238) of a staff account. Set-up is two steps: setup()
// stores a new secret that is not yet required; enable() turns it on once the user proves their
// app produces the codes. While on, login needs a code (SessionService) and each code works once.
// The secret is stored sealed with the data key (like customers' personal data, P10), so a copy
// of the database alone cannot produce codes. Thread-safe.
class TotpService {
 public:
  // Where the sealed secret lives; the associated data of its seal.
  static constexpr std::string_view kSecretPlace = "users.totp_secret";

  TotpService(AuthService& auth, const Keyring& keyring) : auth_(auth), keyring_(keyring) {}

  // A new secret for the user, replacing any pending one. Errors: 409 auth.totp_already_enabled.
  Result<TotpSetup> setup(int64_t user_id, const audit::AuditEntry& actor);
  // Errors: 400 auth.totp_not_set_up; 400 auth.totp_invalid (field "code").
  Result<void> enable(int64_t user_id, std::string_view code, const audit::AuditEntry& actor);
  // Needs a current code. Errors: 400 auth.totp_not_enabled, 400 auth.totp_invalid (field "code").
  Result<void> disable(int64_t user_id, std::string_view code, const audit::AuditEntry& actor);
  // For login: whether `code` is a fresh code of the user's enabled secret; records its step so
  // it cannot be replayed. Returns false for a wrong or reused code.
  Result<bool> accept_login_code(int64_t user_id, std::string_view code);

 private:
  // Checks `code` against the stored secret and, when it matches a step newer than the last one
  // used, records that step. kInvalidInput auth.totp_invalid (field `field`) otherwise.
  Result<void> consume(storage::Connection& tx, int64_t user_id, std::string_view code,
                       std::string_view field);

  AuthService& auth_;
  const Keyring& keyring_;
};

// Seals every stored TOTP secret that is not sealed under the active key: plaintext secrets
// written before secrets were sealed, and secrets of a key being rotated out. Returns how many it
// re-sealed. Runs at start (AuthModule::start) and in `shopcrm keys rotate`. Errors: storage
// errors; keyring.decrypt_failed when a sealed secret does not open.
Result<int64_t> reseal_totp_secrets(storage::Database& db, const Keyring& keyring);

}  // namespace crm::auth
