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

QTerms q_terms(std::string_view q) {
  QTerms terms;
  terms.lower = to_lower_ascii(q);
  terms.code_points = code_points(terms.lower).size();
  std::string compact;
  for (const char c : terms.lower) {
    if (c != ' ') compact.push_back(c);
  }
  if (is_ascii_search_text(compact)) terms.pinyin = compact;
  std::string number = compact;
  if (!number.empty() && number.front() != 'c') number.insert(number.begin(), 'c');
  if (number.size() > 1 && std::all_of(number.begin() + 1, number.end(),
                                       [](char c) { return c >= '0' && c <= '9'; })) {
    number.front() = 'C';
    terms.number = number;
  }
  terms.address = std::string(q);
  return terms;
}

std::vector<QBranch> q_branches(storage::Dialect dialect, const QTerms& terms) {
  // PostgreSQL compares in the database's locale unless told otherwise; the migration's prefix
  // indexes are in "C" (byte order), which is what a prefix range needs.
  const std::string_view collate = dialect == storage::Dialect::kPostgres ? " COLLATE \"C\"" : "";
  // `column` starts with `text`, as a range: "col >= ? [AND col < ?]".
  auto range = [&](std::string_view column, const std::string& text,
                   std::vector<storage::Value>& params) {
    std::string sql = fmt::format("{0}{1} >= ?", column, collate);
    params.push_back(text);
    if (const auto bound = prefix_upper_bound(text)) {
      sql += fmt::format(" AND {0}{1} < ?", column, collate);
      params.push_back(*bound);
    }
    return sql;
  };
  // Ids and row test of "one of `columns` starts with `text`".
  auto prefixes = [&](QBranch::Kind kind, std::initializer_list<std::string_view> columns,
                      const std::string& text) {
    QBranch branch{kind, "", {}, "", {}};
    for (const std::string_view column : columns) {
      if (!branch.ids.empty()) {
        branch.ids += " UNION ALL ";
        branch.matches += " OR ";
      }
      branch.ids += "SELECT id FROM customers WHERE " + range(column, text, branch.ids_params);
      branch.matches += "(" + range(column, text, branch.matches_params) + ")";
    }
    return branch;
  };

  std::vector<QBranch> branches;
  const auto points = code_points(terms.lower);
  QBranch name{QBranch::Kind::kName, "", {}, "", {}};
  if (points.size() <= 2) {
    name.ids = "SELECT customer_id FROM customer_name_grams WHERE gram = ?";
    name.ids_params.push_back(terms.lower);
  } else {
    // Longer: the names holding q's first two-character grams (a join of the gram index, so a
    // common first pair such as 王伟 is narrowed by the next one), then the exact test on those.
    std::vector<std::string> pairs;
    for (size_t i = 0; i + 1 < points.size() && pairs.size() < 3; ++i) {
      std::string pair = std::string(points[i]) + std::string(points[i + 1]);
      if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) pairs.push_back(pair);
    }
    name.ids = "SELECT g0.customer_id FROM customer_name_grams g0";
    for (size_t i = 1; i < pairs.size(); ++i) {
      name.ids += fmt::format(" JOIN customer_name_grams g{0} ON g{0}.customer_id = "
                              "g0.customer_id AND g{0}.gram = ?", i);
      name.ids_params.push_back(pairs[i]);
    }
    name.ids += " JOIN customers c ON c.id = g0.customer_id WHERE g0.gram = ? AND "
                "c.name_lower LIKE ? ESCAPE '\\'";
    name.ids_params.push_back(pairs[0]);
    name.ids_params.push_back("%" + escape_like(terms.lower) + "%");
  }
  // On a row that is read anyway (a walk along the sort index, or the rows of another
  // alternative), LIKE on the name costs far less than a look-up in the gram index; both say
  // "the lower-cased name contains q".
  name.matches = "name_lower LIKE ? ESCAPE '\\'";
  name.matches_params.push_back("%" + escape_like(terms.lower) + "%");
  branches.push_back(std::move(name));
  if (terms.pinyin) {
    branches.push_back(prefixes(QBranch::Kind::kPinyin, {"name_pinyin", "name_initials"},
                                *terms.pinyin));
  }
  if (terms.number) branches.push_back(prefixes(QBranch::Kind::kNumber, {"number"}, *terms.number));
  branches.push_back(
      prefixes(QBranch::Kind::kAddress, {"province", "city", "district"}, terms.address));
  return branches;
}

