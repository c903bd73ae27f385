// SPDX-License-Identifier: Apache-2.0
#include "modules/recovery/recovery_module.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> recovery();
}  // namespace crm::migrations

namespace crm::recovery {

RecoveryModule::RecoveryModule(modules::ModuleContext& context, AccountDirectory& accounts,
                               messaging::MessagingService& messaging, audit::AuditService& audit)
    : service_(context.db, context.clock, context.random, accounts, messaging, audit),
      routes_(service_) {}

std::span<const storage::MigrationFile> RecoveryModule::migrations() const {
  return migrations::recovery();
}

}  // namespace crm::recovery
