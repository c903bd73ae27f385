// SPDX-License-Identifier: Apache-2.0
// The importable fields of a customer and how a spreadsheet row becomes a customer JSON body, so
// that imported rows go through the same parse_fields rules as POST /api/v1/customers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace crm::customers {

// The `field` names of an import mapping (docs/api/customers.md, Import).
const std::vector<std::string_view>& import_fields();
bool is_import_field(std::string_view field);

// {column: field|null} for a header row: Chinese and English aliases, including the export's
// column titles, so an export imports back. Each field is suggested at most once.
Json suggest_mapping(const std::vector<std::string>& header);

// The export's column titles (docs/api/customers.md, Export), in order.
const std::vector<std::string>& export_columns();

// "VIP;复购，老客" -> {"VIP", "复购", "老客"} (separators ; , ， 、 |), trimmed, empties dropped.
std::vector<std::string> split_list(std::string_view text);

// One row's cells by import field (only non-empty, trimmed cells), with the column each came from.
struct ImportCell {
  std::string value;
  std::string column;
};

// A row's JSON body for parse_fields plus what parse_fields does not know (tags, categories).
// Gender and stage accept the Chinese labels; birthdays also 1990/5/1; consent yes/no words.
// Errors (kInvalidInput, field = the import field): import.invalid_boolean.
struct RowBody {
  Json body = Json::object();
  std::vector<std::string> tags, categories;
  bool has_tags = false, has_categories = false;
};
Result<RowBody> row_body(const std::vector<std::pair<std::string, ImportCell>>& cells);

// The import field a parse_fields error names ("detail" -> "address_detail").
std::string import_field_of(std::string_view error_field);

}  // namespace crm::customers
