// SPDX-License-Identifier: Apache-2.0
#include "modules/recovery/auth_account_directory.h"

namespace crm::recovery {

Result<std::optional<AccountContact>> AuthAccountDirectory::find_account(
    storage::Connection& tx, std::string_view identifier) {
  CRM_TRY_ASSIGN(std::optional<auth::AccountContact> found, auth_.find_account(tx, identifier));
  if (!found) return std::optional<AccountContact>();
  return std::optional<AccountContact>(AccountContact{.user_id = found->user_id,
                                                      .username = std::move(found->username),
                                                      .phone = std::move(found->phone),
                                                      .email = std::move(found->email),
                                                      .active = found->active});
}

Result<std::string> AuthAccountDirectory::hash_new_password(std::string_view username,
                                                            std::string_view password,
                                                            std::string_view field) {
  return auth_.hash_new_password(username, password, field);
}

Result<void> AuthAccountDirectory::set_password_hash(storage::Connection& tx, int64_t user_id,
                                                     std::string_view hash,
                                                     const audit::AuditEntry& actor) {
  return auth_.set_password_hash(tx, user_id, hash, actor);
}

Result<void> AuthAccountDirectory::verify_captcha(std::string_view id, std::string_view answer) {
  return auth_.verify_captcha(id, answer);
}

}  // namespace crm::recovery
