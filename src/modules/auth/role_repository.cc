// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/role_repository.h"

#include "storage/storage_error.h"

namespace crm::auth {

namespace {

constexpr std::string_view kSelect =
    "SELECT r.id, r.name, r.label, r.builtin, r.data_scope, "
    "(SELECT COUNT(*) FROM user_roles ur WHERE ur.role_id = r.id) FROM roles r";

Result<Role> role_from(storage::Connection& c, const storage::Row& row) {
  Role role{row.get_int(0), row.get_string(1), row.get_string(2), row.get_bool(3),
            row.get_string(4), {}, row.get_int(5)};
  CRM_TRY_ASSIGN(auto rows, c.query("SELECT permission FROM role_permissions WHERE role_id = ? "
                                    "ORDER BY permission",
                                    role.id));
  for (const storage::Row& p : rows) role.permissions.push_back(p.get_string(0));
  return role;
}

Error name_taken() { return conflict("role.name_taken", "A role with this name exists.", "name"); }

}  // namespace

Result<std::vector<Role>> RoleRepository::list(storage::Connection& c) const {
  CRM_TRY_ASSIGN(auto rows, c.query(std::string(kSelect) + " ORDER BY r.id"));
  std::vector<Role> roles;
  for (const storage::Row& row : rows) {
    CRM_TRY_ASSIGN(Role role, role_from(c, row));
    roles.push_back(std::move(role));
  }
  return roles;
}

Result<std::optional<Role>> RoleRepository::find(storage::Connection& c, int64_t id) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional(std::string(kSelect) + " WHERE r.id = ?", id));
  if (!row) return std::optional<Role>();
  CRM_TRY_ASSIGN(Role role, role_from(c, *row));
  return std::optional<Role>(std::move(role));
}

Result<std::optional<Role>> RoleRepository::find_by_name(storage::Connection& c,
                                                         std::string_view name) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional(std::string(kSelect) + " WHERE r.name = ?", name));
  if (!row) return std::optional<Role>();
  CRM_TRY_ASSIGN(Role role, role_from(c, *row));
  return std::optional<Role>(std::move(role));
}

Result<int64_t> RoleRepository::insert(storage::Connection& c, const Role& role) const {
  auto inserted = c.query_one(
      "INSERT INTO roles (name, label, builtin, data_scope) VALUES (?, ?, ?, ?) RETURNING id",
      role.name, role.label, role.builtin, role.data_scope);
  if (!inserted && storage::is_unique_violation(inserted.error())) return name_taken();
  CRM_TRY_ASSIGN(storage::Row row, std::move(inserted));
  return row.get_int(0);
}

Result<void> RoleRepository::update(storage::Connection& c, const Role& role) const {
  auto updated = c.execute("UPDATE roles SET name = ?, label = ?, data_scope = ? WHERE id = ?",
                           role.name, role.label, role.data_scope, role.id);
  if (!updated && storage::is_unique_violation(updated.error())) return name_taken();
  CRM_TRY(std::move(updated));
  return {};
}

Result<void> RoleRepository::replace_permissions(
    storage::Connection& c, int64_t role_id, const std::vector<std::string>& permissions) const {
  CRM_TRY(c.execute("DELETE FROM role_permissions WHERE role_id = ?", role_id));
  for (const std::string& permission : permissions) CRM_TRY(add_permission(c, role_id, permission));
  return {};
}

Result<void> RoleRepository::add_permission(storage::Connection& c, int64_t role_id,
                                            std::string_view permission) const {
  CRM_TRY(c.execute("INSERT INTO role_permissions (role_id, permission) VALUES (?, ?) "
                    "ON CONFLICT DO NOTHING",
                    role_id, permission));
  return {};
}

Result<void> RoleRepository::remove(storage::Connection& c, int64_t role_id) const {
  CRM_TRY(c.execute("DELETE FROM roles WHERE id = ?", role_id));
  return {};
}

Result<bool> RoleRepository::is_seen(storage::Connection& c, std::string_view permission) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional("SELECT 1 FROM seen_permissions WHERE permission = ?",
                                            permission));
  return row.has_value();
}

Result<void> RoleRepository::mark_seen(storage::Connection& c, std::string_view permission) const {
  CRM_TRY(c.execute("INSERT INTO seen_permissions (permission) VALUES (?) ON CONFLICT DO NOTHING",
                    permission));
  return {};
}

}  // namespace crm::auth
