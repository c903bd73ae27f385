// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/user_repository.h"

#include "core/text.h"
#include "storage/storage_error.h"

namespace crm::auth {

namespace {

constexpr std::string_view kSelect =
    "SELECT id, username, display_name, phone, email, department, status, totp_enabled, "
    "created_at_ms, updated_at_ms, last_login_at_ms, password_hash FROM users";

User user_from(const storage::Row& row) {
  User user;
  user.id = row.get_int(0);
  user.username = row.get_string(1);
  user.display_name = row.get_string(2);
  user.phone = row.get_string(3);
  user.email = row.get_string(4);
  user.department = row.get_string(5);
  user.status = row.get_string(6);
  user.totp_enabled = row.get_bool(7);
  user.created_at_ms = row.get_int(8);
  user.updated_at_ms = row.get_int(9);
  user.last_login_at_ms = row.get_optional_int(10);
  return user;
}

int scope_rank(std::string_view scope) {
  if (scope == "all") return 2;
  if (scope == "department") return 1;
  return 0;
}

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char c : to_lower_ascii(text)) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

Result<void> UserRepository::load_access(storage::Connection& c, User& user,
                                         const PermissionSet& catalogue) const {
  CRM_TRY_ASSIGN(auto roles,
                 c.query("SELECT r.id, r.name, r.label, r.data_scope FROM roles r "
                         "JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = ? "
                         "ORDER BY r.id",
                         user.id));
  bool admin = false;
  user.data_scope = "own";
  for (const storage::Row& row : roles) {
    user.roles.push_back({row.get_int(0), row.get_string(1), row.get_string(2)});
    admin = admin || user.roles.back().name == kAdminRole;
    const std::string scope = row.get_string(3);
    if (scope_rank(scope) > scope_rank(user.data_scope)) user.data_scope = scope;
  }
  if (admin) {
    user.permissions = catalogue;
    user.data_scope = "all";
    return {};
  }
  CRM_TRY_ASSIGN(auto permissions,
                 c.query("SELECT DISTINCT rp.permission FROM role_permissions rp "
                         "JOIN user_roles ur ON ur.role_id = rp.role_id WHERE ur.user_id = ?",
                         user.id));
  for (const storage::Row& row : permissions) {
    std::string name = row.get_string(0);
    if (catalogue.empty() || catalogue.contains(name)) user.permissions.insert(std::move(name));
  }
  return {};
}

Result<std::optional<User>> UserRepository::find(storage::Connection& c, int64_t id,
                                                 const PermissionSet& catalogue) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional(std::string(kSelect) + " WHERE id = ?", id));
  if (!row) return std::optional<User>();
  User user = user_from(*row);
  CRM_TRY(load_access(c, user, catalogue));
  return std::optional<User>(std::move(user));
}

Result<std::optional<StoredUser>> UserRepository::find_by_username(
    storage::Connection& c, std::string_view username, const PermissionSet& catalogue) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional(std::string(kSelect) + " WHERE username = ?",
                                            username));
  if (!row) return std::optional<StoredUser>();
  StoredUser stored{user_from(*row), row->get_string(11)};
  CRM_TRY(load_access(c, stored.user, catalogue));
  return std::optional<StoredUser>(std::move(stored));
}

Result<std::vector<int64_t>> UserRepository::find_ids_by_contact(
    storage::Connection& c, std::string_view identifier) const {
  std::vector<int64_t> ids;
  if (identifier.empty()) return ids;
  CRM_TRY_ASSIGN(auto rows, c.query("SELECT id FROM users WHERE phone = ? OR lower(email) = ? "
                                    "ORDER BY id",
                                    identifier, to_lower_ascii(identifier)));
  for (const storage::Row& row : rows) ids.push_back(row.get_int(0));
  return ids;
}

Result<std::optional<std::string>> UserRepository::password_hash(storage::Connection& c,
                                                                 int64_t id) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional("SELECT password_hash FROM users WHERE id = ?", id));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(row->get_string(0));
}

