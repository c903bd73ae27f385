// SPDX-License-Identifier: Apache-2.0
#include "storage/placeholders.h"

#include <algorithm>
#include <cctype>

namespace crm::storage {

namespace {

// Length of a dollar-quote tag such as "$$" or "$body$" starting at `i`, or 0.
size_t dollar_tag_length(std::string_view sql, size_t i) {
  size_t j = i + 1;
  while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) {
    ++j;
  }
  if (j < sql.size() && sql[j] == '$' && !std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
    return j - i + 1;
  }
  return 0;
}

}  // namespace

RewrittenSql rewrite_placeholders(std::string_view sql) {
  RewrittenSql out;
  out.sql.reserve(sql.size() + 16);
  size_t i = 0;
  // Copies sql[i, end) verbatim and moves i to end.
  auto copy_to = [&](size_t end) {
    out.sql.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.parameter_count);
      ++i;
    } else if (c == '\'' || c == '"') {
      const bool backslash_escapes =
          c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
      size_t j = i + 1;
      while (j < sql.size()) {
        if (backslash_escapes && sql[j] == '\\') {
          j += 2;
        } else if (sql[j] == c) {
          if (j + 1 < sql.size() && sql[j + 1] == c) {
            j += 2;  // doubled quote
          } else {
            ++j;
            break;
          }
        } else {
          ++j;
        }
      }
      copy_to(std::min(j, sql.size()));
    } else if (c == '-' && next == '-') {
      const size_t end = sql.find('\n', i);
      copy_to(end == std::string_view::npos ? sql.size() : end);
    } else if (c == '/' && next == '*') {
      const size_t end = sql.find("*/", i + 2);
      copy_to(end == std::string_view::npos ? sql.size() : end + 2);
    } else if (c == '$' && i + 1 < sql.size() && dollar_tag_length(sql, i) > 0) {
      const size_t tag_length = dollar_tag_length(sql, i);
      const std::string_view tag = sql.substr(i, tag_length);
      const size_t end = sql.find(tag, i + tag_length);
      copy_to(end == std::string_view::npos ? sql.size() : end + tag_length);
    } else {
      out.sql += c;
      ++i;
    }
  }
  return out;
}

}  // namespace crm::storage
