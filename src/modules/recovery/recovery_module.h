// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/audit/audit_service.h"
#include "modules/messaging/messaging_service.h"
#include "modules/module.h"
#include "modules/recovery/account_directory.h"
#include "modules/recovery/recovery_routes.h"
#include "modules/recovery/recovery_service.h"

namespace crm::recovery {

// Password recovery (SPEC AUTH-3): tables password_resets and recovery_requests, the two public
// /api/v1/auth/recovery/* routes. Depends on messaging and audit, and on auth through an
// AccountDirectory (AuthAccountDirectory in production).
class RecoveryModule final : public modules::Module {
 public:
  RecoveryModule(modules::ModuleContext& context, AccountDirectory& accounts,
                 messaging::MessagingService& messaging, audit::AuditService& audit);

  std::string_view name() const override { return "recovery"; }
  std::span<const storage::MigrationFile> migrations() const override;
  void add_routes(http::Router& router) override { routes_.add_to(router); }

  RecoveryService& service() { return service_; }

 private:
  RecoveryService service_;
  RecoveryRoutes routes_;
};

}  // namespace crm::recovery