void add_q_condition(storage::Dialect dialect, std::string_view q, std::string& where,
                     std::vector<storage::Value>& params, QForm form) {
  // kIdSet: each alternative is one indexed lookup; their UNION ALL is the candidate id set (IN
  // ignores duplicates, so no extra de-duplicating pass), and the planner never has to consider
  // an OR of six columns.
  where += form == QForm::kIdSet ? " AND id IN (" : " AND (";
  bool first = true;
  for (QBranch& branch : q_branches(dialect, q_terms(q))) {
    if (!first) where += form == QForm::kIdSet ? " UNION ALL " : " OR ";
    first = false;
    if (form == QForm::kIdSet) {
      where += branch.ids;
      for (auto& value : branch.ids_params) params.push_back(std::move(value));
    } else {
      where += "(" + branch.matches + ")";
      for (auto& value : branch.matches_params) params.push_back(std::move(value));
    }
  }
  where += ")";
}

Result<bool> prefer_index_page(storage::Connection& db, std::string_view q, int64_t total,
                               bool row_tests, int64_t max_total) {
  if (db.dialect() != storage::Dialect::kSqlite) return false;
  if (!row_tests) return true;
  const QTerms terms = q_terms(q);
  if (!terms.pinyin || total > max_total) return false;
  // The other alternatives' candidates (any state), counted up to one past the bound.
  std::string sql = "SELECT COUNT(*) FROM (";
  std::vector<storage::Value> params;
  bool first = true;
  for (QBranch& branch : q_branches(db.dialect(), terms)) {
    if (branch.kind == QBranch::Kind::kPinyin) continue;
    if (!first) sql += " UNION ALL ";
    first = false;
    sql += branch.ids;
    for (auto& value : branch.ids_params) params.push_back(std::move(value));
  }
  sql += fmt::format(" LIMIT {})", kIndexPageOthersMax + 1);
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
  return rows.front().get_int(0) <= kIndexPageOthersMax;
}

std::string index_page_ids(std::string_view q, std::string_view rest,
                           const std::vector<storage::Value>& rest_params, std::string_view key,
                           bool descending, int limit, std::vector<storage::Value>& params) {
  const QTerms terms = q_terms(q);
  const std::string order =
      fmt::format("ORDER BY k {0}, id {0} LIMIT {1}", descending ? "DESC" : "ASC", limit);
  std::vector<std::string> arms;
  // One alternative's first `limit`, found by `from_where` (" … WHERE <condition>").
  auto arm = [&](const std::string& from_where, std::vector<storage::Value>& arm_params) {
    arms.push_back(fmt::format("SELECT * FROM (SELECT id, {0} AS k FROM customers {1} AND {2} {3})",
                               key, from_where, rest, order));
    for (auto& value : arm_params) params.push_back(std::move(value));
    params.insert(params.end(), rest_params.begin(), rest_params.end());
  };
  std::string others;
  std::vector<storage::Value> others_params;
  for (QBranch& branch : q_branches(storage::Dialect::kSqlite, terms)) {
    if (branch.kind != QBranch::Kind::kPinyin) {
      others += (others.empty() ? "" : " UNION ALL ") + branch.ids;
      for (auto& value : branch.ids_params) others_params.push_back(std::move(value));
      continue;
    }
    // matches is "(name_pinyin range) OR (name_initials range)": one arm per index. A name's
    // initials start with the first byte of its pinyin (pinyin.cc transliterate_name: a syllable
    // and any other character start both), so for a one-character q the initials arm would read
    // the same customers' entries a second time (~2x the work for "m", 19,000 matches at 1M):
    // left out.
    for (const std::string_view column : {"name_pinyin", "name_initials"}) {
      if (column == "name_initials" && terms.pinyin->size() == 1) continue;
      std::vector<storage::Value> range_params{*terms.pinyin};
      std::string where = fmt::format("INDEXED BY customers_{0} WHERE {0} >= ?", column);
      if (const auto bound = prefix_upper_bound(*terms.pinyin)) {
        where += fmt::format(" AND {} < ?", column);
        range_params.push_back(*bound);
      }
      arm(where, range_params);
    }
  }
  arm("INDEXED BY customers_sort_keys WHERE id IN (" + others + ")", others_params);
  std::string sql = "SELECT DISTINCT id, k FROM (";
  for (size_t i = 0; i < arms.size(); ++i) sql += (i > 0 ? " UNION ALL " : "") + arms[i];
  return sql + ") " + order;
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
