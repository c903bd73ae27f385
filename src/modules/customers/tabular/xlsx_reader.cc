// SPDX-License-Identifier: Apache-2.0
#include <zip.h>

#include <cmath>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "core/text.h"
#include "modules/customers/tabular/table.h"

namespace crm::tabular {

namespace {

Error unreadable(std::string message) {
  return invalid_input("import.unreadable", std::move(message), "file");
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, ZipCloser>;

Result<Archive> open_archive(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  // The source does not own the buffer (freep 0); `bytes` outlives the archive.
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return unreadable("The XLSX file cannot be opened.");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return unreadable("The file is not a valid XLSX (zip) workbook.");
  }
  return Archive(archive);
}

// The bytes of one archive member; nullopt when absent.
Result<std::optional<std::string>> read_entry(zip_t* archive, const std::string& name) {
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) != 0) return std::optional<std::string>{};
  zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
  if (file == nullptr) return unreadable(fmt::format("The workbook part {} is damaged.", name));
  std::string out;
  char buffer[65536];
  zip_int64_t got = 0;
  while ((got = zip_fread(file, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<size_t>(got));
  }
  zip_fclose(file);
  if (got < 0) return unreadable(fmt::format("The workbook part {} is damaged.", name));
  return std::optional<std::string>(std::move(out));
}

Result<pugi::xml_document> parse_xml(const std::string& text, std::string_view part) {
  pugi::xml_document doc;
  if (!doc.load_buffer(text.data(), text.size())) {
    return unreadable(fmt::format("The workbook part {} is not valid XML.", part));
  }
  return doc;
}

// Text of a shared string or inline string: plain <t>, or the <t> of every rich-text run <r>
// (phonetic guides <rPh> are not part of the value).
std::string string_item(const pugi::xml_node& item) {
  std::string out;
  for (const auto& child : item.children()) {
    const std::string_view name = child.name();
    if (name == "t") out += child.text().get();
    else if (name == "r") out += child.child("t").text().get();
  }
  return out;
}

// Whether a number format shows a date: built-in ids 14-22 or a custom code with y/m/d outside
// quoted text and [..] sections (elapsed-time codes like [h]:mm are not dates).
bool is_date_format(int id, const std::map<int, std::string>& custom) {
  if (id >= 14 && id <= 22) return true;
  const auto found = custom.find(id);
  if (found == custom.end()) return false;
  bool quoted = false, bracket = false, has_day_or_year = false, has_month = false,
       has_time = false;
  for (const char raw : found->second) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(raw)));
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '[') bracket = true;
    else if (c == ']') bracket = false;
    else if (bracket) continue;
    else if (c == 'y' || c == 'd') has_day_or_year = true;
    else if (c == 'm') has_month = true;
    else if (c == 'h' || c == 's') has_time = true;
  }
  return has_day_or_year || (has_month && !has_time);
}

