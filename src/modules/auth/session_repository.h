// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/auth/auth_types.h"
#include "storage/connection.h"

namespace crm::auth {

struct SessionRow {
  std::string id;  // SHA-256 hex of the cookie token
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at_ms = 0;
  int64_t last_seen_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::string ip;
  std::string user_agent;
};

// SQL for tables sessions and login_log (append-only). Stateless; errors are storage errors.
class SessionRepository {
 public:
  Result<void> insert(storage::Connection& c, const SessionRow& session) const;
  Result<std::optional<SessionRow>> find(storage::Connection& c, std::string_view id) const;
  Result<void> touch(storage::Connection& c, std::string_view id, int64_t now_ms) const;
  Result<void> remove(storage::Connection& c, std::string_view id) const;
  // Ends every session of `user_id` except `keep_id` (empty: all).
  Result<void> remove_for_user(storage::Connection& c, int64_t user_id,
                               std::string_view keep_id = {}) const;

  // Deletes up to `limit` sessions last seen before `idle_before_ms` or created before
  // `created_before_ms` (expired by the idle or the absolute timeout); returns how many.
  Result<int64_t> remove_expired(storage::Connection& c, int64_t idle_before_ms,
                                 int64_t created_before_ms, int64_t limit) const;

  Result<void> append_login(storage::Connection& c, const LoginLogEntry& entry) const;
  // Times (ascending) of failed attempts (invalid_credentials, totp_invalid) with
  // username = `value` (or ip = `value` when `by_ip`) at or after `since_ms`.
  Result<std::vector<int64_t>> failure_times(storage::Connection& c, bool by_ip,
                                             std::string_view value, int64_t since_ms) const;
  Result<std::optional<int64_t>> last_success_ms(storage::Connection& c,
                                                 std::string_view username) const;
  Result<Page<LoginLogEntry>> list_logins(storage::Connection& c, const LoginLogQuery& q) const;
};

}  // namespace crm::auth
