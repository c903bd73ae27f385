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

// A user with the stored password hash, for login and password checks only.
struct StoredUser {
  User user;
  std::string password_hash;
};

// SQL for tables users and user_roles. Knows nothing about HTTP or rules; `catalogue` is the
// permission catalogue, used to expand role admin and to drop permissions no module declares.
// Stateless; errors are storage errors unless stated.
class UserRepository {
 public:
  Result<std::optional<User>> find(storage::Connection& c, int64_t id,
                                   const PermissionSet& catalogue) const;
  // `username` must already be lower case.
  Result<std::optional<StoredUser>> find_by_username(storage::Connection& c,
                                                     std::string_view username,
                                                     const PermissionSet& catalogue) const;
  // Ids of users whose phone equals `phone` or whose email equals `email` case-insensitively.
  Result<std::vector<int64_t>> find_ids_by_contact(storage::Connection& c,
                                                   std::string_view identifier) const;
  Result<std::optional<std::string>> password_hash(storage::Connection& c, int64_t id) const;
  Result<Page<User>> list(storage::Connection& c, const UserQuery& query,
                          const PermissionSet& catalogue) const;
  Result<int64_t> count(storage::Connection& c) const;

  // Errors: kConflict user.username_taken (field username).
  Result<int64_t> insert(storage::Connection& c, const NewUser& user, std::string_view hash,
                         int64_t now_ms) const;
  // Writes display name, phone, email, department and status of `user`.
  Result<void> update_profile(storage::Connection& c, const User& user, int64_t now_ms) const;
  Result<void> replace_roles(storage::Connection& c, int64_t user_id,
                             const std::vector<int64_t>& role_ids) const;
  Result<void> set_password_hash(storage::Connection& c, int64_t id, std::string_view hash,
                                 int64_t now_ms) const;
  Result<void> record_login(storage::Connection& c, int64_t id, int64_t now_ms) const;

 private:
  Result<void> load_access(storage::Connection& c, User& user,
                           const PermissionSet& catalogue) const;
};

}  // namespace crm::auth
