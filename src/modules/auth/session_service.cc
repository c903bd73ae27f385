// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/session_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/crypto.h"
#include "core/text.h"

namespace crm::auth {

namespace {

Error required(std::string_view field) {
  return invalid_input("validation.required", fmt::format("Field '{}' is required.", field),
                       std::string(field));
}

Error invalid_credentials() {
  return Error{ErrorKind::kUnauthenticated, "auth.invalid_credentials",
               "The username or password is wrong."};
}

Error auth_required() {
  return Error{ErrorKind::kUnauthenticated, "auth.required", "Please log in."};
}

std::string clip(std::string_view text, size_t max) {
  std::string out(text.substr(0, max));
  return is_valid_utf8(out) ? out : std::string();
}

}  // namespace

Result<void> SessionService::log_attempt(const LoginInput& input, std::string_view username,
                                         std::optional<int64_t> user_id,
                                         std::string_view result) {
  LoginLogEntry entry{0, auth_.clock().now_ms(), std::string(username), user_id,
                      clip(input.ip, 64), clip(input.user_agent, 256), std::string(result)};
  return auth_.db().transaction(
      [&](storage::Connection& tx) { return auth_.sessions().append_login(tx, entry); });
}

Result<int64_t> SessionService::locked_for(storage::Connection& c, bool by_ip,
                                           std::string_view value, int threshold,
                                           int64_t window_ms, int64_t now) {
  int64_t since = now - window_ms + 1;  // failures strictly inside the window
  if (!by_ip) {  // a successful login resets the account's count (not the IP's)
    CRM_TRY_ASSIGN(std::optional<int64_t> success, auth_.sessions().last_success_ms(c, value));
    if (success) since = std::max(since, *success + 1);
  }
  CRM_TRY_ASSIGN(std::vector<int64_t> failures,
                 auth_.sessions().failure_times(c, by_ip, value, since));
  if (threshold <= 0 || static_cast<int>(failures.size()) < threshold) return int64_t{0};
  // The lock lifts when enough failures have aged out of the window to fall below the threshold.
  const int64_t lifts_at = failures[failures.size() - static_cast<size_t>(threshold)] + window_ms;
  return std::max<int64_t>(1, (lifts_at - now + 999) / 1000);
}

Result<LoginResult> SessionService::login(const LoginInput& input, int64_t* retry_after_seconds) {
  if (input.username.empty()) return required("username");
  if (input.password.empty()) return required("password");
  if (input.captcha_id.empty()) return required("captcha_id");
  if (input.captcha.empty()) return required("captcha");
  const std::string username = clip(to_lower_ascii(trim(input.username)), 64);

  if (auto checked = auth_.verify_captcha(input.captcha_id, input.captcha); !checked) {
    CRM_TRY(log_attempt(input, username, std::nullopt, "captcha_invalid"));
    return checked.error();
  }

  const settings::Settings settings = auth_.settings().current();
  const int64_t now = auth_.clock().now_ms();
  const int64_t window_ms = int64_t{settings.lockout_minutes} * 60'000;
  CRM_TRY_ASSIGN(int64_t wait_s, auth_.db().read([&](storage::Connection& c) -> Result<int64_t> {
    CRM_TRY_ASSIGN(int64_t by_user, locked_for(c, false, username, settings.lockout_threshold,
                                               window_ms, now));
    CRM_TRY_ASSIGN(int64_t by_ip, locked_for(c, true, clip(input.ip, 64),
                                             settings.ip_lockout_threshold, window_ms, now));
    return std::max(by_user, by_ip);
  }));
  if (wait_s > 0) {
    CRM_TRY(log_attempt(input, username, std::nullopt, "locked"));
    if (retry_after_seconds != nullptr) *retry_after_seconds = wait_s;
    return Error{ErrorKind::kRateLimited, "auth.locked",
                 fmt::format("Too many failed logins; try again in {} minute(s).",
                             (wait_s + 59) / 60)};
  }

  CRM_TRY_ASSIGN(auto stored, auth_.db().read([&](storage::Connection& c) {
    return auth_.users().find_by_username(c, username, auth_.catalogue_names());
  }));
  if (!stored) {
    auth_.hasher().dummy_verify(input.password);
    CRM_TRY(log_attempt(input, username, std::nullopt, "invalid_credentials"));
    return invalid_credentials();
  }
  const User& user = stored->user;
  if (!auth_.hasher().verify(stored->password_hash, input.password)) {
    CRM_TRY(log_attempt(input, username, user.id, "invalid_credentials"));
    return invalid_credentials();
  }
  if (!user.is_active()) {
    CRM_TRY(log_attempt(input, username, user.id, "disabled"));
    return forbidden("auth.account_disabled", "This account is disabled.");
  }
  if (user.totp_enabled) {
    if (input.totp.empty()) {
      CRM_TRY(log_attempt(input, username, user.id, "totp_required"));
      return Error{ErrorKind::kUnauthenticated, "auth.totp_required",
                   "Enter the code from your authenticator app.", "totp"};
    }
    CRM_TRY_ASSIGN(const bool accepted, totp_.accept_login_code(user.id, input.totp));
    if (!accepted) {
      CRM_TRY(log_attempt(input, username, user.id, "totp_invalid"));
      return Error{ErrorKind::kUnauthenticated, "auth.totp_invalid",
                   "The verification code is wrong or was already used.", "totp"};
    }
  }

  LoginResult result;
  result.session_token = auth_.random().token(32);
  result.csrf_token = auth_.random().token(32);
  const int64_t logged_in = auth_.clock().now_ms();
  SessionRow session{sha256_hex(result.session_token), user.id, result.csrf_token, logged_in,
                     logged_in, logged_in + int64_t{settings.session_absolute_hours} * 3'600'000,
                     clip(input.ip, 64), clip(input.user_agent, 256)};
  Result<void> written = auth_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    if (!input.previous_token.empty()) {
      CRM_TRY(auth_.sessions().remove(tx, sha256_hex(input.previous_token)));
    }
    // Sessions nobody ended (closed browsers) are swept here, a bounded batch per login.
    CRM_TRY(auth_.sessions().remove_expired(
        tx, logged_in - int64_t{settings.session_idle_minutes} * 60'000,
        logged_in - int64_t{settings.session_absolute_hours} * 3'600'000, kSweepBatch));
    CRM_TRY(auth_.sessions().insert(tx, session));
    CRM_TRY(auth_.users().record_login(tx, user.id, logged_in));
    return auth_.sessions().append_login(
        tx, {0, logged_in, username, user.id, session.ip, session.user_agent, "success"});
  });
  if (!written) return std::move(written).error();
  result.user = user;
  result.user.last_login_at_ms = logged_in;
  return result;
}

