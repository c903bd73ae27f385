// SPDX-License-Identifier: Apache-2.0
// AuthService: catalogue, accounts and passwords. Roles: auth_service_roles.cc; API tokens and
// the login log: auth_service_tokens.cc.
#include "modules/auth/auth_service.h"

#include <algorithm>

#include "core/text.h"
#include "modules/auth/password_policy.h"
#include "modules/auth/user_validation.h"

namespace crm::auth {

namespace {

Error user_not_found() { return not_found("user.not_found", "The user was not found."); }

Json role_names(const User& user) {
  Json names = Json::array();
  for (const RoleRef& role : user.roles) names.push_back(role.name);
  return names;
}

}  // namespace

AuthService::AuthService(storage::Database& db, const Clock& clock, Random& random,
                         audit::AuditService& audit, settings::SettingsService& settings,
                         PasswordHasher& hasher, CaptchaService& captcha)
    : db_(db), clock_(clock), random_(random), audit_(audit), settings_(settings),
      hasher_(hasher), captcha_(captcha) {}

void AuthService::set_catalogue(const std::vector<modules::PermissionInfo>& permissions,
                                const std::vector<std::string>& module_names) {
  CRM_CHECK(permissions.size() == module_names.size());
  std::vector<PermissionEntry> entries;
  for (size_t i = 0; i < permissions.size(); ++i) {
    entries.push_back({std::string(permissions[i].name), std::string(permissions[i].label_zh),
                       std::string(permissions[i].label_en), module_names[i]});
  }
  std::lock_guard lock(catalogue_mutex_);
  catalogue_ = std::move(entries);
}

void AuthService::set_catalogue(const modules::Modules& all) {
  std::vector<modules::PermissionInfo> permissions;
  std::vector<std::string> names;
  for (const auto& module : all.all()) {
    for (const modules::PermissionInfo& info : module->permissions()) {
      permissions.push_back(info);
      names.emplace_back(module->name());
    }
  }
  set_catalogue(permissions, names);
}

std::vector<PermissionEntry> AuthService::catalogue() const {
  std::lock_guard lock(catalogue_mutex_);
  return catalogue_;
}

PermissionSet AuthService::catalogue_names() const {
  std::lock_guard lock(catalogue_mutex_);
  PermissionSet names;
  for (const PermissionEntry& entry : catalogue_) names.insert(entry.name);
  return names;
}

Result<User> AuthService::load_user(storage::Connection& c, int64_t id) {
  CRM_TRY_ASSIGN(std::optional<User> user, users_.find(c, id, catalogue_names()));
  if (!user) return user_not_found();
  return std::move(*user);
}

Result<std::optional<AccountContact>> AuthService::find_account(storage::Connection& tx,
                                                                std::string_view identifier) {
  const std::string_view text = trim(identifier);
  if (text.empty() || text.size() > 254) return std::optional<AccountContact>();
  auto contact = [](const User& u) {
    return std::optional<AccountContact>(
        AccountContact{u.id, u.username, u.phone, u.email, u.is_active()});
  };
  CRM_TRY_ASSIGN(auto by_name, users_.find_by_username(tx, to_lower_ascii(text), {}));
  if (by_name) return contact(by_name->user);
  CRM_TRY_ASSIGN(std::vector<int64_t> ids, users_.find_ids_by_contact(tx, text));
  if (ids.size() != 1) return std::optional<AccountContact>();  // none, or not unique
  CRM_TRY_ASSIGN(auto user, users_.find(tx, ids.front(), {}));
  if (!user) return std::optional<AccountContact>();
  return contact(*user);
}

Result<std::string> AuthService::hash_new_password(std::string_view username,
                                                   std::string_view password,
                                                   std::string_view field) {
  const settings::Settings current = settings_.current();
  CRM_TRY(check_password(username, password, current.password_min_length,
                         current.password_classes, field));
  return hasher_.hash(password);
}

Result<void> AuthService::update_password(storage::Connection& tx, int64_t user_id,
                                          std::string_view hash, std::string_view keep_session_id,
                                          const audit::AuditEntry& actor) {
  CRM_TRY_ASSIGN(auto existing, users_.password_hash(tx, user_id));
  if (!existing) return user_not_found();
  CRM_TRY(users_.set_password_hash(tx, user_id, hash, clock_.now_ms()));
  CRM_TRY(sessions_.remove_for_user(tx, user_id, keep_session_id));
  audit::AuditEntry entry = actor;
  entry.action = "user.password_set";
  entry.target_type = "user";
  entry.target_id = std::to_string(user_id);
  entry.changes = Json::object();
  return audit_.record(tx, entry);
}

Result<void> AuthService::set_password_hash(storage::Connection& tx, int64_t user_id,
                                            std::string_view hash,
                                            const audit::AuditEntry& actor) {
  return update_password(tx, user_id, hash, {}, actor);
}

Result<void> AuthService::verify_captcha(std::string_view id, std::string_view answer) {
  return captcha_.verify(id, answer);
}

Result<std::vector<int64_t>> AuthService::check_roles(storage::Connection& c,
                                                      std::vector<int64_t> role_ids,
                                                      const std::vector<int64_t>& already_held,
                                                      const PermissionSet* actor_permissions) {
  std::sort(role_ids.begin(), role_ids.end());
  role_ids.erase(std::unique(role_ids.begin(), role_ids.end()), role_ids.end());
  const PermissionSet catalogue = catalogue_names();
  for (int64_t id : role_ids) {
    CRM_TRY_ASSIGN(std::optional<Role> role, roles_.find(c, id));
    if (!role) {
      return invalid_input("user.unknown_role", "A role in role_ids does not exist.", "role_ids");
    }
    const bool new_grant = std::find(already_held.begin(), already_held.end(), id) ==
                           already_held.end();
    if (actor_permissions == nullptr || !new_grant) continue;
    const Role full = with_catalogue(*role);
    for (const std::string& permission : full.permissions) {
      if (!actor_permissions->contains(permission)) {
        return forbidden("auth.cannot_grant",
                         "You cannot grant a role with permissions you do not have.");
      }
    }
  }
  return role_ids;
}

Result<User> AuthService::create_user(const NewUser& input, const audit::AuditEntry& actor,
                                      const PermissionSet* actor_permissions) {
  NewUser user;
  CRM_TRY_ASSIGN(user.username, normalize_username(input.username));
  CRM_TRY_ASSIGN(user.display_name, normalize_display_name(input.display_name));
  CRM_TRY_ASSIGN(user.phone, normalize_phone(input.phone));
  CRM_TRY_ASSIGN(user.email, normalize_email(input.email));
  CRM_TRY_ASSIGN(user.department, normalize_department(input.department));
  CRM_TRY_ASSIGN(std::string hash, hash_new_password(user.username, input.password, "password"));
  return db_.transaction([&](storage::Connection& tx) -> Result<User> {
    CRM_TRY_ASSIGN(user.role_ids, check_roles(tx, input.role_ids, {}, actor_permissions));
    CRM_TRY_ASSIGN(int64_t id, users_.insert(tx, user, hash, clock_.now_ms()));
    CRM_TRY(users_.replace_roles(tx, id, user.role_ids));
    CRM_TRY_ASSIGN(User created, load_user(tx, id));
    audit::AuditEntry entry = actor;
    entry.action = "user.created";
    entry.target_type = "user";
    entry.target_id = std::to_string(id);
    entry.changes = {{"username", created.username},
                     {"display_name", created.display_name},
                     {"phone", created.phone},
                     {"email", created.email},
                     {"department", created.department},
                     {"roles", role_names(created)}};
    CRM_TRY(audit_.record(tx, entry));
    return created;
  });
}

Result<Page<User>> AuthService::list_users(const UserQuery& query) {
  if (query.limit < 1 || query.limit > kMaxPageSize) {
    return invalid_input("user.invalid_limit", "limit must be 1-200.", "limit");
  }
  return db_.read([&](storage::Connection& c) { return users_.list(c, query, catalogue_names()); });
}

Result<User> AuthService::get_user(int64_t id) {
  return db_.read([&](storage::Connection& c) { return load_user(c, id); });
}

Result<User> AuthService::update_user(int64_t id, const UserPatch& patch,
                                      const audit::AuditEntry& actor,
                                      const PermissionSet* actor_permissions) {
  if (patch.status && *patch.status != "active" && *patch.status != "disabled") {
    return invalid_input("user.invalid_status", "status must be active or disabled.", "status");
  }
  return db_.transaction([&](storage::Connection& tx) -> Result<User> {
    CRM_TRY_ASSIGN(User before, load_user(tx, id));
    User after = before;
    Json changes = Json::object();
    auto set = [&](std::string& field, const std::optional<std::string>& value,
                   Result<std::string> (*normalize)(std::string_view),
                   std::string_view name) -> Result<void> {
      if (!value) return {};
      CRM_TRY_ASSIGN(std::string normalized, normalize(*value));
      if (normalized != field) changes[std::string(name)] = audit::change(field, normalized);
      field = std::move(normalized);
      return {};
    };
    CRM_TRY(set(after.display_name, patch.display_name, normalize_display_name, "display_name"));
    CRM_TRY(set(after.phone, patch.phone, normalize_phone, "phone"));
    CRM_TRY(set(after.email, patch.email, normalize_email, "email"));
    CRM_TRY(set(after.department, patch.department, normalize_department, "department"));
    const bool self = actor.actor_id && *actor.actor_id == id;
    if (patch.status && *patch.status != before.status) {
      if (self) return forbidden("user.cannot_change_self", "You cannot change your own status.");
      changes["status"] = audit::change(before.status, *patch.status);
      after.status = *patch.status;
    }
    if (patch.role_ids) {
      std::vector<int64_t> held;
      for (const RoleRef& role : before.roles) held.push_back(role.id);
      CRM_TRY_ASSIGN(std::vector<int64_t> ids,
                     check_roles(tx, *patch.role_ids, held, actor_permissions));
      if (ids != held) {  // both sorted (held by role id)
        if (self) return forbidden("user.cannot_change_self", "You cannot change your own roles.");
        CRM_TRY(users_.replace_roles(tx, id, ids));
        CRM_TRY_ASSIGN(User reloaded, load_user(tx, id));
        changes["roles"] = audit::change(role_names(before), role_names(reloaded));
      }
    }
    if (changes.empty()) return before;
    CRM_TRY(users_.update_profile(tx, after, clock_.now_ms()));
    const bool disabled = after.status == "disabled" && before.status != "disabled";
    if (disabled) CRM_TRY(sessions_.remove_for_user(tx, id));
    audit::AuditEntry entry = actor;
    entry.action = disabled ? "user.disabled" : "user.updated";
    entry.target_type = "user";
    entry.target_id = std::to_string(id);
    entry.changes = std::move(changes);
    CRM_TRY(audit_.record(tx, entry));
    return load_user(tx, id);
  });
}

Result<void> AuthService::set_user_password(int64_t id, std::string_view password,
                                            const audit::AuditEntry& actor,
                                            std::string_view field) {
  CRM_TRY_ASSIGN(User user, get_user(id));
  CRM_TRY_ASSIGN(std::string hash, hash_new_password(user.username, password, field));
  return db_.transaction(
      [&](storage::Connection& tx) { return set_password_hash(tx, id, hash, actor); });
}

Result<void> AuthService::set_password(std::string_view username, std::string_view password,
                                       const audit::AuditEntry& actor) {
  CRM_TRY_ASSIGN(auto stored, db_.read([&](storage::Connection& c) {
    return users_.find_by_username(c, to_lower_ascii(username), {});
  }));
  if (!stored) return user_not_found();
  return set_user_password(stored->user.id, password, actor, "password");
}

Result<void> AuthService::disable_user(std::string_view username, const audit::AuditEntry& actor) {
  CRM_TRY_ASSIGN(auto stored, db_.read([&](storage::Connection& c) {
    return users_.find_by_username(c, to_lower_ascii(username), {});
  }));
  if (!stored) return user_not_found();
  UserPatch patch;
  patch.status = "disabled";
  CRM_TRY(update_user(stored->user.id, patch, actor));
  return {};
}

Result<void> AuthService::change_own_password(int64_t user_id, std::string_view current,
                                              std::string_view next,
                                              std::string_view keep_session_id,
                                              const audit::AuditEntry& actor) {
  CRM_TRY_ASSIGN(auto stored, db_.read([&](storage::Connection& c) -> Result<StoredUser> {
    CRM_TRY_ASSIGN(User user, load_user(c, user_id));
    CRM_TRY_ASSIGN(auto hash, users_.password_hash(c, user_id));
    return StoredUser{std::move(user), hash.value_or("")};
  }));
  if (!hasher_.verify(stored.password_hash, current)) {
    return invalid_input("auth.wrong_password", "The current password is wrong.",
                         "current_password");
  }
  CRM_TRY_ASSIGN(std::string hash, hash_new_password(stored.user.username, next, "new_password"));
  return db_.transaction([&](storage::Connection& tx) {
    return update_password(tx, user_id, hash, keep_session_id, actor);
  });
}

}  // namespace crm::auth
