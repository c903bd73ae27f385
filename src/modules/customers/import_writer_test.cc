// SPDX-License-Identifier: Apache-2.0
// The import's bulk write (import_writer.h): every row of files that do not fill whole batches,
// consent history like the other create paths, and all-or-nothing when the last batch fails.
#include <fmt/format.h>

#include "modules/customers/customer_search.h"
#include "modules/customers/customers_test_fixture.h"
#include "modules/customers/import_checker.h"
#include "modules/customers/import_writer.h"
#include "storage/worker.h"

namespace crm::customers {
namespace {

using http::Method;
using http::Status;

class ImportWriterTest : public CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    worker_ = std::make_unique<storage::Worker>(database_.db(), *jobs_, clock_);
    module_->subscribe(worker_->events(), *worker_);
    caller_.actor.user_id = 1;
    caller_.actor.username = "admin";
    caller_.actor.data_scope = "all";
    caller_.audit.actor_id = 1;
    caller_.audit.actor_name = "admin";
  }

  // Uploads and starts `csv` (suggested mapping, matched by phone); returns the import's id.
  int64_t start(const std::string& csv) {
    auto uploaded = module_->imports().upload(caller_, "customers.csv", csv);
    EXPECT_TRUE(uploaded) << uploaded.error().message;
    auto started = module_->imports().start(
        caller_, uploaded->id, Json{{"mapping", uploaded->suggested_mapping}, {"match_by", "phone"}});
    EXPECT_TRUE(started) << started.error().message;
    return uploaded->id;
  }

  // Runs the queued import job; returns the finished import.
  ImportRecord run(int64_t id) {
    EXPECT_EQ(*worker_->run_once(), 1);
    auto record = module_->imports().get(caller_, id);
    EXPECT_TRUE(record);
    return *record;
  }

  std::unique_ptr<storage::Worker> worker_;
  Caller caller_;
};

// n rows: 客户<i>, a unique phone, tag t<i>, one of three categories, SMS consent on even rows.
std::string numbered_csv(int n, const std::string& last_phone = "") {
  std::string csv = "姓名,手机,标签,分类,短信营销\r\n";
  for (int i = 0; i < n; ++i) {
    const std::string phone =
        i == n - 1 && !last_phone.empty() ? last_phone : fmt::format("138{:08d}", i);
    csv += fmt::format("客户{},{},t{},分类{},{}\r\n", i, phone, i, i % 3, i % 2 == 0 ? "是" : "否");
  }
  return csv;
}

