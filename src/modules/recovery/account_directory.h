// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "storage/connection.h"

namespace crm::recovery {

// The staff account as recovery sees it; phone and email are empty when not bound.
struct AccountContact {
  int64_t user_id = 0;
  std::string username, phone, email;
  bool active = false;
};

// What recovery needs from the accounts module, with auth::AuthService's exact signatures.
// Production: AuthAccountDirectory (auth_account_directory.h) forwards to auth; tests use an
// in-test implementation over their own table. Implementations are thread-safe.
class AccountDirectory {
 public:
  virtual ~AccountDirectory() = default;

  // The account whose username, phone or email is `identifier`; nullopt when none.
  virtual Result<std::optional<AccountContact>> find_account(storage::Connection& tx,
                                                             std::string_view identifier) = 0;
  // Applies the password policy and hashes (slow: call outside transactions).
  // Error: 400 auth.weak_password with `field`.
  virtual Result<std::string> hash_new_password(std::string_view username,
                                                std::string_view password,
                                                std::string_view field) = 0;
  // Stores the hash, ends all of the user's sessions and audits, on `tx`.
  virtual Result<void> set_password_hash(storage::Connection& tx, int64_t user_id,
                                         std::string_view hash, const audit::AuditEntry& actor) = 0;
  // Consumes captcha `id`. Error: 400 auth.captcha_invalid, field "captcha".
  virtual Result<void> verify_captcha(std::string_view id, std::string_view answer) = 0;
};

}  // namespace crm::recovery
