// SPDX-License-Identifier: Apache-2.0
#include "modules/settings/settings_routes.h"

namespace crm::settings {

namespace {

http::Response render(const Settings& settings) {
  return http::Response::json(http::Status::kOk, Json{{"values", to_json(settings)},
                                                      {"defaults", to_json(Settings{})},
                                                      {"schema", schema_json()}});
}

}  // namespace

void SettingsRoutes::add_to(http::Router& router) {
  router.get("/api/v1/settings", std::string(kViewPermission),
             [this](http::Request& request) { return show(request); });
  router.put("/api/v1/settings", std::string(kManagePermission),
             [this](http::Request& request) { return update(request); });
}

Result<http::Response> SettingsRoutes::show(const http::Request& /*request*/) const {
  return render(service_.current());
}

Result<http::Response> SettingsRoutes::update(const http::Request& request) {
  CRM_TRY_ASSIGN(Json patch, request.json_body());
  CRM_TRY_ASSIGN(Settings updated, service_.update(patch, audit::AuditEntry::from(request)));
  return render(updated);
}

}  // namespace crm::settings
