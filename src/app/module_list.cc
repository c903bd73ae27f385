// SPDX-License-Identifier: Apache-2.0
#include "app/module_list.h"

#include "app/system_module.h"
#include "modules/analytics/analytics_module.h"
#include "modules/audit/audit_module.h"
#include "modules/auth/auth_module.h"
#include "modules/customers/customers_module.h"
#include "modules/interactions/interaction_participant.h"
#include "modules/interactions/interactions_module.h"
#include "modules/messaging/messaging_module.h"
#include "modules/orders/orders_module.h"
#include "modules/recovery/auth_account_directory.h"
#include "modules/recovery/recovery_module.h"
#include "modules/settings/settings_module.h"

namespace crm::app {

modules::Modules make_modules(modules::ModuleContext& context) {
  modules::Modules modules;
  // Removing a module is removing its line; the order is the dependency order.
  modules.add<SystemModule>(context);
  auto& audit_module = modules.add<audit::AuditModule>(context);
  auto& settings_module = modules.add<settings::SettingsModule>(context, audit_module.service());
  auto& messaging_module = modules.add<messaging::MessagingModule>(context);
  auto& auth_module =
      modules.add<auth::AuthModule>(context, audit_module.service(), settings_module.service());
  auto& accounts = modules.keep<recovery::AuthAccountDirectory>(auth_module.service());
  modules.add<recovery::RecoveryModule>(context, accounts, messaging_module.service(),
                                        audit_module.service());

  auto& customers_module = modules.add<customers::CustomersModule>(context, audit_module.service());
  customers_module.set_owner_names([&auth = auth_module.service()](int64_t user_id) {
    auto user = auth.get_user(user_id);
    return user ? std::optional<std::string>(user->display_name) : std::nullopt;
  });
  customers_module.set_default_export_format([&settings = settings_module.service()] {
    return settings.current().default_export_format;
  });

  modules.add<interactions::InteractionsModule>(context, audit_module.service(),
                                                customers_module.service());
  customers_module.participants().add(interactions::interaction_participant());

  auto& orders_module = modules.add<orders::OrdersModule>(
      context, orders::OrdersDependencies{audit_module.service(), customers_module.service(),
                                          messaging_module.service(), settings_module.service()});
  customers_module.participants().add(orders_module.participant());

  modules.add<analytics::AnalyticsModule>(
      context, analytics::AnalyticsDependencies{audit_module.service(), customers_module.service(),
                                                settings_module.service()});

  // Roles grant permissions from one catalogue that every module contributes to.
  auth_module.service().set_catalogue(modules);
  return modules;
}

}  // namespace crm::app
