// SPDX-License-Identifier: Apache-2.0
#include "modules/settings/settings_module.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> settings();
}  // namespace crm::migrations

namespace crm::settings {

namespace {
constexpr modules::PermissionInfo kPermissions[] = {
    {kViewPermission, "查看系统设置", "View settings"},
    {kManagePermission, "修改系统设置", "Change settings"},
};
}  // namespace

SettingsModule::SettingsModule(modules::ModuleContext& context, audit::AuditService& audit)
    : service_(context.db, context.clock, audit), routes_(service_) {}

std::span<const storage::MigrationFile> SettingsModule::migrations() const {
  return migrations::settings();
}

std::span<const modules::PermissionInfo> SettingsModule::permissions() const {
  return kPermissions;
}

Result<void> SettingsModule::start() {
  CRM_TRY(service_.reload());
  return {};
}

}  // namespace crm::settings
