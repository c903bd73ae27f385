// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/orders_module.h"

#include "modules/orders/after_sale_part.h"
#include "modules/orders/catalog_part.h"
#include "modules/orders/order_part.h"
#include "modules/orders/order_participant.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> orders();
}  // namespace crm::migrations

namespace crm::orders {

namespace {

constexpr modules::PermissionInfo kPermissions[] = {
    {"orders.view", "查看订单", "View orders"},
    {"orders.create", "录入订单", "Create and import orders"},
    {"orders.edit", "处理订单", "Process orders (pay, pick, pack, ship, deliver)"},
    {"orders.audit", "审核订单", "Audit orders and manage audit rules"},
    {"orders.after_sales", "处理售后", "Handle returns, exchanges and refunds"},
    {"orders.reports", "订单报表", "View order reports"},
    {"products.view", "查看商品与库存", "View products and stock"},
    {"products.manage", "管理商品", "Manage products, categories and warehouses"},
    {"stock.manage", "管理库存", "Receive and adjust stock"},
};

}  // namespace

OrdersModule::OrdersModule(modules::ModuleContext& context, OrdersDependencies deps)
    : context_(context),
      deps_(deps),
      catalog_(std::make_unique<CatalogPart>(context_, deps_)),
      orders_(std::make_unique<OrderPart>(context_, deps_, *catalog_)),
      after_sales_(std::make_unique<AfterSalePart>(context_, deps_, *catalog_, *orders_)) {}

OrdersModule::~OrdersModule() = default;

std::span<const storage::MigrationFile> OrdersModule::migrations() const {
  return migrations::orders();
}

std::span<const modules::PermissionInfo> OrdersModule::permissions() const {
  return kPermissions;
}

void OrdersModule::add_routes(http::Router& router) {
  catalog_->add_routes(router);
  orders_->add_routes(router);
  after_sales_->add_routes(router);
}

void OrdersModule::subscribe(storage::EventBus& events, storage::Worker& worker) {
  catalog_->subscribe(events, worker);
  orders_->subscribe(events, worker);
  after_sales_->subscribe(events, worker);
}

customers::CustomerParticipant OrdersModule::participant() { return order_participant(context_); }

}  // namespace crm::orders
