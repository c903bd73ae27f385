// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace crm::auth {

using PermissionSet = std::set<std::string, std::less<>>;

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;
inline constexpr std::string_view kAdminRole = "admin";

struct RoleRef {
  int64_t id = 0;
  std::string name;
  std::string label;
};

// A staff account as the API shows it: with roles, effective permissions and data scope.
struct User {
  int64_t id = 0;
  std::string username;  // lower case
  std::string display_name;
  std::string phone;
  std::string email;
  std::string department;
  std::string status;  // "active" | "disabled"
  std::vector<RoleRef> roles;
  PermissionSet permissions;       // union of the roles' permissions; admin: the whole catalogue
  std::string data_scope = "own";  // widest of the roles: all > department > own
  bool totp_enabled = false;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  std::optional<int64_t> last_login_at_ms;
  bool is_active() const { return status == "active"; }
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::string phone;
  std::string email;
  std::string department;
  std::vector<int64_t> role_ids;
};

// Only the set fields change.
struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> department;
  std::optional<std::vector<int64_t>> role_ids;
  std::optional<std::string> status;
};

struct UserQuery {
  std::optional<std::string> q;  // substring of username, display name, phone or email
  std::optional<std::string> status;
  std::optional<int64_t> role_id;
  int limit = kDefaultPageSize;
  std::optional<int64_t> after;
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
  std::optional<int64_t> next_after;
};

struct Role {
  int64_t id = 0;
  std::string name;
  std::string label;
  bool builtin = false;
  std::string data_scope = "own";
  std::vector<std::string> permissions;  // sorted
  int64_t user_count = 0;
};

// For create every field but permissions is required; for update only the set fields change.
struct RoleDraft {
  std::optional<std::string> name;
  std::optional<std::string> label;
  std::optional<std::string> data_scope;
  std::optional<std::vector<std::string>> permissions;
};

struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string prefix;  // the first 8 characters of the token, for recognising it
  std::vector<std::string> permissions;
  int64_t created_by = 0;
  int64_t created_at_ms = 0;
  std::optional<int64_t> last_used_at_ms;
  std::optional<int64_t> revoked_at_ms;
};

// A just-created token: the only time the secret is available.
struct NewApiToken {
  ApiToken token;
  std::string secret;  // "scrm_" + 32 random bytes base64url
};

struct LoginLogEntry {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::string username;
  std::optional<int64_t> user_id;
  std::string ip;
  std::string user_agent;
  std::string result;  // success, invalid_credentials, locked, captcha_invalid, disabled, totp_invalid
};

struct LoginLogQuery {
  std::optional<std::string> username;
  std::optional<std::string> result;
  std::optional<int64_t> from_ms;  // inclusive
  std::optional<int64_t> to_ms;    // exclusive
  int limit = kDefaultPageSize;
  std::optional<int64_t> after;
};

// One entry of the permission catalogue every module contributes to.
struct PermissionEntry {
  std::string name;
  std::string label_zh;
  std::string label_en;
  std::string module;
};

// Who a request is from, as the authenticator resolved it.
struct Principal {
  User user;
  PermissionSet permissions;  // for an API token: the token's ∩ its creator's
  std::string session_id;     // empty for an API token
  std::string csrf_token;     // empty for an API token
  std::optional<int64_t> token_id;
  std::string token_name;
};

}  // namespace crm::auth
