// SPDX-License-Identifier: Apache-2.0
// Writes demo customers the way the customers import writes new ones (import_writer.h): sealed
// phone/email/address and their blind indexes (CustomerService::seal), numbers C+day of creation
// reserved per day with one counter update (CustomerRepository::reserve_numbers), name pinyin
// and search grams (fill_search_fields, NameGramBulkWriter), tags, category memberships, a
// "created" history row and the consent events — all with multi-row INSERTs (BatchInsert), so
// search, uniqueness and counts hold exactly as for customers made by hand (the SQLite live and
// search counters follow by trigger, row by row).
//
// Customers are made (people.h, in plan order on one thread: the PRNG decides), sealed and
// transliterated one chunk ahead on a producer thread while the previous chunk is written.
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

// Customers per transaction (and per pipeline step).
inline constexpr size_t kCustomerBatch = 5000;

// Writes plan.customers (in plan order) and fills store.customers. Errors: storage errors.
Result<void> write_customers(storage::Database& db, const customers::CustomerService& service,
                             const Keyring& keyring, const DemoOptions& options,
                             const DemoPlan& plan, DemoStore& store, const Progress& progress);

}  // namespace crm::demo
