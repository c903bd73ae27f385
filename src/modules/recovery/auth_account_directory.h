// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/auth/auth_service.h"
#include "modules/recovery/account_directory.h"

namespace crm::recovery {

// The production AccountDirectory: forwards to auth::AuthService. Built as its own library
// (crm_recovery_auth_adapter) so recovery and its tests do not depend on auth.
class AuthAccountDirectory final : public AccountDirectory {
 public:
  explicit AuthAccountDirectory(auth::AuthService& auth) : auth_(auth) {}

  Result<std::optional<AccountContact>> find_account(storage::Connection& tx,
                                                     std::string_view identifier) override;
  Result<std::string> hash_new_password(std::string_view username, std::string_view password,
                                        std::string_view field) override;
  Result<void> set_password_hash(storage::Connection& tx, int64_t user_id, std::string_view hash,
                                 const audit::AuditEntry& actor) override;
  Result<void> verify_captcha(std::string_view id, std::string_view answer) override;

 private:
  auth::AuthService& auth_;
};

}  // namespace crm::recovery
