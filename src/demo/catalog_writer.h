// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "demo/demo_store.h"
#include "storage/connection.h"

namespace crm::demo {

// Writes the product categories, store.products and two warehouses (杭州 default, 广州), filling
// the id vectors of `store`. Stock rows come later (order_writer.h), once orders are known.
Result<void> write_catalog(storage::Connection& tx, DemoStore& store, int64_t at_ms);

}  // namespace crm::demo
