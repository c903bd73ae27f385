// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "modules/interactions/interaction_service.h"
#include "modules/module.h"

namespace crm::interactions {

// Communications with customers and their channels (issue 5, COM-1..4). Uses the customers
// module only through CustomerService (visibility, names); never reads its tables.
class InteractionsModule final : public modules::Module {
 public:
  InteractionsModule(modules::ModuleContext& context, audit::AuditService& audit,
                     customers::CustomerService& customers)
      : service_(context.db, context.clock, audit, customers) {}

  std::string_view name() const override { return "interactions"; }
  std::span<const storage::MigrationFile> migrations() const override;
  std::span<const modules::PermissionInfo> permissions() const override;
  void add_routes(http::Router& router) override;

  InteractionService& service() { return service_; }

 private:
  InteractionService service_;
};

}  // namespace crm::interactions
