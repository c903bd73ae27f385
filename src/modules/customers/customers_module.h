// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/audit/audit_service.h"
#include "modules/customers/category_routes.h"
#include "modules/customers/category_service.h"
#include "modules/customers/customer_participants.h"
#include "modules/customers/customer_routes.h"
#include "modules/customers/customer_service.h"
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

  CustomerService& service() { return customers_; }
  // Other modules' part in merge, timeline, privacy export and anonymisation; register at wiring
  // time, before the server starts.
  CustomerParticipants& participants() { return participants_; }
  // Where owner_name in responses comes from (the staff directory); unset: null. Call before
  // add_routes.
  void set_owner_names(OwnerNames owner_names) { owner_names_ = std::move(owner_names); }

 private:
  static const Keyring& checked(const Keyring* keyring);

  CustomerParticipants participants_;  // before the services that use it
  CustomerService customers_;
  CategoryService categories_;
  OwnerNames owner_names_;
  CustomerRoutes customer_routes_;
  CategoryRoutes category_routes_;
};

}  // namespace crm::customers
