// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "demo/demo_options.h"
#include "demo/demo_plan.h"
#include "demo/demo_store.h"
#include "storage/database.h"

namespace crm::demo {

// Communications with customers (interactions table): none to a few per customer, more for those
// who buy more, by the customer's owner, between their creation and now. Returns the row count.
Result<int64_t> write_interactions(storage::Database& db, const DemoOptions& options,
                                  const DemoPlan& plan, const DemoStore& store);

}  // namespace crm::demo
