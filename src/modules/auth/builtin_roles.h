// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string_view>

namespace crm::auth {

// A role every installation has. Default permissions that no module declares are skipped.
struct BuiltinRole {
  std::string_view name;
  std::string_view label;
  std::string_view data_scope;
  std::span<const std::string_view> default_permissions;  // admin: none (it has everything)
};

std::span<const BuiltinRole> builtin_roles();

}  // namespace crm::auth
