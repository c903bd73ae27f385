// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/catalog_part.h"

namespace crm::orders {

CatalogPart::CatalogPart(modules::ModuleContext& context, OrdersDependencies& deps)
    : context_(context), deps_(deps) {}

void CatalogPart::add_routes(http::Router& /*router*/) {}

void CatalogPart::subscribe(storage::EventBus& /*events*/, storage::Worker& /*worker*/) {}

}  // namespace crm::orders
