// SPDX-License-Identifier: Apache-2.0
#include "storage/placeholders.h"

#include <gtest/gtest.h>

namespace crm::storage {
namespace {

TEST(RewritePlaceholders, NumbersQuestionMarksInOrder) {
  const RewrittenSql out = rewrite_placeholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)");
  EXPECT_EQ(out.sql, "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
  EXPECT_EQ(out.parameter_count, 3);
}

TEST(RewritePlaceholders, LeavesLiteralsIdentifiersAndCommentsAlone) {
  EXPECT_EQ(rewrite_placeholders("SELECT '?', 'it''s ?', ? -- why?\n, \"q?\", ?").sql,
            "SELECT '?', 'it''s ?', $1 -- why?\n, \"q?\", $2");
  EXPECT_EQ(rewrite_placeholders("SELECT /* ? */ ?, E'\\' ?', ?").sql,
            "SELECT /* ? */ $1, E'\\' ?', $2");
  EXPECT_EQ(rewrite_placeholders("SELECT $$ ? $$, $tag$ ? $tag$, ?").sql,
            "SELECT $$ ? $$, $tag$ ? $tag$, $1");
  EXPECT_EQ(rewrite_placeholders("SELECT 'unterminated ?").parameter_count, 0);
}

TEST(RewritePlaceholders, KeepsExistingNumberedParametersAndText) {
  const std::string sql = "SELECT 1 FROM t WHERE 名字 = 'a'";
  EXPECT_EQ(rewrite_placeholders(sql).sql, sql);
  EXPECT_EQ(rewrite_placeholders("SELECT $1").sql, "SELECT $1");
}

}  // namespace
}  // namespace crm::storage
