// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include "modules/audit/audit_service.h"
#include "modules/customers/customer_participants.h"
#include "modules/customers/customer_service.h"
#include "modules/messaging/messaging_service.h"
#include "modules/module.h"
#include "modules/settings/settings_service.h"

namespace crm::orders {

class CatalogPart;
class OrderPart;
class AfterSalePart;

// The other modules' services the orders module uses (never their tables, except the customers
// foreign keys; see src/modules/README.md).
struct OrdersDependencies {
  audit::AuditService& audit;
  customers::CustomerService& customers;
  messaging::MessagingService& messaging;
  settings::SettingsService& settings;
};

// Products, stock, orders, fulfilment, after-sales and order reports (issue 6, ORD-1..7), in
// three parts built in dependency order: catalog (products, warehouses, stock and its ledger),
// orders (intake, audit, state machine, logistics, reports) and after-sales.
class OrdersModule final : public modules::Module {
 public:
  OrdersModule(modules::ModuleContext& context, OrdersDependencies deps);
  ~OrdersModule() override;

  std::string_view name() const override { return "orders"; }
  std::span<const storage::MigrationFile> migrations() const override;
  std::span<const modules::PermissionInfo> permissions() const override;
  void add_routes(http::Router& router) override;
  void subscribe(storage::EventBus& events, storage::Worker& worker) override;

  // The orders' part in a customer's lifecycle (merge, timeline, privacy export, anonymise).
  customers::CustomerParticipant participant();

  CatalogPart& catalog() { return *catalog_; }
  OrderPart& orders() { return *orders_; }
  AfterSalePart& after_sales() { return *after_sales_; }

 private:
  modules::ModuleContext& context_;
  OrdersDependencies deps_;
  std::unique_ptr<CatalogPart> catalog_;
  std::unique_ptr<OrderPart> orders_;
  std::unique_ptr<AfterSalePart> after_sales_;
};

}  // namespace crm::orders
