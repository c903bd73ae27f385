// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_part.h"

namespace crm::orders {

OrderPart::OrderPart(modules::ModuleContext& context, OrdersDependencies& deps, CatalogPart& catalog)
    : context_(context), deps_(deps), catalog_(catalog) {}

void OrderPart::add_routes(http::Router& /*router*/) {}

void OrderPart::subscribe(storage::EventBus& /*events*/, storage::Worker& /*worker*/) {}

}  // namespace crm::orders
