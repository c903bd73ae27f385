// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/token_repository.h"

#include <string>

#include "core/json.h"

namespace crm::auth {

namespace {

constexpr std::string_view kSelect =
    "SELECT id, name, prefix, permissions, created_by, created_at_ms, last_used_at_ms, "
    "revoked_at_ms FROM api_tokens";

ApiToken token_from(const storage::Row& row) {
  ApiToken token;
  token.id = row.get_int(0);
  token.name = row.get_string(1);
  token.prefix = row.get_string(2);
  auto permissions = parse_json(row.get_string(3));
  if (permissions && permissions->is_array()) {
    for (const Json& p : *permissions) {
      if (p.is_string()) token.permissions.push_back(p.get<std::string>());
    }
  }
  token.created_by = row.get_int(4);
  token.created_at_ms = row.get_int(5);
  token.last_used_at_ms = row.get_optional_int(6);
  token.revoked_at_ms = row.get_optional_int(7);
  return token;
}

}  // namespace

Result<int64_t> TokenRepository::insert(storage::Connection& c, const ApiToken& token,
                                        std::string_view token_hash) const {
  CRM_TRY_ASSIGN(auto row, c.query_one("INSERT INTO api_tokens (name, prefix, token_hash, "
                                       "permissions, created_by, created_at_ms) "
                                       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                       token.name, token.prefix, token_hash,
                                       dump_json(Json(token.permissions)), token.created_by,
                                       token.created_at_ms));
  return row.get_int(0);
}

Result<std::vector<ApiToken>> TokenRepository::list(storage::Connection& c) const {
  CRM_TRY_ASSIGN(auto rows, c.query(std::string(kSelect) + " ORDER BY id DESC"));
  std::vector<ApiToken> tokens;
  for (const storage::Row& row : rows) tokens.push_back(token_from(row));
  return tokens;
}

Result<std::optional<ApiToken>> TokenRepository::find(storage::Connection& c, int64_t id) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional(std::string(kSelect) + " WHERE id = ?", id));
  if (!row) return std::optional<ApiToken>();
  return std::optional<ApiToken>(token_from(*row));
}

Result<std::optional<ApiToken>> TokenRepository::find_active_by_hash(
    storage::Connection& c, std::string_view token_hash) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional(std::string(kSelect) +
                                                " WHERE token_hash = ? AND revoked_at_ms IS NULL",
                                            token_hash));
  if (!row) return std::optional<ApiToken>();
  return std::optional<ApiToken>(token_from(*row));
}

Result<void> TokenRepository::touch(storage::Connection& c, int64_t id, int64_t now_ms) const {
  CRM_TRY(c.execute("UPDATE api_tokens SET last_used_at_ms = ? WHERE id = ?", now_ms, id));
  return {};
}

Result<void> TokenRepository::revoke(storage::Connection& c, int64_t id, int64_t now_ms) const {
  CRM_TRY(c.execute("UPDATE api_tokens SET revoked_at_ms = ? WHERE id = ? AND "
                    "revoked_at_ms IS NULL",
                    now_ms, id));
  return {};
}

}  // namespace crm::auth
