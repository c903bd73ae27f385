// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/random.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/auth/auth_types.h"
#include "modules/auth/captcha.h"
#include "modules/auth/password_hasher.h"
#include "modules/auth/role_repository.h"
#include "modules/auth/session_repository.h"
#include "modules/auth/token_repository.h"
#include "modules/auth/user_repository.h"
#include "modules/module.h"
#include "modules/settings/settings_service.h"
#include "storage/database.h"

namespace crm::auth {

// How password recovery finds the account an identifier names.
struct AccountContact {
  int64_t user_id = 0;
  std::string username;
  std::string phone;
  std::string email;
  bool active = false;
};

// Staff accounts, roles, API tokens and the permission catalogue: the auth module's public API
// for other modules (password recovery, the CLI) and its own routes. Thread-safe.
//
// Every write runs in one transaction with its audit row (actions user.created, user.updated,
// user.disabled, user.password_set, role.created, role.updated, role.deleted, api_token.created,
// api_token.revoked). Passwords, hashes and tokens never reach audit rows or logs.
// Where an `actor_permissions` pointer is taken, nullptr means the system itself (CLI, start-up),
// which may grant anything; otherwise granting more than the actor holds is 403 auth.cannot_grant.
class AuthService {
 public:
  AuthService(storage::Database& db, const Clock& clock, Random& random,
              audit::AuditService& audit, settings::SettingsService& settings,
              PasswordHasher& hasher, CaptchaService& captcha);

  // --- Permission catalogue (set by the app once every module is built, before start()) -----
  // `module_names[i]` is the module contributing `permissions[i]` (same length).
  void set_catalogue(const std::vector<modules::PermissionInfo>& permissions,
                     const std::vector<std::string>& module_names);
  // The same, collected from every module's permissions().
  void set_catalogue(const modules::Modules& modules);
  std::vector<PermissionEntry> catalogue() const;
  PermissionSet catalogue_names() const;

  // --- For other modules (password recovery) ------------------------------------------------
  // The account `identifier` names: its username (case-insensitive), else the phone or email
  // (case-insensitive) bound to exactly one account. nullopt when none or ambiguous.
  Result<std::optional<AccountContact>> find_account(storage::Connection& tx,
                                                     std::string_view identifier);
  // Checks the policy (current settings) and hashes with Argon2id. Call outside transactions:
  // it takes tens of milliseconds. Errors: 400 auth.weak_password with `field`.
  Result<std::string> hash_new_password(std::string_view username, std::string_view password,
                                        std::string_view field);
  // Stores a hash from hash_new_password, ends ALL sessions of the user and audits
  // user.password_set (target user). Errors: 404 user.not_found; storage errors.
  Result<void> set_password_hash(storage::Connection& tx, int64_t user_id, std::string_view hash,
                                 const audit::AuditEntry& actor);
  // Uses up a captcha. Errors: 400 auth.captcha_invalid (field "captcha").
  Result<void> verify_captcha(std::string_view id, std::string_view answer);

  // --- Users (CLI and admin routes) ----------------------------------------------------------
  // Errors: 400 user.invalid_username, validation.required (display_name), user.invalid_phone,
  // user.invalid_email, auth.weak_password (field password), user.unknown_role (field role_ids);
  // 403 auth.cannot_grant; 409 user.username_taken.
  Result<User> create_user(const NewUser& user, const audit::AuditEntry& actor,
                           const PermissionSet* actor_permissions = nullptr);
  // Errors: 400 user.invalid_limit (field limit); storage errors.
  Result<Page<User>> list_users(const UserQuery& query = {});
  // Errors: 404 user.not_found.
  Result<User> get_user(int64_t id);
  // Errors: as create_user for the fields, 400 user.invalid_status, 403 user.cannot_change_self
  // (own roles or status), 403 auth.cannot_grant, 404 user.not_found. Disabling ends sessions.
  Result<User> update_user(int64_t id, const UserPatch& patch, const audit::AuditEntry& actor,
                           const PermissionSet* actor_permissions = nullptr);
  // Errors: 404 user.not_found, 400 auth.weak_password (field `field`).
  Result<void> set_user_password(int64_t id, std::string_view password,
                                 const audit::AuditEntry& actor,
                                 std::string_view field = "new_password");
  // By username (CLI). Errors as set_user_password (field "password") / update_user.
  Result<void> set_password(std::string_view username, std::string_view password,
                            const audit::AuditEntry& actor);
  Result<void> disable_user(std::string_view username, const audit::AuditEntry& actor);
  // The logged-in user's own change; keeps `keep_session_id`, ends the user's other sessions.
  // Errors: 400 auth.wrong_password (field current_password), 400 auth.weak_password (field
  // new_password).
  Result<void> change_own_password(int64_t user_id, std::string_view current,
                                   std::string_view next, std::string_view keep_session_id,
                                   const audit::AuditEntry& actor);

