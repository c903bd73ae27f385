// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_search.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/pinyin.h"

namespace crm::customers {

namespace {

// Splits UTF-8 into code points (each as its bytes); a stray byte counts as one code point.
std::vector<std::string_view> code_points(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    length = std::min(length, text.size() - i);
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string escape_like(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string encode_utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return out;
}

std::optional<char32_t> decode_utf8(std::string_view cp) {
  if (cp.empty()) return std::nullopt;
  const auto lead = static_cast<unsigned char>(cp[0]);
  if (cp.size() == 1) return lead < 0x80 ? std::optional<char32_t>(lead) : std::nullopt;
  char32_t value = lead & (cp.size() == 2 ? 0x1F : cp.size() == 3 ? 0x0F : 0x07);
  for (size_t i = 1; i < cp.size(); ++i) {
    value = (value << 6) | (static_cast<unsigned char>(cp[i]) & 0x3F);
  }
  return value;
}

bool is_ascii_search_text(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

}  // namespace

void fill_search_fields(StoredCustomer& row) {
  NamePinyin pinyin = name_pinyin(row.fields.name);
  row.name_pinyin = std::move(pinyin.full);
  row.name_initials = std::move(pinyin.initials);
}

std::vector<std::string> name_grams(std::string_view name_lower) {
  const auto points = code_points(name_lower);
  std::vector<std::string> grams;
  for (size_t i = 0; i < points.size(); ++i) {
    grams.emplace_back(points[i]);
    if (i + 1 < points.size()) grams.push_back(std::string(points[i]) + std::string(points[i + 1]));
  }
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

Result<void> write_name_grams(storage::Connection& tx, int64_t id, std::string_view name_lower) {
  CRM_TRY(tx.execute("DELETE FROM customer_name_grams WHERE customer_id = ?", id));
  for (const auto& gram : name_grams(name_lower)) {
    CRM_TRY(tx.execute("INSERT INTO customer_name_grams (gram, customer_id) VALUES (?, ?)", gram,
                       id));
  }
  return {};
}

std::optional<std::string> prefix_upper_bound(std::string_view prefix) {
  auto points = code_points(prefix);
  while (!points.empty()) {
    const auto last = decode_utf8(points.back());
    points.pop_back();
    if (!last || *last >= 0x10FFFF) continue;
    char32_t next = *last + 1;
    if (next >= 0xD800 && next <= 0xDFFF) next = 0xE000;  // no surrogates in UTF-8
    std::string bound;
    for (const auto cp : points) bound += cp;
    return bound + encode_utf8(next);
  }
  return std::nullopt;
}

void add_q_condition(storage::Dialect dialect, std::string_view q, std::string& where,
                     std::vector<storage::Value>& params) {
  // PostgreSQL compares in the database's locale unless told otherwise; the migration's prefix
  // indexes are in "C" (byte order), which is what a prefix range needs.
  const std::string_view collate = dialect == storage::Dialect::kPostgres ? " COLLATE \"C\"" : "";
  // Each alternative is one indexed lookup; their UNION is the candidate id set, so the planner
  // never has to consider an OR of six columns.
  std::vector<std::string> parts;
  auto prefix = [&](std::string_view column, std::string_view text) {
    const auto bound = prefix_upper_bound(text);
    std::string part = fmt::format("SELECT id FROM customers WHERE {0}{1} >= ?", column, collate);
    params.push_back(std::string(text));
    if (bound) {
      part += fmt::format(" AND {0}{1} < ?", column, collate);
      params.push_back(*bound);
    }
    parts.push_back(std::move(part));
  };

  const std::string lower = to_lower_ascii(q);
  const auto points = code_points(lower);
  if (points.size() <= 2) {
    parts.push_back("SELECT customer_id FROM customer_name_grams WHERE gram = ?");
    params.push_back(lower);
  } else {
    // Longer: names holding q's first two characters, then the exact test on those few.
    parts.push_back(
        "SELECT c.id FROM customer_name_grams g JOIN customers c ON c.id = g.customer_id "
        "WHERE g.gram = ? AND c.name_lower LIKE ? ESCAPE '\\'");
    params.push_back(std::string(points[0]) + std::string(points[1]));
    params.push_back("%" + escape_like(lower) + "%");
  }
  std::string compact;
  for (const char c : lower) {
    if (c != ' ') compact.push_back(c);
  }
  if (is_ascii_search_text(compact)) {
    prefix("name_pinyin", compact);
    prefix("name_initials", compact);
  }
  std::string number = compact;
  if (!number.empty() && number.front() != 'c') number.insert(number.begin(), 'c');
  if (number.size() > 1 && std::all_of(number.begin() + 1, number.end(),
                                       [](char c) { return c >= '0' && c <= '9'; })) {
    number.front() = 'C';
    prefix("number", number);
  }
  prefix("province", q);
  prefix("city", q);
  prefix("district", q);

  where += " AND id IN (";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) where += " UNION ";
    where += parts[i];
  }
  where += ")";
}

Result<int64_t> backfill_search_fields(storage::Database& db, int batch) {
  int64_t filled = 0;
  int64_t after_id = 0;
  // Walks up by id so a name whose pinyin is empty (it cannot be, names are not blank) would
  // still not loop forever.
  for (;;) {
    CRM_TRY_ASSIGN(const int64_t done, db.transaction([&](storage::Connection& tx)
                                                          -> Result<int64_t> {
      CRM_TRY_ASSIGN(auto rows,
                     tx.query("SELECT id, name FROM customers WHERE name_pinyin = '' AND "
                              "name <> '' AND id > ? ORDER BY id LIMIT ?",
                              after_id, batch));
      for (const auto& row : rows) {
        StoredCustomer c;
        c.id = row.get_int(0);
        c.fields.name = row.get_string(1);
        fill_search_fields(c);
        CRM_TRY(tx.execute("UPDATE customers SET name_pinyin = ?, name_initials = ? WHERE id = ?",
                           c.name_pinyin, c.name_initials, c.id));
        CRM_TRY(write_name_grams(tx, c.id, to_lower_ascii(c.fields.name)));
        after_id = c.id;
      }
      return static_cast<int64_t>(rows.size());
    }));
    filled += done;
    if (done < batch) return filled;
  }
}

}  // namespace crm::customers