TEST_P(ImportWriterTest, ImportRecordsConsentHistoryForCreatesAndUpdates) {
  const int64_t first = start("姓名,手机,短信营销,邮件营销\r\n李雷,13800138000,是,是\r\n"
                              "韩梅梅,13900139000,否,否\r\n");
  ASSERT_EQ(run(first).status, "succeeded");
  auto events = [&](const std::string& where) {
    return count("SELECT COUNT(*) FROM customer_consent_events WHERE source = 'import' AND " +
                 where);
  };
  // Like POST /customers: one granted event per channel turned on, none for channels left off.
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_consent_events"), 2);
  EXPECT_EQ(events("channel = 'sms' AND granted = 1 AND actor_id = 1 AND actor_name = 'admin' "
                   "AND customer_id = (SELECT id FROM customers WHERE name = '李雷')"),
            1);
  EXPECT_EQ(events("channel = 'email' AND granted = 1"), 1);

  // An update by import records only the channels it changes.
  const int64_t second = start("姓名,手机,短信营销,邮件营销\r\n李雷,13800138000,否,是\r\n"
                               "韩梅梅,13900139000,是,否\r\n");
  ImportRecord updated = run(second);
  ASSERT_EQ(updated.status, "succeeded");
  EXPECT_EQ(updated.updated, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_consent_events"), 4);
  EXPECT_EQ(events("channel = 'sms' AND granted = 0 AND customer_id = (SELECT id FROM customers "
                   "WHERE name = '李雷')"),
            1);
  EXPECT_EQ(events("channel = 'sms' AND granted = 1 AND customer_id = (SELECT id FROM customers "
                   "WHERE name = '韩梅梅')"),
            1);
  // The consent route shows them, newest first.
  const Json list = body(call("admin", Method::kGet, "/api/v1/customers?phone=13900139000"));
  ASSERT_EQ(list["total"], 1);
  const Json consents = body(call(
      "admin", Method::kGet,
      fmt::format("/api/v1/customers/{}/consents", list["items"][0]["id"].get<int64_t>())));
  EXPECT_EQ(consents["current"]["sms"], true);
  ASSERT_EQ(consents["history"].size(), 1u) << consents.dump();
  EXPECT_EQ(consents["history"][0]["source"], "import");
  EXPECT_EQ(consents["history"][0]["granted"], true);
}

TEST_P(ImportWriterTest, RowCountsThatDoNotFillBatchesWriteEveryRowToItsCustomer) {
  // Two full chunks plus a part; neither a multiple of the customers' nor the other statements'
  // batch size.
  const int n = static_cast<int>(2 * ImportWriter::kChunkRows + 123);
  static_assert((2 * ImportWriter::kChunkRows + 123) % ImportWriter::kCustomerRowsPerStatement != 0);
  static_assert((2 * ImportWriter::kChunkRows + 123) % ImportWriter::kRowsPerStatement != 0);
  const ImportRecord done = run(start(numbered_csv(n)));
  ASSERT_EQ(done.status, "succeeded") << done.errors.dump() << done.failure;
  EXPECT_EQ(done.created, n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), n);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT number) FROM customers"), n);
  EXPECT_EQ(count("SELECT last_value FROM customer_number_counters"), n);
  // Every dependent row belongs to the customer of its own file row.
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers c JOIN customer_history h ON h.customer_id = "
                  "c.id WHERE h.action = 'imported' AND h.changes LIKE '%\"' || c.name || '\"%'"),
            n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history"), n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers c JOIN customer_tags t ON t.customer_id = c.id "
                  "WHERE t.tag = 't' || substr(c.name, 3)"),
            n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_tags"), n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_category_members"), n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_categories"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_consent_events WHERE source = 'import' AND "
                  "channel = 'sms' AND granted = 1"),
            (n + 1) / 2);
  size_t grams = 0;
  for (int i = 0; i < n; ++i) grams += name_grams(fmt::format("客户{}", i)).size();
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_name_grams"), static_cast<int64_t>(grams));
  // Search finds a customer of the last, partial batch by a name gram and by pinyin.
  const Json found = body(call("admin", Method::kGet,
                               fmt::format("/api/v1/customers?q=客户{}", n - 1)));
  ASSERT_EQ(found["total"], 1) << found.dump();
  EXPECT_EQ(found["items"][0]["tags"], Json::array({fmt::format("t{}", n - 1)}));
  const Json pinyin = body(call("admin", Method::kGet, "/api/v1/customers?q=kehu&limit=1"));
  EXPECT_EQ(pinyin["total"], n);
}

TEST_P(ImportWriterTest, AFailureInTheLastBatchLeavesNothing) {
  const int n = static_cast<int>(2 * ImportWriter::kChunkRows + 123);
  const int64_t id = start(numbered_csv(n, "13912345678"));
  ASSERT_TRUE(database_.db().transaction([&](storage::Connection& tx) {
    return TransferRepository().mark_import_running(tx, id, clock_.now_ms());
  }));
  auto record = module_->imports().get(caller_, id);
  ASSERT_TRUE(record);
  ImportChecker checker(database_.db(), clock_, keyring_, module_->service());
  auto plan = checker.check(caller_, *record);
  ASSERT_TRUE(plan);
  ASSERT_TRUE(plan->errors.empty());
  ASSERT_EQ(plan->rows.size(), static_cast<size_t>(n));

  // Between the check and the write someone creates a customer with the last row's phone.
  create("admin", {{"name", "抢先"}, {"phone", "13912345678"}, {"consent", {{"sms", true}}}});
  ImportWriter writer(database_.db(), clock_, *audit_, module_->service());
  auto written = writer.write(caller_, *record, *plan);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, "customer.phone_taken");

  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_tags"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_category_members"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_categories"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_consent_events"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_name_grams"),
            static_cast<int64_t>(name_grams("抢先").size()));
  EXPECT_EQ(count("SELECT last_value FROM customer_number_counters"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.imported'"), 0);
  auto still = module_->imports().get(caller_, id);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, "running");
}

INSTANTIATE_TEST_SUITE_P(Databases, ImportWriterTest, testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace crm::customers
