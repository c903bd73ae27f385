// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "http/router.h"
#include "modules/settings/settings_service.h"

namespace crm::settings {

inline constexpr std::string_view kViewPermission = "settings.view";
inline constexpr std::string_view kManagePermission = "settings.manage";

// GET /api/v1/settings (settings.view) and PUT /api/v1/settings (settings.manage, a JSON object of
// the keys to change); both answer {"values":{..},"defaults":{..},"schema":{..}}.
class SettingsRoutes {
 public:
  explicit SettingsRoutes(SettingsService& service) : service_(service) {}

  void add_to(http::Router& router);
  Result<http::Response> show(const http::Request& request) const;
  Result<http::Response> update(const http::Request& request);

 private:
  SettingsService& service_;
};

}  // namespace crm::settings
