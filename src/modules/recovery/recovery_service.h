// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/random.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/messaging/messaging_service.h"
#include "modules/recovery/account_directory.h"
#include "modules/recovery/recovery_repository.h"
#include "storage/database.h"

namespace crm::recovery {

struct RecoveryLimits {
  int64_t identifier_window_ms = 10 * 60 * 1000;
  int64_t identifier_max = 3;
  int64_t ip_window_ms = 60 * 60 * 1000;
  int64_t ip_max = 10;
};

struct CodeRequest {
  std::string identifier;  // username, bound phone or email
  std::string captcha_id;
  std::string captcha;
  std::string ip;
};

// What request() decided. A rate limit is a value rather than an Error because its
// Retry-After must reach the response.
struct RequestDecision {
  bool accepted = true;
  int64_t retry_after_s = 0;  // when !accepted
};

struct CodeConfirmation {
  std::string identifier;
  std::string code;
  std::string new_password;
  std::string ip;
  std::string request_id;
};

// Password recovery by one-time code (SPEC AUTH-3). Thread-safe.
//
// Never logs, audits or returns a code or a password; the code exists in clear only in the
// queued message (whose job payload messaging blanks after delivery).
class RecoveryService {
 public:
  RecoveryService(storage::Database& db, const Clock& clock, Random& random,
                  AccountDirectory& accounts, messaging::MessagingService& messaging,
                  audit::AuditService& audit, RecoveryLimits limits = {})
      : db_(db), clock_(clock), random_(random), accounts_(accounts), messaging_(messaging),
        audit_(audit), limits_(limits) {}

  // Validates the identifier (1..128 characters; validation.required / validation.too_long,
  // field "identifier"), verifies the captcha (auth.captcha_invalid), applies the rate limits
  // (3 per identifier per 10 minutes, 10 per IP per hour: a RequestDecision with
  // accepted=false), records the request and, when an active account with an email or phone
  // matches, replaces its unused codes with a new one sent in the same transaction. The decision
  // is the same whether or not an account exists.
  Result<RequestDecision> request(const CodeRequest& request);

  // Sets a new password with a live code. auth.code_invalid (field "code") for a wrong, expired,
  // used or exhausted code and an unknown identifier alike; a wrong code uses up one of 5
  // attempts. auth.weak_password (field "new_password") leaves the code usable. On success the
  // code is used, the password hash set (ending every session) and user.password_recovered audited,
  // in one transaction.
  Result<void> confirm(const CodeConfirmation& confirmation);

 private:
  storage::Database& db_;
  const Clock& clock_;
  Random& random_;
  AccountDirectory& accounts_;
  messaging::MessagingService& messaging_;
  audit::AuditService& audit_;
  RecoveryLimits limits_;
  RecoveryRepository repository_;
};

}  // namespace crm::recovery