// Excel serial day (1900 system; day 60 is the fictitious 1900-02-29) -> YYYY-MM-DD.
std::string serial_to_date(double serial) {
  int64_t days = static_cast<int64_t>(std::floor(serial));
  // Serial 1 is 1900-01-01; from 61 on, the epoch 1899-12-30 absorbs the 1900 leap-year bug.
  days += days < 61 ? -25568 : -25569;  // days since 1970-01-01
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

// "C12" -> column index 2 (0-based); nullopt when malformed.
std::optional<size_t> column_of(std::string_view ref) {
  size_t column = 0, letters = 0;
  for (const char c : ref) {
    if (c >= 'A' && c <= 'Z') {
      column = column * 26 + static_cast<size_t>(c - 'A' + 1);
      if (++letters > 3) return std::nullopt;
    } else {
      break;
    }
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

// "Target" of a relationship: relative to xl/ or absolute from the package root.
std::string part_path(std::string_view target) {
  if (starts_with(target, "/")) return std::string(target.substr(1));
  if (starts_with(target, "xl/")) return std::string(target);
  return "xl/" + std::string(target);
}

}  // namespace

Result<Table> read_xlsx(std::string_view bytes) {
  CRM_TRY_ASSIGN(Archive archive, open_archive(bytes));
  zip_t* zip = archive.get();

  CRM_TRY_ASSIGN(auto workbook_text, read_entry(zip, "xl/workbook.xml"));
  if (!workbook_text) return unreadable("The XLSX file has no workbook.");
  CRM_TRY_ASSIGN(auto workbook, parse_xml(*workbook_text, "xl/workbook.xml"));
  const pugi::xml_node first_sheet = workbook.child("workbook").child("sheets").child("sheet");
  if (!first_sheet) return unreadable("The XLSX workbook has no sheet.");
  const std::string rel_id = first_sheet.attribute("r:id").as_string();

  std::string sheet_path = "xl/worksheets/sheet1.xml";
  CRM_TRY_ASSIGN(auto rels_text, read_entry(zip, "xl/_rels/workbook.xml.rels"));
  if (rels_text) {
    CRM_TRY_ASSIGN(auto rels, parse_xml(*rels_text, "xl/_rels/workbook.xml.rels"));
    for (const auto& rel : rels.child("Relationships").children("Relationship")) {
      if (rel.attribute("Id").as_string() == rel_id) {
        sheet_path = part_path(rel.attribute("Target").as_string());
      }
    }
  }

  std::vector<std::string> shared;
  CRM_TRY_ASSIGN(auto shared_text, read_entry(zip, "xl/sharedStrings.xml"));
  if (shared_text) {
    CRM_TRY_ASSIGN(auto doc, parse_xml(*shared_text, "xl/sharedStrings.xml"));
    for (const auto& item : doc.child("sst").children("si")) shared.push_back(string_item(item));
  }

  std::vector<bool> date_styles;  // per cellXfs index
  CRM_TRY_ASSIGN(auto styles_text, read_entry(zip, "xl/styles.xml"));
  if (styles_text) {
    CRM_TRY_ASSIGN(auto doc, parse_xml(*styles_text, "xl/styles.xml"));
    const pugi::xml_node sheet = doc.child("styleSheet");
    std::map<int, std::string> custom;
    for (const auto& format : sheet.child("numFmts").children("numFmt")) {
      custom[format.attribute("numFmtId").as_int()] = format.attribute("formatCode").as_string();
    }
    for (const auto& xf : sheet.child("cellXfs").children("xf")) {
      date_styles.push_back(is_date_format(xf.attribute("numFmtId").as_int(), custom));
    }
  }

  CRM_TRY_ASSIGN(auto sheet_text, read_entry(zip, sheet_path));
  if (!sheet_text) return unreadable("The first sheet of the XLSX file is missing.");
  CRM_TRY_ASSIGN(auto sheet, parse_xml(*sheet_text, sheet_path));

  std::vector<std::vector<std::string>> records;
  for (const auto& row : sheet.child("worksheet").child("sheetData").children("row")) {
    // Rows may skip numbers (empty rows are not stored); keep spreadsheet numbering.
    const size_t number = row.attribute("r").as_ullong(records.size() + 1);
    if (number < records.size() + 1 || number > 1'048'576) {
      return unreadable(fmt::format("The sheet has a row numbered {} out of order.", number));
    }
    records.resize(number - 1);
    std::vector<std::string> cells;
    for (const auto& c : row.children("c")) {
      size_t column = cells.size();
      if (const auto ref = c.attribute("r")) {
        const auto parsed = column_of(ref.as_string());
        if (!parsed || *parsed < cells.size() || *parsed > 16'384) {
          return unreadable(fmt::format("The sheet has a bad cell reference \"{}\".",
                                        ref.as_string()));
        }
        column = *parsed;
      }
      cells.resize(column);
      const std::string_view type = c.attribute("t").as_string();
      const std::string value = c.child("v").text().get();
      std::string text;
      if (type == "s") {
        const auto index = parse_int64(value);
        if (!index || *index < 0 || static_cast<size_t>(*index) >= shared.size()) {
          return unreadable(fmt::format("Cell {} points to a missing shared string.",
                                        c.attribute("r").as_string()));
        }
        text = shared[static_cast<size_t>(*index)];
      } else if (type == "inlineStr") {
        text = string_item(c.child("is"));
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else if (type.empty() || type == "n") {
        const size_t style = c.attribute("s").as_uint(0);
        if (!value.empty() && style < date_styles.size() && date_styles[style]) {
          char* end = nullptr;
          const double serial = std::strtod(value.c_str(), &end);
          text = (end != nullptr && *end == '\0' && serial >= 1 && serial < 2'958'466)
                     ? serial_to_date(serial)
                     : value;
        } else {
          text = value;
        }
      } else {
        text = value;  // "str" (formula result), "e" (error) and others: the stored text
      }
      cells.push_back(std::move(text));
    }
    records.push_back(std::move(cells));
  }
  while (!records.empty()) {
    bool blank = true;
    for (const auto& cell : records.back()) blank = blank && trim(cell).empty();
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

}  // namespace crm::tabular
