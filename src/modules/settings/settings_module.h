// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/audit/audit_service.h"
#include "modules/module.h"
#include "modules/settings/settings_routes.h"
#include "modules/settings/settings_service.h"

namespace crm::settings {

// The merchant's settings (SPEC SET-1): table settings, GET/PUT /api/v1/settings, permissions
// settings.view and settings.manage. Depends on audit. Other modules get service() and call
// current() whenever they need a value (it is cheap), so changes apply without a restart.
class SettingsModule final : public modules::Module {
 public:
  SettingsModule(modules::ModuleContext& context, audit::AuditService& audit);

  std::string_view name() const override { return "settings"; }
  std::span<const storage::MigrationFile> migrations() const override;
  std::span<const modules::PermissionInfo> permissions() const override;
  void add_routes(http::Router& router) override { routes_.add_to(router); }
  // Reads the table once, so that a broken database stops start-up instead of the first request.
  Result<void> start() override;

  SettingsService& service() { return service_; }

 private:
  SettingsService service_;
  SettingsRoutes routes_;
};

}  // namespace crm::settings
