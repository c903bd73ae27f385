// SPDX-License-Identifier: Apache-2.0
// The "imported" history text of a customer the import creates, written straight into a string:
// a million rows should not build three JSON trees each (bench/customers_import).
#pragma once

#include <cstdint>
#include <string>

#include "modules/customers/import_plan.h"

namespace crm::customers {

// Exactly dump_json() of the changes the other paths record for a create: diff_fields from an
// empty customer (personal values as "***"), plus {"tags": {"added": [...]}} and
// {"categories": {"added": [...]}} when there are any, plus "import_id"; keys in byte order.
// Thread-safe.
std::string created_history_json(const PlannedRow& planned, int64_t import_id);

// The same through nlohmann::json (the reference the fast path is tested against).
std::string created_history_json_slow(const PlannedRow& planned, int64_t import_id);

}  // namespace crm::customers
