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

// SQL for tables roles, role_permissions and seen_permissions. Role::permissions are the stored
// rows (role admin has none stored: it implicitly has the whole catalogue, see the service).
// Stateless; errors are storage errors unless stated.
class RoleRepository {
 public:
  Result<std::vector<Role>> list(storage::Connection& c) const;
  Result<std::optional<Role>> find(storage::Connection& c, int64_t id) const;
  Result<std::optional<Role>> find_by_name(storage::Connection& c, std::string_view name) const;

  // Errors: kConflict role.name_taken (field name).
  Result<int64_t> insert(storage::Connection& c, const Role& role) const;
  // Writes name, label and data scope. Errors: role.name_taken.
  Result<void> update(storage::Connection& c, const Role& role) const;
  Result<void> replace_permissions(storage::Connection& c, int64_t role_id,
                                   const std::vector<std::string>& permissions) const;
  Result<void> add_permission(storage::Connection& c, int64_t role_id,
                              std::string_view permission) const;
  Result<void> remove(storage::Connection& c, int64_t role_id) const;

  Result<bool> is_seen(storage::Connection& c, std::string_view permission) const;
  Result<void> mark_seen(storage::Connection& c, std::string_view permission) const;
};

}  // namespace crm::auth