Result<void> SessionService::logout(std::string_view session_id, const audit::AuditEntry& actor) {
  return auth_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(auth_.sessions().remove(tx, session_id));
    audit::AuditEntry entry = actor;
    entry.action = "auth.logout";
    entry.target_type = "user";
    entry.target_id = actor.actor_id ? std::to_string(*actor.actor_id) : "";
    return auth_.audit().record(tx, entry);
  });
}

Result<Principal> SessionService::authenticate_session(std::string_view token) {
  if (token.empty() || token.size() > 128) return auth_required();
  const std::string id = sha256_hex(token);
  struct Found {
    SessionRow session;
    std::optional<User> user;
  };
  CRM_TRY_ASSIGN(std::optional<Found> found,
                 auth_.db().read([&](storage::Connection& c) -> Result<std::optional<Found>> {
                   CRM_TRY_ASSIGN(auto session, auth_.sessions().find(c, id));
                   if (!session) return std::optional<Found>();
                   CRM_TRY_ASSIGN(auto user, auth_.users().find(c, session->user_id,
                                                                auth_.catalogue_names()));
                   return std::optional<Found>(Found{std::move(*session), std::move(user)});
                 }));
  if (!found) return auth_required();
  const settings::Settings settings = auth_.settings().current();
  const int64_t now = auth_.clock().now_ms();
  const SessionRow& s = found->session;
  const bool idle = now - s.last_seen_at_ms >= int64_t{settings.session_idle_minutes} * 60'000;
  const bool too_old =
      now - s.created_at_ms >= int64_t{settings.session_absolute_hours} * 3'600'000;
  if (idle || too_old || !found->user || !found->user->is_active()) {
    CRM_TRY(auth_.db().transaction(
        [&](storage::Connection& tx) { return auth_.sessions().remove(tx, id); }));
    return auth_required();
  }
  if (now - s.last_seen_at_ms >= kTouchIntervalMs) {
    CRM_TRY(auth_.db().transaction(
        [&](storage::Connection& tx) { return auth_.sessions().touch(tx, id, now); }));
  }
  Principal principal;
  principal.user = std::move(*found->user);
  principal.permissions = principal.user.permissions;
  principal.session_id = id;
  principal.csrf_token = s.csrf_token;
  return principal;
}

Result<Principal> SessionService::authenticate_token(std::string_view token) {
  if (!starts_with(token, "scrm_") || token.size() > 128) return auth_required();
  const std::string hash = sha256_hex(token);
  struct Found {
    ApiToken token;
    std::optional<User> user;
  };
  CRM_TRY_ASSIGN(std::optional<Found> found,
                 auth_.db().read([&](storage::Connection& c) -> Result<std::optional<Found>> {
                   CRM_TRY_ASSIGN(auto row, auth_.tokens().find_active_by_hash(c, hash));
                   if (!row) return std::optional<Found>();
                   CRM_TRY_ASSIGN(auto user, auth_.users().find(c, row->created_by,
                                                                auth_.catalogue_names()));
                   return std::optional<Found>(Found{std::move(*row), std::move(user)});
                 }));
  if (!found || !found->user || !found->user->is_active()) return auth_required();
  const int64_t now = auth_.clock().now_ms();
  if (!found->token.last_used_at_ms || now - *found->token.last_used_at_ms >= kTouchIntervalMs) {
    CRM_TRY(auth_.db().transaction([&](storage::Connection& tx) {
      return auth_.tokens().touch(tx, found->token.id, now);
    }));
  }
  Principal principal;
  principal.user = std::move(*found->user);
  for (const std::string& permission : found->token.permissions) {
    if (principal.user.permissions.contains(permission)) principal.permissions.insert(permission);
  }
  principal.token_id = found->token.id;
  principal.token_name = found->token.name;
  return principal;
}

}  // namespace crm::auth
