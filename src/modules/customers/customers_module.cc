// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customers_module.h"

#include "modules/customers/customer_search.h"

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
    : db_(context.db),
      customers_(context.db, context.clock, checked(context.keyring), audit, participants_),
      categories_(context.db, context.clock, audit),
      merges_(context.db, context.clock, audit, participants_),
      duplicates_(context.db, context.clock, context.jobs, audit, customers_),
      privacy_(customers_),
      imports_(context.db, context.clock, checked(context.keyring), audit, context.jobs,
               customers_),
      exports_(context.db, context.clock, audit, context.jobs, customers_, owner_names_,
               default_export_format_),
      customer_routes_(customers_, owner_names_),
      category_routes_(categories_, customers_, owner_names_),
      merge_routes_(merges_),
      duplicate_routes_(duplicates_, owner_names_),
      privacy_routes_(privacy_, owner_names_),
      transfer_routes_(imports_, exports_) {}

std::span<const storage::MigrationFile> CustomersModule::migrations() const {
  return migrations::customers();
}

std::span<const modules::PermissionInfo> CustomersModule::permissions() const {
  return kPermissions;
}

Result<void> CustomersModule::start() {
  CRM_TRY(backfill_search_fields(db_));
  return {};
}

void CustomersModule::add_routes(http::Router& router) {
  customer_routes_.add_to(router);
  category_routes_.add_to(router);
  merge_routes_.add_to(router);
  duplicate_routes_.add_to(router);
  privacy_routes_.add_to(router);
  transfer_routes_.add_to(router);
}

void CustomersModule::subscribe(storage::EventBus& /*events*/, storage::Worker& worker) {
  worker.register_handler(std::string(DuplicateService::kScanQueue),
                          [this](const storage::Job& /*job*/) -> Result<void> {
                            CRM_TRY(duplicates_.scan());
                            return {};
                          });
  worker.register_handler(std::string(kImportQueue),
                          [this](const storage::Job& job) { return imports_.run(job); });
  worker.register_handler(std::string(kExportQueue),
                          [this](const storage::Job& job) { return exports_.run(job); });
}

}  // namespace crm::customers
