// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

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
// Thread-safe.
class TotpService {
 public:
  explicit TotpService(AuthService& auth) : auth_(auth) {}

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
};

}  // namespace crm::auth
