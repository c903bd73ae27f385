// SPDX-License-Identifier: Apache-2.0
#include <unicode/ucnv.h>

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/tabular/table.h"

namespace crm::tabular {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

Error unreadable(std::string message) {
  return invalid_input("import.unreadable", std::move(message), "file");
}

// Excel on Chinese Windows saves "CSV" in the ANSI code page (GBK); GB18030 is its superset.
Result<std::string> gb18030_to_utf8(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 2 + 16, '\0');
  int32_t length = ucnv_convert("UTF-8", "GB18030", out.data(), static_cast<int32_t>(out.size()),
                                bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    out.assign(static_cast<size_t>(length) + 1, '\0');
    length = ucnv_convert("UTF-8", "GB18030", out.data(), static_cast<int32_t>(out.size()),
                          bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  }
  if (U_FAILURE(status)) {
    return unreadable("The file is neither UTF-8 nor GB18030 text.");
  }
  out.resize(static_cast<size_t>(length));
  if (!is_valid_utf8(out)) return unreadable("The file is neither UTF-8 nor GB18030 text.");
  return out;
}

bool needs_quotes(std::string_view cell) {
  return cell.find_first_of(",\"\r\n") != std::string_view::npos ||
         (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
}

}  // namespace

Format detect_format(std::string_view bytes) {
  return starts_with(bytes, "PK\x03\x04") ? Format::kXlsx : Format::kCsv;
}

Result<Table> read_csv(std::string_view input) {
  std::string converted;
  if (starts_with(input, kBom)) input.remove_prefix(kBom.size());
  if (!is_valid_utf8(input)) {
    CRM_TRY_ASSIGN(converted, gb18030_to_utf8(input));
    input = converted;
  }
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string cell;
  size_t line = 1;
  size_t i = 0;
  const size_t n = input.size();
  bool at_record_start = true;
  while (i < n) {
    at_record_start = false;
    if (input[i] == '"') {
      // Quoted cell: runs to the next lone quote; "" is a literal quote.
      const size_t opened_line = line;
      ++i;
      while (true) {
        if (i >= n) {
          return unreadable(fmt::format("Line {}: a quoted cell is never closed.", opened_line));
        }
        const char c = input[i];
        if (c == '"') {
          if (i + 1 < n && input[i + 1] == '"') {
            cell.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (c == '\n') ++line;
        cell.push_back(c);
        ++i;
      }
      if (i < n && input[i] != ',' && input[i] != '\n' && input[i] != '\r') {
        return unreadable(fmt::format("Line {}: text after the closing quote of a cell.", line));
      }
    } else {
      const size_t end = input.find_first_of(",\r\n", i);
      const size_t stop = end == std::string_view::npos ? n : end;
      cell.append(input.substr(i, stop - i));
      i = stop;
    }
    if (i >= n) break;
    if (input[i] == ',') {
      record.push_back(std::move(cell));
      cell.clear();
      ++i;
      continue;
    }
    // End of record: \n, \r\n or a lone \r.
    if (input[i] == '\r') ++i;
    if (i < n && input[i] == '\n') ++i;
    ++line;
    record.push_back(std::move(cell));
    cell.clear();
    records.push_back(std::move(record));
    record.clear();
    at_record_start = true;
  }
  if (!at_record_start) {
    record.push_back(std::move(cell));  // the last line has no line break; "a," ends with ""
    records.push_back(std::move(record));
  }
  // Blank lines at the end (and lines holding only empty cells there) are not rows.
  while (!records.empty()) {
    const auto& last = records.back();
    bool blank = true;
    for (const auto& c : last) blank = blank && c.empty();
    if (!blank) break;
    records.pop_back();
  }
  Table table;
  if (records.empty()) return table;
  table.header = std::move(records.front());
  records.erase(records.begin());
  table.rows = std::move(records);
  return table;
}

Result<Table> read_table(std::string_view bytes, Format* format) {
  if (bytes.empty() || bytes == kBom) {
    return invalid_input("import.empty", "The file is empty.", "file");
  }
  const Format detected = detect_format(bytes);
  if (format) *format = detected;
  CRM_TRY_ASSIGN(Table table, detected == Format::kXlsx ? read_xlsx(bytes) : read_csv(bytes));
  bool named = false;
  for (const auto& name : table.header) named = named || !trim(name).empty();
  if (!named) {
    return invalid_input("import.no_header", "The first row must name the columns.", "file");
  }
  return table;
}

std::vector<std::string> unique_header(const std::vector<std::string>& header) {
  std::vector<std::string> out;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name(trim(header[i]));
    if (name.empty()) name = fmt::format("列{}", i + 1);
    std::string candidate = name;
    for (int n = 2; std::find(out.begin(), out.end(), candidate) != out.end(); ++n) {
      candidate = fmt::format("{} ({})", name, n);
    }
    out.push_back(std::move(candidate));
  }
  return out;
}

std::string neutralise_formula(std::string_view cell) {
  if (!cell.empty() && (cell.front() == '=' || cell.front() == '+' || cell.front() == '-' ||
                        cell.front() == '@' || cell.front() == '\t' || cell.front() == '\r')) {
    return "'" + std::string(cell);
  }
  return std::string(cell);
}

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    const std::string cell = neutralise_formula(cells[i]);
    if (!needs_quotes(cell)) {
      out += cell;
      continue;
    }
    out.push_back('"');
    for (const char c : cell) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
}

std::string write_csv(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string out(kBom);
  append_csv_row(out, header);
  for (const auto& row : rows) append_csv_row(out, row);
  return out;
}

}  // namespace crm::tabular
