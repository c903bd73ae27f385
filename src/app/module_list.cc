// SPDX-License-Identifier: Apache-2.0
#include "app/module_list.h"

#include "app/system_module.h"

namespace crm::app {

modules::Modules make_modules(modules::ModuleContext& context) {
  modules::Modules modules;
  // Removing a module is removing its line; the order is the dependency order.
  modules.add<SystemModule>(context);
  return modules;
}

}  // namespace crm::app