Result<Page<User>> UserRepository::list(storage::Connection& c, const UserQuery& query,
                                        const PermissionSet& catalogue) const {
  std::string where;
  std::vector<storage::Value> params;
  auto add = [&](std::string_view condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  if (query.q && !query.q->empty()) {
    add("(lower(username) LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\' "
        "OR phone LIKE ? ESCAPE '\\' OR lower(email) LIKE ? ESCAPE '\\')");
    for (int i = 0; i < 4; ++i) params.emplace_back(like_contains(*query.q));
  }
  if (query.status) {
    add("status = ?");
    params.emplace_back(*query.status);
  }
  if (query.role_id) {
    add("id IN (SELECT user_id FROM user_roles WHERE role_id = ?)");
    params.emplace_back(*query.role_id);
  }
  CRM_TRY_ASSIGN(auto total, c.query_values("SELECT COUNT(*) FROM users" + where, params));
  Page<User> page;
  page.total = total.front().get_int(0);
  if (query.after) {
    add("id < ?");
    params.emplace_back(*query.after);
  }
  params.emplace_back(int64_t{query.limit + 1});
  CRM_TRY_ASSIGN(auto rows, c.query_values(std::string(kSelect) + where +
                                               " ORDER BY id DESC LIMIT ?",
                                           params));
  for (const storage::Row& row : rows) {
    if (static_cast<int>(page.items.size()) == query.limit) {
      page.next_after = page.items.back().id;
      break;
    }
    User user = user_from(row);
    CRM_TRY(load_access(c, user, catalogue));
    page.items.push_back(std::move(user));
  }
  return page;
}

Result<int64_t> UserRepository::count(storage::Connection& c) const {
  CRM_TRY_ASSIGN(auto row, c.query_one("SELECT COUNT(*) FROM users"));
  return row.get_int(0);
}

Result<int64_t> UserRepository::insert(storage::Connection& c, const NewUser& user,
                                       std::string_view hash, int64_t now_ms) const {
  auto inserted = c.query_one(
      "INSERT INTO users (username, display_name, phone, email, department, status, "
      "password_hash, password_changed_at_ms, created_at_ms, updated_at_ms) "
      "VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",
      user.username, user.display_name, user.phone, user.email, user.department, hash, now_ms,
      now_ms, now_ms);
  if (!inserted && storage::is_unique_violation(inserted.error())) {
    return conflict("user.username_taken", "This username is already taken.", "username");
  }
  CRM_TRY_ASSIGN(storage::Row row, std::move(inserted));
  return row.get_int(0);
}

Result<void> UserRepository::update_profile(storage::Connection& c, const User& user,
                                            int64_t now_ms) const {
  CRM_TRY(c.execute("UPDATE users SET display_name = ?, phone = ?, email = ?, department = ?, "
                    "status = ?, updated_at_ms = ? WHERE id = ?",
                    user.display_name, user.phone, user.email, user.department, user.status,
                    now_ms, user.id));
  return {};
}

Result<void> UserRepository::replace_roles(storage::Connection& c, int64_t user_id,
                                           const std::vector<int64_t>& role_ids) const {
  CRM_TRY(c.execute("DELETE FROM user_roles WHERE user_id = ?", user_id));
  for (int64_t role_id : role_ids) {
    CRM_TRY(c.execute("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", user_id,
                      role_id));
  }
  return {};
}

Result<void> UserRepository::set_password_hash(storage::Connection& c, int64_t id,
                                               std::string_view hash, int64_t now_ms) const {
  CRM_TRY(c.execute("UPDATE users SET password_hash = ?, password_changed_at_ms = ?, "
                    "updated_at_ms = ? WHERE id = ?",
                    hash, now_ms, now_ms, id));
  return {};
}

Result<void> UserRepository::record_login(storage::Connection& c, int64_t id,
                                          int64_t now_ms) const {
  CRM_TRY(c.execute("UPDATE users SET last_login_at_ms = ? WHERE id = ?", now_ms, id));
  return {};
}

}  // namespace crm::auth
