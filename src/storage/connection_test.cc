// SPDX-License-Identifier: Apache-2.0
#include "storage/connection.h"

#include <gtest/gtest.h>

#include <limits>

#include "storage/storage_error.h"
#include "storage/test_databases.h"

namespace crm::storage {
namespace {

class ConnectionTest : public StorageTest {
 protected:
  void create_table() {
    exec(pick("CREATE TABLE t (id INTEGER PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, s TEXT, "
              "b BLOB, flag INTEGER, code TEXT UNIQUE CHECK (code <> 'bad'))",
              "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, s TEXT, "
              "b BYTEA, flag BOOLEAN, code TEXT UNIQUE CHECK (code <> 'bad'))"));
  }
};

TEST_P(ConnectionTest, RoundTripsEveryValueType) {
  create_table();
  const std::string chinese = "张三 · 上海市浦东新区 🚀";
  const Blob blob{std::string("\x00\x01\xff\x7f\\x", 6)};
  const int64_t big = std::numeric_limits<int64_t>::max();
  auto inserted = db().transaction([&](Connection& tx) -> Result<int64_t> {
    CRM_TRY(tx.execute("INSERT INTO t (i, d, s, b, flag, code) VALUES (?, ?, ?, ?, ?, ?)", big,
                       3.25, chinese, blob, true, std::string_view("c1")));
    return tx.execute("INSERT INTO t (i, d, s, b, flag, code) VALUES (?, ?, ?, ?, ?, ?)",
                      std::optional<int64_t>(), nullptr, std::optional<std::string>(), nullptr,
                      false, nullptr);
  });
  ASSERT_TRUE(inserted) << inserted.error().detail;
  EXPECT_EQ(*inserted, 1);

  auto rows = db().read([](Connection& c) {
    return c.query("SELECT i, d, s, b, flag, code FROM t ORDER BY id");
  });
  ASSERT_TRUE(rows) << rows.error().detail;
  ASSERT_EQ(rows->size(), 2u);
  const Row& full = (*rows)[0];
  EXPECT_EQ(full.get_int(0), big);
  EXPECT_DOUBLE_EQ(full.get_double(1), 3.25);
  EXPECT_EQ(full.get_string(2), chinese);
  EXPECT_EQ(full.get_blob(3), blob);
  EXPECT_TRUE(std::holds_alternative<Blob>(full.at(3)));
  EXPECT_TRUE(full.get_bool(4));
  EXPECT_EQ(full.get_string(5), "c1");
  const Row& empty = (*rows)[1];
  for (size_t i = 0; i < 6; ++i) {
    if (i == 4) continue;
    EXPECT_TRUE(empty.is_null(i)) << i;
  }
  EXPECT_FALSE(empty.get_bool(4));
}

TEST_P(ConnectionTest, QuestionMarkInsideLiteralIsNotAParameter) {
  auto row = db().read([](Connection& c) {
    return c.query_one("SELECT 'what?' AS a, ? AS b, 'it''s?' AS c", std::string("x"));
  });
  ASSERT_TRUE(row) << row.error().detail;
  EXPECT_EQ(row->get_string(0), "what?");
  EXPECT_EQ(row->get_string(1), "x");
  EXPECT_EQ(row->get_string(2), "it's?");
}

TEST_P(ConnectionTest, MapsConstraintViolations) {
  create_table();
  auto insert = [&](std::string code) {
    return db().transaction([&](Connection& tx) {
      return tx.execute("INSERT INTO t (code) VALUES (?)", code);
    });
  };
  ASSERT_TRUE(insert("dup"));
  auto duplicate = insert("dup");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, "storage.unique_violation");
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kConflict);
  EXPECT_TRUE(is_unique_violation(duplicate.error()));
  EXPECT_TRUE(is_unique_violation(duplicate.error(), pick("t.code", "t_code_key")));
  EXPECT_FALSE(is_unique_violation(duplicate.error(), "other_index"));

  auto bad = insert("bad");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "storage.check_violation");
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalidInput);
}

TEST_P(ConnectionTest, MapsForeignKeyViolationAndOtherErrors) {
  exec(pick("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))",
            "CREATE TABLE parent (id BIGINT PRIMARY KEY);"
            "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT REFERENCES parent(id))"));
  auto orphan = db().transaction([](Connection& tx) {
    return tx.execute("INSERT INTO child (id, parent_id) VALUES (?, ?)", 1, 99);
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, "storage.foreign_key_violation");

  auto broken = db().read([](Connection& c) { return c.query("SELECT * FROM no_such_table"); });
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, "storage.error");
  EXPECT_EQ(broken.error().kind, ErrorKind::kInternal);
  EXPECT_NE(broken.error().detail.find("no_such_table"), std::string::npos);
  EXPECT_EQ(broken.error().message.find("no_such_table"), std::string::npos);
}

TEST_P(ConnectionTest, QueryOneWithoutRowIsNotFound) {
  create_table();
  auto none = db().read([](Connection& c) { return c.query_one("SELECT id FROM t WHERE id = ?", 5); });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "storage.no_row");
  EXPECT_EQ(none.error().kind, ErrorKind::kNotFound);
  auto optional = db().read([](Connection& c) {
    return c.query_optional("SELECT id FROM t WHERE id = ?", 5);
  });
  ASSERT_TRUE(optional);
  EXPECT_FALSE(optional->has_value());
}

TEST_P(ConnectionTest, WrongParameterCountIsAnError) {
  auto result = db().read([](Connection& c) { return c.query("SELECT ?, ?", 1); });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "storage.error");
}

TEST_P(ConnectionTest, PingAndDescribe) {
  EXPECT_TRUE(db().ping());
  EXPECT_EQ(db().describe().rfind(is_postgres() ? "postgresql://" : "sqlite:", 0), 0u);
  EXPECT_GE(db().pool_stats().total, 1);
  EXPECT_EQ(db().pool_stats().in_use, 0);
}

CRM_INSTANTIATE_STORAGE_TEST(ConnectionTest);

}  // namespace
}  // namespace crm::storage
