// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/auth_json.h"

#include <fmt/format.h>

namespace crm::auth {

namespace {

Json optional_ms(const std::optional<int64_t>& ms) { return ms ? Json(*ms) : Json(nullptr); }

Error wrong_type(std::string_view field, std::string_view what) {
  return invalid_input("validation.type", fmt::format("Field '{}' must be {}.", field, what),
                       std::string(field));
}

}  // namespace

Json to_json(const User& user) {
  Json roles = Json::array();
  for (const RoleRef& role : user.roles) {
    roles.push_back({{"id", role.id}, {"name", role.name}, {"label", role.label}});
  }
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"phone", user.phone},
          {"email", user.email},
          {"department", user.department},
          {"status", user.status},
          {"roles", std::move(roles)},
          {"permissions", user.permissions},
          {"data_scope", user.data_scope},
          {"totp_enabled", user.totp_enabled},
          {"created_at", user.created_at_ms},
          {"updated_at", user.updated_at_ms},
          {"last_login_at", optional_ms(user.last_login_at_ms)}};
}

Json to_json(const Role& role) {
  return {{"id", role.id},
          {"name", role.name},
          {"label", role.label},
          {"builtin", role.builtin},
          {"data_scope", role.data_scope},
          {"permissions", role.permissions},
          {"user_count", role.user_count}};
}

Json to_json(const ApiToken& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"prefix", token.prefix},
          {"permissions", token.permissions},
          {"created_at", token.created_at_ms},
          {"created_by", token.created_by},
          {"last_used_at", optional_ms(token.last_used_at_ms)},
          {"revoked_at", optional_ms(token.revoked_at_ms)}};
}

Json to_json(const LoginLogEntry& entry) {
  return {{"id", entry.id},
          {"at", entry.at_ms},
          {"username", entry.username},
          {"user_id", optional_ms(entry.user_id)},
          {"ip", entry.ip},
          {"user_agent", entry.user_agent},
          {"result", entry.result}};
}

Json to_json(const PermissionEntry& entry) {
  return {{"name", entry.name},
          {"label_zh", entry.label_zh},
          {"label_en", entry.label_en},
          {"module", entry.module}};
}

Result<std::optional<std::vector<int64_t>>> optional_id_list(const Json& body,
                                                             std::string_view field) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<std::vector<int64_t>>();
  if (!it->is_array()) return wrong_type(field, "an array of ids");
  std::vector<int64_t> ids;
  for (const Json& item : *it) {
    if (!item.is_number_integer()) return wrong_type(field, "an array of ids");
    ids.push_back(item.get<int64_t>());
  }
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

Result<std::optional<std::vector<std::string>>> optional_string_list(const Json& body,
                                                                     std::string_view field) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<std::vector<std::string>>();
  if (!it->is_array()) return wrong_type(field, "an array of strings");
  std::vector<std::string> items;
  for (const Json& item : *it) {
    if (!item.is_string()) return wrong_type(field, "an array of strings");
    items.push_back(item.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(items));
}

}  // namespace crm::auth
