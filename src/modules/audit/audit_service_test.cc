// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_service.h"

#include <gtest/gtest.h>

#include "modules/testing/test_database.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
}  // namespace crm::migrations

namespace crm::audit {
namespace {

class AuditServiceTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {{"audit", migrations::audit()}});
    audit_ = std::make_unique<AuditService>(database_.db(), clock_);
  }

  Result<void> write(const AuditEntry& entry) {
    return database_.db().transaction(
        [&](storage::Connection& tx) { return audit_->record(tx, entry); });
  }

  static AuditEntry entry(std::string action, std::string target_id, int64_t actor = 1) {
    return AuditEntry{.actor_id = actor, .actor_name = "user" + std::to_string(actor),
                      .action = std::move(action), .target_type = "customer",
                      .target_id = std::move(target_id)};
  }

  int64_t count_rows() {
    auto rows = database_.db().read(
        [](storage::Connection& c) { return c.query_one("SELECT COUNT(*) FROM audit_log"); });
    CRM_CHECK(rows.has_value());
    return rows->get_int(0);
  }

  ManualClock clock_;
  test::TestDatabase database_{GetParam()};
  std::unique_ptr<AuditService> audit_;
};

TEST_P(AuditServiceTest, RowCommitsAndRollsBackWithTheCallersTransaction) {
  ASSERT_TRUE(write(entry("customer.created", "C1")));
  EXPECT_EQ(count_rows(), 1);

  auto failed = database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(audit_->record(tx, entry("customer.updated", "C1")));
    return conflict("customer.phone_taken", "taken", "phone");  // the change itself fails
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(count_rows(), 1);
}

TEST_P(AuditServiceTest, StoresEveryFieldWithPersonalDataRedacted) {
  AuditEntry e = entry("customer.updated", "C9", 42);
  e.changes = {{"phone", change("13800000000", "13900000000")}, {"name", change("a", "b")}};
  e.ip = "10.0.0.1";
  e.request_id = "req-1";
  ASSERT_TRUE(write(e));
  AuditEntry system{.action = "customers.exported", .target_type = "customer"};
  ASSERT_TRUE(write(system));

  auto page = audit_->search({});
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_FALSE(page->items[0].entry.actor_id.has_value());
  const AuditRecord& r = page->items[1];
  EXPECT_EQ(r.at_ms, clock_.now_ms());
  EXPECT_EQ(r.entry.actor_id, 42);
  EXPECT_EQ(r.entry.actor_name, "user42");
  EXPECT_EQ(r.entry.target_type, "customer");
  EXPECT_EQ(r.entry.target_id, "C9");
  EXPECT_EQ(r.entry.ip, "10.0.0.1");
  EXPECT_EQ(r.entry.request_id, "req-1");
  EXPECT_EQ(r.entry.changes["phone"], change("***", "***"));
  EXPECT_EQ(r.entry.changes["name"], change("a", "b"));
}

TEST_P(AuditServiceTest, DatabaseRefusesUpdateAndDelete) {
  ASSERT_TRUE(write(entry("customer.created", "C1")));
  for (const char* sql : {"UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log",
                          "DELETE FROM audit_log WHERE id = 1"}) {
    auto changed = database_.db().transaction(
        [&](storage::Connection& tx) { return tx.execute(sql); });
    ASSERT_FALSE(changed) << sql;
    EXPECT_NE(changed.error().detail.find("append-only"), std::string::npos)
        << changed.error().detail;
  }
  auto page = audit_->search({});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].entry.action, "customer.created");
}

TEST_P(AuditServiceTest, DatabaseRefusesTruncateOnPostgres) {
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite has no TRUNCATE";
  ASSERT_TRUE(write(entry("customer.created", "C1")));
  auto truncated = database_.db().transaction(
      [](storage::Connection& tx) { return tx.execute_script("TRUNCATE audit_log"); });
  EXPECT_FALSE(truncated);
  EXPECT_EQ(count_rows(), 1);
}

TEST_P(AuditServiceTest, SearchFiltersPaginatesByKeysetAndCounts) {
  // 7 rows: actions and actors vary, one hour apart.
  const std::vector<AuditEntry> rows = {
      entry("customer.created", "C1", 1), entry("customer.updated", "C1", 2),
      entry("customer.viewed_pii", "C2", 1), entry("customers.exported", "", 1),
      entry("settings.updated", "", 2), entry("customer.updated", "C2", 1),
      entry("customer_x.created", "C3", 3)};
  const int64_t start = clock_.now_ms();
  for (const AuditEntry& e : rows) {
    ASSERT_TRUE(write(e));
    clock_.advance_ms(3'600'000);
  }

  AuditQuery by_actor{.filter = {.actor_id = 1}, .limit = 2};
  auto first = audit_->search(by_actor);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->total, 4);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].entry.target_id, "C2");  // newest first
  EXPECT_GT(first->items[0].id, first->items[1].id);
  ASSERT_TRUE(first->next_after);
  by_actor.after = first->next_after;
  auto second = audit_->search(by_actor);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->total, 4);
  ASSERT_EQ(second->items.size(), 2u);
  EXPECT_LT(second->items[0].id, first->items[1].id);
  EXPECT_FALSE(second->next_after.has_value());

  // "customer." is a prefix and '_' is not a wildcard: customer_x.created does not match.
  auto by_action = audit_->search({.filter = {.action = "customer."}});
  ASSERT_TRUE(by_action);
  EXPECT_EQ(by_action->total, 4);
  auto by_target = audit_->search({.filter = {.target_type = "customer", .target_id = "C2"}});
  ASSERT_TRUE(by_target);
  EXPECT_EQ(by_target->total, 2);
  auto by_time = audit_->search(
      {.filter = {.from_ms = start + 3'600'000, .to_ms = start + 3 * 3'600'000}});
  ASSERT_TRUE(by_time);
  ASSERT_EQ(by_time->total, 2);
  EXPECT_EQ(by_time->items[0].entry.action, "customer.viewed_pii");
  EXPECT_EQ(by_time->items[1].entry.action, "customer.updated");
  auto none = audit_->search({.filter = {.actor_id = 99}});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->total, 0);
  EXPECT_TRUE(none->items.empty());
  EXPECT_FALSE(none->next_after.has_value());
}

TEST_P(AuditServiceTest, RejectsLimitOutOfRange) {
  for (int limit : {0, 201}) {
    auto page = audit_->search({.limit = limit});
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().code, "audit.invalid_limit");
    EXPECT_EQ(page.error().field, "limit");
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, AuditServiceTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::audit
