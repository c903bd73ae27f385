// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "http/request.h"
#include "modules/auth/auth_types.h"

namespace crm::auth {

// Wire shapes of docs/api/staff-accounts.md. Times are UTC ms integers; never any secret.
Json to_json(const User& user);
Json to_json(const Role& role);
Json to_json(const ApiToken& token);
Json to_json(const LoginLogEntry& entry);
Json to_json(const PermissionEntry& entry);
template <typename T>
Json page_json(const Page<T>& page) {
  Json items = Json::array();
  for (const T& item : page.items) items.push_back(to_json(item));
  return {{"items", std::move(items)},
          {"total", page.total},
          {"next_after", page.next_after ? Json(*page.next_after) : Json(nullptr)}};
}

// Body fields. Errors: validation.type (field) for a wrong type.
Result<std::optional<std::vector<int64_t>>> optional_id_list(const Json& body,
                                                             std::string_view field);
Result<std::optional<std::vector<std::string>>> optional_string_list(const Json& body,
                                                                     std::string_view field);

}  // namespace crm::auth