  // --- Roles ----------------------------------------------------------------------------------
  // Role admin lists the whole catalogue as its permissions.
  Result<std::vector<Role>> list_roles();
  // Errors: 400 role.invalid_name, validation.required (label), role.invalid_scope,
  // role.unknown_permission (field permissions); 403 auth.cannot_grant; 409 role.name_taken.
  Result<Role> create_role(const RoleDraft& draft, const audit::AuditEntry& actor,
                           const PermissionSet* actor_permissions = nullptr);
  // As create_role; 409 role.builtin for role admin (and renaming any built-in role);
  // 404 role.not_found.
  Result<Role> update_role(int64_t id, const RoleDraft& draft, const audit::AuditEntry& actor,
                           const PermissionSet* actor_permissions = nullptr);
  // Errors: 404 role.not_found, 409 role.builtin, 409 role.in_use (count in the message).
  Result<void> delete_role(int64_t id, const audit::AuditEntry& actor);
  // Creates or updates the built-in roles and grants each default permission the first time it
  // appears in the catalogue (table seen_permissions), so that an administrator's removal sticks.
  Result<void> sync_builtin_roles();

  // --- API tokens and login log ----------------------------------------------------------------
  Result<std::vector<ApiToken>> list_tokens();
  // Errors: 400 validation.required (name), api_token.invalid_permissions (field permissions:
  // empty or not in the catalogue); 403 auth.cannot_grant.
  Result<NewApiToken> create_token(std::string_view name,
                                   const std::vector<std::string>& permissions,
                                   const audit::AuditEntry& actor,
                                   const PermissionSet& actor_permissions);
  // Errors: 404 api_token.not_found. Revoking twice is fine.
  Result<void> revoke_token(int64_t id, const audit::AuditEntry& actor);
  // Errors: 400 login_log.invalid_limit (field limit).
  Result<Page<LoginLogEntry>> list_logins(const LoginLogQuery& query);

  // For the session service and the module.
  storage::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  Random& random() { return random_; }
  audit::AuditService& audit() { return audit_; }
  settings::SettingsService& settings() { return settings_; }
  PasswordHasher& hasher() { return hasher_; }
  const UserRepository& users() const { return users_; }
  const SessionRepository& sessions() const { return sessions_; }
  const TokenRepository& tokens() const { return tokens_; }

 private:
  Result<User> load_user(storage::Connection& c, int64_t id);
  Result<std::vector<int64_t>> check_roles(storage::Connection& c, std::vector<int64_t> role_ids,
                                           const std::vector<int64_t>& already_held,
                                           const PermissionSet* actor_permissions);
  Result<void> update_password(storage::Connection& tx, int64_t user_id, std::string_view hash,
                               std::string_view keep_session_id, const audit::AuditEntry& actor);
  Result<void> check_role_fields(Role& role, const RoleDraft& draft,
                                 const PermissionSet* actor_permissions);
  Role with_catalogue(Role role) const;

  storage::Database& db_;
  const Clock& clock_;
  Random& random_;
  audit::AuditService& audit_;
  settings::SettingsService& settings_;
  PasswordHasher& hasher_;
  CaptchaService& captcha_;
  UserRepository users_;
  RoleRepository roles_;
  SessionRepository sessions_;
  TokenRepository tokens_;

  mutable std::mutex catalogue_mutex_;
  std::vector<PermissionEntry> catalogue_;
};

}  // namespace crm::auth
