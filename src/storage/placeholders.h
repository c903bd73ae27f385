// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace crm::storage {

struct RewrittenSql {
  std::string sql;
  int parameter_count = 0;
};

// Rewrites `?` placeholders to PostgreSQL's $1..$n, leaving alone any `?` inside '...' string
// literals (including E'...' with backslash escapes), "..." identifiers, $tag$...$tag$ bodies,
// -- line comments and /* block */ comments. Pure function; used by the PostgreSQL driver.
RewrittenSql rewrite_placeholders(std::string_view sql);

}  // namespace crm::storage
