// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_search_bulk.h"

namespace crm::customers {

NameGramBulkWriter::NameGramBulkWriter(storage::Connection& tx)
    : insert_(tx, "INSERT INTO customer_name_grams (gram, customer_id) VALUES ", 2, "", 500) {}

Result<void> NameGramBulkWriter::add(int64_t customer_id, const std::vector<std::string>& grams) {
  for (const auto& gram : grams) CRM_TRY(insert_.add(gram, customer_id));
  return {};
}

}  // namespace crm::customers
