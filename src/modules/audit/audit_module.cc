// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_module.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
}  // namespace crm::migrations

namespace crm::audit {

namespace {
constexpr modules::PermissionInfo kPermissions[] = {
    {kViewPermission, "查看审计日志", "View the audit log"},
};
}  // namespace

AuditModule::AuditModule(modules::ModuleContext& context)
    : service_(context.db, context.clock), routes_(service_) {}

std::span<const storage::MigrationFile> AuditModule::migrations() const {
  return migrations::audit();
}

std::span<const modules::PermissionInfo> AuditModule::permissions() const { return kPermissions; }

}  // namespace crm::audit
