// SPDX-License-Identifier: Apache-2.0
// What the check phase of an import hands to the write phase (import_checker.h -> import_writer.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/customers/customer.h"
#include "modules/customers/transfer_types.h"

namespace crm::customers {

// One checked row, ready to write.
struct PlannedRow {
  int64_t row = 0;  // spreadsheet numbering (the header is row 1)
  CustomerFields fields;
  std::optional<StoredCustomer> existing;  // set: an update of this stored row
  CustomerFields before;                   // the existing row's plaintext fields
  std::optional<std::string> phone_index, email_index;
  std::vector<std::string> tags, categories;  // each distinct, validated
};

// The checked file: rows to write (only when `errors` is empty), every row error sorted by row,
// and how many data rows were read.
struct ImportPlan {
  std::vector<PlannedRow> rows;
  std::vector<ImportError> errors;
  int64_t processed = 0;
};

}  // namespace crm::customers
