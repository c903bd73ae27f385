// SPDX-License-Identifier: Apache-2.0
#include "app/module_list.h"

#include "app/system_module.h"
#include "modules/audit/audit_module.h"
#include "modules/settings/settings_module.h"

namespace crm::app {

modules::Modules make_modules(modules::ModuleContext& context) {
  modules::Modules modules;
  // Removing a module is removing its line; the order is the dependency order.
  modules.add<SystemModule>(context);
  auto& audit_module = modules.add<audit::AuditModule>(context);
  modules.add<settings::SettingsModule>(context, audit_module.service());
  return modules;
}

}  // namespace crm::app
