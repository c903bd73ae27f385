// SPDX-License-Identifier: Apache-2.0
// Plain types of customer imports and exports (rows of customer_imports / customer_exports).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.h"

namespace crm::customers {

struct ImportError {
  int64_t row = 0;  // spreadsheet numbering: the header is row 1
  std::string column, field, code, message;
};

struct ImportRecord {
  int64_t id = 0;
  std::string filename, format, status = "uploaded";
  bool dry_run = false;
  std::string match_by = "phone";
  Json mapping = Json::object(), columns = Json::array(), preview = Json::array(),
       suggested_mapping = Json::object();
  int64_t row_count = 0, processed = 0, created = 0, updated = 0, error_count = 0;
  Json errors = Json::array();  // the first 50 ImportErrors as JSON
  std::string failure;          // a job-level failure (unreadable file, storage), not row errors
  int64_t created_at_ms = 0, created_by = 0;
  std::optional<int64_t> started_at_ms, finished_at_ms;
};

struct ExportRecord {
  int64_t id = 0;
  std::string format, status = "queued";
  bool unmask = false;
  Json filters = Json::object();
  int64_t total = 0, processed = 0;
  std::string filename;
  std::optional<std::string> error;
  int64_t created_at_ms = 0, created_by = 0;
  std::optional<int64_t> finished_at_ms;
  int64_t expires_at_ms = 0;
};

}  // namespace crm::customers
