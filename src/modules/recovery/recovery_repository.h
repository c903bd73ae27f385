// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/connection.h"

namespace crm::recovery {

// Requests counted within one rate-limit window.
struct WindowCount {
  int64_t count = 0;
  int64_t oldest_at_ms = 0;  // the earliest request in the window (0 when none)
};

struct NewReset {
  int64_t user_id = 0;
  std::string code_hash;
  std::string channel;  // "email" | "sms"
  std::string destination_masked;
  int64_t expires_at_ms = 0;
  int64_t created_at_ms = 0;
  std::string ip;
};

// A code that may still be entered.
struct LiveReset {
  int64_t id = 0;
  std::string code_hash;
  int attempts = 0;
};

// SQL over password_resets and recovery_requests; every call runs on the caller's transaction.
// Errors are storage errors.
class RecoveryRepository {
 public:
  // Serialises recovery requests (PostgreSQL: a transaction-scoped advisory lock; SQLite's single
  // writer already does), so that concurrent requests cannot both pass a rate limit.
  Result<void> lock_requests(storage::Connection& tx) const;
  Result<WindowCount> count_by_identifier(storage::Connection& tx, std::string_view hash,
                                          int64_t since_ms) const;
  Result<WindowCount> count_by_ip(storage::Connection& tx, std::string_view ip,
                                  int64_t since_ms) const;
  Result<void> insert_request(storage::Connection& tx, std::string_view identifier_hash,
                              std::string_view ip, int64_t at_ms) const;
  // Deletes requests older than `requests_before_ms` and resets created before `resets_before_ms`.
  Result<void> prune(storage::Connection& tx, int64_t requests_before_ms,
                     int64_t resets_before_ms) const;

  // Ends every unused, unexpired code of the user (expires_at_ms := now).
  Result<void> expire_unused(storage::Connection& tx, int64_t user_id, int64_t now_ms) const;
  Result<int64_t> insert_reset(storage::Connection& tx, const NewReset& reset) const;
  // The newest unused code of the user that is unexpired at now_ms and has attempts left.
  Result<std::optional<LiveReset>> find_live(storage::Connection& tx, int64_t user_id,
                                             int64_t now_ms, int max_attempts) const;
  Result<void> add_attempt(storage::Connection& tx, int64_t reset_id) const;
  // Marks the code used if it is still live; false when it no longer was (a concurrent use).
  Result<bool> mark_used(storage::Connection& tx, int64_t reset_id, int64_t now_ms,
                         int max_attempts) const;
};

}  // namespace crm::recovery
