// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_part.h"

#include "modules/orders/order_notifications.h"

namespace crm::orders {

namespace {

const Keyring& checked(const Keyring* keyring) {
  CRM_CHECK(keyring != nullptr);
  return *keyring;
}

}  // namespace

OrderPart::OrderPart(modules::ModuleContext& context, OrdersDependencies& deps, CatalogPart& catalog)
    : context_(context),
      deps_(deps),
      catalog_(catalog),
      env_{context.db,     context.clock, checked(context.keyring), deps.audit, deps.customers,
           deps.messaging, deps.settings, context.jobs,             catalog.ledger(), {}},
      intake_(env_),
      actions_(env_),
      reads_(env_),
      rules_(env_),
      imports_(env_),
      routes_(env_, intake_, actions_, reads_, rules_, imports_) {}

void OrderPart::add_routes(http::Router& router) { routes_.add_to(router); }

void OrderPart::subscribe(storage::EventBus& /*events*/, storage::Worker& worker) {
  worker.register_handler(std::string(kReceiptReminderQueue),
                          [this](const storage::Job& /*job*/) -> Result<void> {
                            CRM_TRY(send_receipt_reminders(env_));
                            return {};
                          });
  worker.register_handler(std::string(kOrderImportQueue),
                          [this](const storage::Job& job) { return imports_.run(job); });
}

}  // namespace crm::orders
