// SPDX-License-Identifier: Apache-2.0
// Spreadsheet-shaped data (CSV / XLSX) as plain strings: a header row and data rows.
//
// Lives next to the customers module because customers are its only user today, but it is its own
// library (crm::tabular) that depends on core only, so other modules (orders, products) can link
// it without depending on customers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace crm::tabular {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each padded or trimmed to nothing: raw as read
};

enum class Format { kCsv, kXlsx };

// Which reader applies: XLSX files are zip archives ("PK\3\4"); everything else is tried as CSV.
Format detect_format(std::string_view bytes);

// RFC 4180 CSV: quotes, doubled quotes, CRLF or LF, newlines inside quotes, an optional UTF-8
// BOM. Bytes that are not valid UTF-8 are converted from GB18030 (what Excel writes on Chinese
// Windows). Trailing empty lines are dropped. Errors (kInvalidInput, code import.unreadable): an
// unterminated quote, text after a closing quote, undecodable bytes.
Result<Table> read_csv(std::string_view bytes);

// The first sheet of an XLSX workbook: shared strings (rich text runs joined), inline strings,
// numbers, booleans; dates in date-formatted cells as YYYY-MM-DD. Missing cells are "". Errors
// (kInvalidInput, code import.unreadable): not a zip, missing parts, malformed XML.
Result<Table> read_xlsx(std::string_view bytes);

// Either reader by detect_format. An empty file or one without a header row is import.empty /
// import.no_header.
Result<Table> read_table(std::string_view bytes, Format* format = nullptr);

// Makes header names usable as mapping keys: trimmed, empty ones named "列3" (1-based position),
// repeated ones suffixed " (2)", " (3)". Shared by every import (customers, orders).
std::vector<std::string> unique_header(const std::vector<std::string>& header);

// A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a
// leading apostrophe, so exported data is never executed when opened.
std::string neutralise_formula(std::string_view cell);

// UTF-8 CSV with BOM, CRLF rows, quoting where needed, formulas neutralised.
std::string write_csv(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

// Appends one CSV line (no BOM), for writers that stream rows.
void append_csv_row(std::string& out, const std::vector<std::string>& cells);

// An XLSX workbook with one sheet `sheet_name` (strings only, header bold). Written through
// libxlsxwriter to a temporary file whose bytes are returned; the file is removed.
Result<std::string> write_xlsx(std::string_view sheet_name, const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows);

}  // namespace crm::tabular
