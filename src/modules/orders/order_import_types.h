// SPDX-License-Identifier: Apache-2.0
// Plain types of order imports (rows of order_imports, order_import_parts, order_import_errors).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.h"

namespace crm::orders {

struct ImportError {
  int64_t row = 0;     // spreadsheet row (the header is row 1)
  std::string column;  // the import field at fault, e.g. "sku"
  std::string code, message;
};

struct OrderImportRecord {
  int64_t id = 0;
  std::string filename, format, status = "uploaded";
  std::string phase;  // while running: "checking" or "writing"
  bool dry_run = false;
  Json mapping = Json::object(), columns = Json::array(), preview = Json::array(),
       suggested_mapping = Json::object();
  int64_t row_count = 0;  // data rows in the file
  int64_t processed = 0;  // rows done in the current phase
  int64_t order_count = 0, created = 0, skipped = 0, error_count = 0;
  Json errors = Json::array();  // the first 50 ImportErrors as JSON
  std::string failure;          // a job-level failure (unreadable file, storage), not row errors
  int64_t created_at_ms = 0, created_by = 0;
  std::optional<int64_t> started_at_ms, finished_at_ms;
};

// One stored part of the file: a CSV part is the header line plus whole rows; an XLSX file is one
// part. first_row is the spreadsheet row number of the part's first data row.
struct ImportPart {
  int64_t seq = 0, first_row = 2;
  std::string bytes;
};

}  // namespace crm::orders
