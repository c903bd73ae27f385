// SPDX-License-Identifier: Apache-2.0
// Writes demo customers through the customers module's own write path (the one its import uses):
// CustomerService::seal for the sealed phone/email/address and their blind indexes,
// CustomerRepository::next_number / insert (number counters, name pinyin and search grams; the
// live counters follow by trigger), tags, category memberships, a "created" history row and the
// consent events — so search, uniqueness and counts hold exactly as for customers made by hand.
#pragma once

#include <cstdint>

#include "core/keyring.h"
#include "core/result.h"
#include "demo/demo_options.h"
#include "demo/demo_plan.h"
#include "demo/demo_store.h"
#include "modules/customers/customer_service.h"
#include "storage/database.h"

namespace crm::demo {

// Customers per transaction.
inline constexpr size_t kCustomerBatch = 5000;

// Writes plan.customers (in plan order) and fills store.customers. Errors: storage errors.
Result<void> write_customers(storage::Database& db, const customers::CustomerService& service,
                             const Keyring& keyring, const DemoOptions& options,
                             const DemoPlan& plan, DemoStore& store, const Progress& progress);

}  // namespace crm::demo
