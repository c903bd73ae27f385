// SPDX-License-Identifier: Apache-2.0
// AuthService: roles and the built-in roles.
#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/auth/auth_service.h"
#include "modules/auth/builtin_roles.h"

namespace crm::auth {

namespace {

Error role_not_found() { return not_found("role.not_found", "The role was not found."); }
Error role_builtin(std::string_view what) { return conflict("role.builtin", std::string(what)); }

bool is_role_name(std::string_view name) {
  if (name.size() < 2 || name.size() > 32 || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Json role_changes(const Role& before, const Role& after) {
  Json changes = Json::object();
  if (before.name != after.name) changes["name"] = audit::change(before.name, after.name);
  if (before.label != after.label) changes["label"] = audit::change(before.label, after.label);
  if (before.data_scope != after.data_scope) {
    changes["data_scope"] = audit::change(before.data_scope, after.data_scope);
  }
  if (before.permissions != after.permissions) {
    changes["permissions"] = audit::change(before.permissions, after.permissions);
  }
  return changes;
}

}  // namespace

Role AuthService::with_catalogue(Role role) const {
  if (role.name == kAdminRole) {
    const PermissionSet all = catalogue_names();
    role.permissions.assign(all.begin(), all.end());
  }
  return role;
}

Result<void> AuthService::check_role_fields(Role& role, const RoleDraft& draft,
                                            const PermissionSet* actor_permissions) {
  if (draft.name) {
    if (!is_role_name(*draft.name)) {
      return invalid_input("role.invalid_name",
                           "Role names are 2-32 characters of a-z, 0-9 and '_', starting with a "
                           "letter.",
                           "name");
    }
    role.name = *draft.name;
  }
  if (draft.label) {
    std::string label(trim(*draft.label));
    if (label.empty()) return invalid_input("validation.required", "A label is required.", "label");
    if (label.size() > 64 * 3) {
      return invalid_input("validation.too_long", "At most 64 characters.", "label");
    }
    role.label = std::move(label);
  }
  if (draft.data_scope) {
    if (*draft.data_scope != "own" && *draft.data_scope != "department" &&
        *draft.data_scope != "all") {
      return invalid_input("role.invalid_scope", "data_scope must be own, department or all.",
                           "data_scope");
    }
    role.data_scope = *draft.data_scope;
  }
  if (draft.permissions) {
    const PermissionSet catalogue = catalogue_names();
    std::vector<std::string> permissions = *draft.permissions;
    std::sort(permissions.begin(), permissions.end());
    permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
    for (const std::string& permission : permissions) {
      if (!catalogue.contains(permission)) {
        return invalid_input("role.unknown_permission",
                             fmt::format("Unknown permission '{}'.", permission), "permissions");
      }
      const bool added = std::find(role.permissions.begin(), role.permissions.end(),
                                   permission) == role.permissions.end();
      if (added && actor_permissions != nullptr && !actor_permissions->contains(permission)) {
        return forbidden("auth.cannot_grant",
                         "You cannot grant permissions you do not have.");
      }
    }
    role.permissions = std::move(permissions);
  }
  return {};
}

Result<std::vector<Role>> AuthService::list_roles() {
  CRM_TRY_ASSIGN(std::vector<Role> roles,
                 db_.read([&](storage::Connection& c) { return roles_.list(c); }));
  for (Role& role : roles) role = with_catalogue(std::move(role));
  return roles;
}

Result<Role> AuthService::create_role(const RoleDraft& draft, const audit::AuditEntry& actor,
                                      const PermissionSet* actor_permissions) {
  if (!draft.name) return invalid_input("validation.required", "A name is required.", "name");
  if (!draft.label) return invalid_input("validation.required", "A label is required.", "label");
  Role role;
  CRM_TRY(check_role_fields(role, draft, actor_permissions));
  return db_.transaction([&](storage::Connection& tx) -> Result<Role> {
    CRM_TRY_ASSIGN(role.id, roles_.insert(tx, role));
    CRM_TRY(roles_.replace_permissions(tx, role.id, role.permissions));
    audit::AuditEntry entry = actor;
    entry.action = "role.created";
    entry.target_type = "role";
    entry.target_id = std::to_string(role.id);
    entry.changes = role_changes(Role{}, role);
    CRM_TRY(audit_.record(tx, entry));
    return role;
  });
}

Result<Role> AuthService::update_role(int64_t id, const RoleDraft& draft,
                                      const audit::AuditEntry& actor,
                                      const PermissionSet* actor_permissions) {
  return db_.transaction([&](storage::Connection& tx) -> Result<Role> {
    CRM_TRY_ASSIGN(std::optional<Role> found, roles_.find(tx, id));
    if (!found) return role_not_found();
    const Role before = *found;
    if (before.name == kAdminRole) return role_builtin("The admin role cannot be changed.");
    if (before.builtin && draft.name && *draft.name != before.name) {
      return role_builtin("A built-in role cannot be renamed.");
    }
    Role after = before;
    CRM_TRY(check_role_fields(after, draft, actor_permissions));
    const Json changes = role_changes(before, after);
    if (changes.empty()) return after;
    CRM_TRY(roles_.update(tx, after));
    if (after.permissions != before.permissions) {
      CRM_TRY(roles_.replace_permissions(tx, id, after.permissions));
    }
    audit::AuditEntry entry = actor;
    entry.action = "role.updated";
    entry.target_type = "role";
    entry.target_id = std::to_string(id);
    entry.changes = changes;
    CRM_TRY(audit_.record(tx, entry));
    return after;
  });
}

Result<void> AuthService::delete_role(int64_t id, const audit::AuditEntry& actor) {
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(std::optional<Role> role, roles_.find(tx, id));
    if (!role) return role_not_found();
    if (role->builtin) return role_builtin("A built-in role cannot be deleted.");
    if (role->user_count > 0) {
      return conflict("role.in_use", fmt::format("The role is assigned to {} user(s); remove it "
                                                 "from them first.",
                                                 role->user_count));
    }
    CRM_TRY(roles_.remove(tx, id));
    audit::AuditEntry entry = actor;
    entry.action = "role.deleted";
    entry.target_type = "role";
    entry.target_id = std::to_string(id);
    entry.changes = {{"name", role->name}};
    return audit_.record(tx, entry);
  });
}

Result<void> AuthService::sync_builtin_roles() {
  const PermissionSet catalogue = catalogue_names();
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    for (const BuiltinRole& builtin : builtin_roles()) {
      CRM_TRY_ASSIGN(std::optional<Role> role, roles_.find_by_name(tx, builtin.name));
      int64_t id = 0;
      if (!role) {
        Role created{0, std::string(builtin.name), std::string(builtin.label), true,
                     std::string(builtin.data_scope), {}, 0};
        CRM_TRY_ASSIGN(id, roles_.insert(tx, created));
      } else {
        id = role->id;
      }
      for (std::string_view permission : builtin.default_permissions) {
        if (!catalogue.contains(permission)) continue;
        CRM_TRY_ASSIGN(bool seen, roles_.is_seen(tx, permission));
        if (!seen) CRM_TRY(roles_.add_permission(tx, id, permission));
      }
    }
    for (const std::string& permission : catalogue) CRM_TRY(roles_.mark_seen(tx, permission));
    return {};
  });
}

}  // namespace crm::auth
