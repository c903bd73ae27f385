// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "modules/auth/auth_service.h"
#include "modules/auth/totp_service.h"

namespace crm::auth {

inline constexpr std::string_view kSessionCookie = "shopcrm_session";
inline constexpr int64_t kTouchIntervalMs = 60'000;  // last_seen / last_used written at most this often
inline constexpr int64_t kSweepBatch = 500;  // expired sessions deleted per login, at most

struct LoginInput {
  std::string username;
  std::string password;
  std::string captcha_id;
  std::string captcha;
  std::string totp;  // the authenticator app's code, for users with two-step verification on
  std::string ip;
  std::string user_agent;
  std::string previous_token;  // the session cookie sent with the login, ended (fixation)
};

struct LoginResult {
  User user;
  std::string session_token;  // the cookie value; only its SHA-256 is stored
  std::string csrf_token;
};

// Logins, sessions and API-token authentication, with lockout and the login log (every attempt
// is one row: success, invalid_credentials, locked, captcha_invalid, disabled). Thread-safe.
class SessionService {
 public:
  SessionService(AuthService& auth, TotpService& totp) : auth_(auth), totp_(totp) {}

  // In order: required fields (400 validation.required), the captcha (400 auth.captcha_invalid;
  // used up either way), lockout of the account and of the IP (429 auth.locked, with the seconds
  // until it lifts in *retry_after_seconds), the password (401 auth.invalid_credentials, the same
  // for an unknown user, whose check costs the same time), the status (403
  // auth.account_disabled, only after a correct password), then for users with two-step
  // verification the code (401 auth.totp_required / auth.totp_invalid, field "totp"; a wrong code
  // counts as a failure for the lockout). On success a new session.
  Result<LoginResult> login(const LoginInput& input, int64_t* retry_after_seconds = nullptr);

  // Deletes the session and audits auth.logout.
  Result<void> logout(std::string_view session_id, const audit::AuditEntry& actor);

  // The principal of a session cookie value. Errors: 401 auth.required when unknown, expired
  // (idle: settings session_idle_minutes; absolute: session_absolute_hours since login; an expired
  // session is deleted) or its user is disabled. Slides last_seen (written at most once a minute).
  Result<Principal> authenticate_session(std::string_view token);

  // The principal of an API token ("scrm_…"): the creator, with the token's permissions that the
  // creator still holds. Errors: 401 auth.required when unknown, revoked or the creator is
  // disabled. Records last_used (at most once a minute).
  Result<Principal> authenticate_token(std::string_view token);

 private:
  // Seconds until the lock of `by_ip`/`value` lifts; 0 when not locked.
  Result<int64_t> locked_for(storage::Connection& c, bool by_ip, std::string_view value,
                             int threshold, int64_t window_ms, int64_t now);
  Result<void> log_attempt(const LoginInput& input, std::string_view username,
                           std::optional<int64_t> user_id, std::string_view result);

  AuthService& auth_;
  TotpService& totp_;
};

}  // namespace crm::auth
