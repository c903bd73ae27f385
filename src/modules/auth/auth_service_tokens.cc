// SPDX-License-Identifier: Apache-2.0
// AuthService: API tokens and the login log.
#include <algorithm>

#include "core/crypto.h"
#include "core/text.h"
#include "modules/auth/auth_service.h"

namespace crm::auth {

Result<std::vector<ApiToken>> AuthService::list_tokens() {
  return db_.read([&](storage::Connection& c) { return tokens_.list(c); });
}

Result<NewApiToken> AuthService::create_token(std::string_view name,
                                              const std::vector<std::string>& permissions,
                                              const audit::AuditEntry& actor,
                                              const PermissionSet& actor_permissions) {
  const std::string label(trim(name));
  if (label.empty()) return invalid_input("validation.required", "A name is required.", "name");
  if (label.size() > 64 * 3) {
    return invalid_input("validation.too_long", "At most 64 characters.", "name");
  }
  if (!actor.actor_id) return forbidden("auth.cannot_grant", "Only a user can create tokens.");
  std::vector<std::string> granted = permissions;
  std::sort(granted.begin(), granted.end());
  granted.erase(std::unique(granted.begin(), granted.end()), granted.end());
  const PermissionSet catalogue = catalogue_names();
  if (granted.empty()) {
    return invalid_input("api_token.invalid_permissions", "Choose at least one permission.",
                         "permissions");
  }
  for (const std::string& permission : granted) {
    if (!catalogue.contains(permission)) {
      return invalid_input("api_token.invalid_permissions", "Unknown permission '" + permission +
                                                                "'.",
                           "permissions");
    }
    if (!actor_permissions.contains(permission)) {
      return forbidden("auth.cannot_grant", "You cannot grant permissions you do not have.");
    }
  }
  NewApiToken created;
  created.secret = "scrm_" + random_.token(32);
  ApiToken& token = created.token;
  token.name = label;
  token.prefix = created.secret.substr(0, 8);
  token.permissions = std::move(granted);
  token.created_by = *actor.actor_id;
  token.created_at_ms = clock_.now_ms();
  Result<void> written = db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(token.id, tokens_.insert(tx, token, sha256_hex(created.secret)));
    audit::AuditEntry entry = actor;
    entry.action = "api_token.created";
    entry.target_type = "api_token";
    entry.target_id = std::to_string(token.id);
    entry.changes = {{"name", token.name}, {"prefix", token.prefix},
                     {"permissions", token.permissions}};
    return audit_.record(tx, entry);
  });
  if (!written) return std::move(written).error();
  return created;
}

Result<void> AuthService::revoke_token(int64_t id, const audit::AuditEntry& actor) {
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(std::optional<ApiToken> token, tokens_.find(tx, id));
    if (!token) return not_found("api_token.not_found", "The API token was not found.");
    if (token->revoked_at_ms) return {};
    CRM_TRY(tokens_.revoke(tx, id, clock_.now_ms()));
    audit::AuditEntry entry = actor;
    entry.action = "api_token.revoked";
    entry.target_type = "api_token";
    entry.target_id = std::to_string(id);
    entry.changes = {{"name", token->name}, {"prefix", token->prefix}};
    return audit_.record(tx, entry);
  });
}

Result<Page<LoginLogEntry>> AuthService::list_logins(const LoginLogQuery& query) {
  if (query.limit < 1 || query.limit > kMaxPageSize) {
    return invalid_input("login_log.invalid_limit", "limit must be 1-200.", "limit");
  }
  return db_.read([&](storage::Connection& c) { return sessions_.list_logins(c, query); });
}

}  // namespace crm::auth
