// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customers_module.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> customers();
}  // namespace crm::migrations

namespace crm::customers {

namespace {
constexpr modules::PermissionInfo kPermissions[] = {
    {"customers.view", "查看客户", "View customers"},
    {"customers.edit", "编辑客户", "Edit customers"},
    {"customers.delete", "删除客户", "Delete customers"},
    {"customers.export", "导出客户", "Export customers"},
    {"customers.view_pii", "查看客户敏感信息", "View customers' personal data unmasked"},
};
}  // namespace

const Keyring& CustomersModule::checked(const Keyring* keyring) {
  CRM_CHECK(keyring != nullptr);
  return *keyring;
}

CustomersModule::CustomersModule(modules::ModuleContext& context, audit::AuditService& audit)
    : customers_(context.db, context.clock, checked(context.keyring), audit, participants_),
      categories_(context.db, context.clock, audit),
      customer_routes_(customers_, owner_names_),
      category_routes_(categories_, customers_, owner_names_) {}

std::span<const storage::MigrationFile> CustomersModule::migrations() const {
  return migrations::customers();
}

std::span<const modules::PermissionInfo> CustomersModule::permissions() const {
  return kPermissions;
}

void CustomersModule::add_routes(http::Router& router) {
  customer_routes_.add_to(router);
  category_routes_.add_to(router);
}

}  // namespace crm::customers
