// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/audit/audit_routes.h"
#include "modules/audit/audit_service.h"
#include "modules/module.h"

namespace crm::audit {

// The audit log module: table audit_log (append-only), GET /api/v1/audit-log, permission
// audit.view. Other modules get service() as a constructor argument.
class AuditModule final : public modules::Module {
 public:
  explicit AuditModule(modules::ModuleContext& context);

  std::string_view name() const override { return "audit"; }
  std::span<const storage::MigrationFile> migrations() const override;
  std::span<const modules::PermissionInfo> permissions() const override;
  void add_routes(http::Router& router) override { routes_.add_to(router); }

  AuditService& service() { return service_; }

 private:
  AuditService service_;
  AuditRoutes routes_;
};

}  // namespace crm::audit
