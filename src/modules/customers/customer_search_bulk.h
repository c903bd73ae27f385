// SPDX-License-Identifier: Apache-2.0
// The bulk twin of write_name_grams (customer_search.h) for customers that have no grams yet
// (rows the import just inserted): the grams of many customers in multi-row INSERTs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/customers/batch_insert.h"
#include "storage/connection.h"

namespace crm::customers {

// Collects (customer, grams) pairs and inserts them into customer_name_grams. `grams` must be
// name_grams(name_lower) of the customer's name. Not thread-safe; one per transaction.
class NameGramBulkWriter {
 public:
  explicit NameGramBulkWriter(storage::Connection& tx);
  Result<void> add(int64_t customer_id, const std::vector<std::string>& grams);
  Result<void> flush() { return insert_.flush(); }

 private:
  BatchInsert insert_;
};

}  // namespace crm::customers
