// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/audit/audit_service.h"
#include "modules/customers/category_routes.h"
#include "modules/customers/category_service.h"
#include "modules/customers/customer_participants.h"
#include "modules/customers/customer_routes.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/merge_routes.h"
#include "modules/customers/privacy_routes.h"
#include "modules/customers/privacy_service.h"
#include "modules/customers/transfer_routes.h"
#include "modules/module.h"

namespace crm::customers {

// The customer archive (issue 5): customers with encrypted personal data, recycle bin, history,
// tags and categories. Needs context.keyring. Other modules use service() (customer_service.h).
class CustomersModule final : public modules::Module {
 public:
  CustomersModule(modules::ModuleContext& context, audit::AuditService& audit);

  std::string_view name() const override { return "customers"; }
  std::span<const storage::MigrationFile> migrations() const override;
  std::span<const modules::PermissionInfo> permissions() const override;
  void add_routes(http::Router& router) override;
  // Fills the search columns of customers written before migration 0002 (customer_search.h).
  Result<void> start() override;
  // Registers the duplicate scan job (DuplicateService::kScanQueue).
  void subscribe(storage::EventBus& events, storage::Worker& worker) override;

  CustomerService& service() { return customers_; }
  MergeService& merges() { return merges_; }
  DuplicateService& duplicates() { return duplicates_; }
  // Other modules' part in merge, timeline, privacy export and anonymisation; register at wiring
  // time, before the server starts.
  CustomerParticipants& participants() { return participants_; }
  // Where owner_name in responses comes from (the staff directory); unset: null. Call before
  // add_routes.
  void set_owner_names(OwnerNames owner_names) { owner_names_ = std::move(owner_names); }
  // The settings' default_export_format ("csv" | "xlsx"); unset: "xlsx". Call before serving.
  void set_default_export_format(DefaultExportFormat format) {
    default_export_format_ = std::move(format);
  }
  ImportService& imports() { return imports_; }
  ExportService& exports() { return exports_; }

 private:
  static const Keyring& checked(const Keyring* keyring);

  storage::Database& db_;
  CustomerParticipants participants_;  // before the services that use it
  CustomerService customers_;
  CategoryService categories_;
  MergeService merges_;
  DuplicateService duplicates_;
  PrivacyService privacy_;
  OwnerNames owner_names_;
  DefaultExportFormat default_export_format_;
  ImportService imports_;
  ExportService exports_;
  CustomerRoutes customer_routes_;
  CategoryRoutes category_routes_;
  MergeRoutes merge_routes_;
  DuplicateRoutes duplicate_routes_;
  PrivacyRoutes privacy_routes_;
  TransferRoutes transfer_routes_;
};

}  // namespace crm::customers
