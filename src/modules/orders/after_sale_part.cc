// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/after_sale_part.h"

namespace crm::orders {

AfterSalePart::AfterSalePart(modules::ModuleContext& context, OrdersDependencies& deps, CatalogPart& catalog, OrderPart& orders)
    : context_(context), deps_(deps), catalog_(catalog), orders_(orders) {}

void AfterSalePart::add_routes(http::Router& /*router*/) {}

void AfterSalePart::subscribe(storage::EventBus& /*events*/, storage::Worker& /*worker*/) {}

}  // namespace crm::orders
