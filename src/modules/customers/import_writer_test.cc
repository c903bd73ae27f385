// SPDX-License-Identifier: Apache-2.0
// The import's bulk write (import_writer.h): every row of files that do not fill whole batches,
// consent history like the other create paths, and all-or-nothing when the last batch fails.
#include <array>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "modules/customers/customer_search.h"
#include "modules/customers/customers_test_fixture.h"
#include "modules/customers/import_checker.h"
#include "modules/customers/import_indexes.h"
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

  // Marks the import `id` running (as its job does) and checks it: the record and its plan.
  std::pair<ImportRecord, ImportPlan> checked(int64_t id) {
    EXPECT_TRUE(database_.db().transaction([&](storage::Connection& tx) {
      return TransferRepository().mark_import_running(tx, id, clock_.now_ms());
    }));
    auto record = module_->imports().get(caller_, id);
    CRM_CHECK(record.has_value());
    ImportChecker checker(database_.db(), clock_, keyring_, module_->service());
    auto plan = checker.check(caller_, *record);
    CRM_CHECK(plan.has_value());
    return {std::move(*record), std::move(*plan)};
  }

  std::vector<std::string> strings(const std::string& sql) {
    auto rows = database_.db().read([&](storage::Connection& c) { return c.query(sql); });
    CRM_CHECK(rows.has_value());
    std::vector<std::string> out;
    for (const auto& row : *rows) out.push_back(row.get_string(0));
    return out;
  }

  // SQLite: every live counter of migrations 0006 / 0007 equals a recount from the tables, and
  // the ten INSERT count triggers the import suspends are there again.
  void counters_match_recount(const std::string& step) {
    if (database_.db().dialect() != storage::Dialect::kSqlite) return;  // no counters there
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ("
                    "'customer_live_counts_insert', 'customer_search_counts_insert', "
                    "'customer_search_counts_tag_insert', 'customer_search_counts_category_insert', "
                    "'customer_search_counts_gram_insert', 'customer_pinyin_counts_insert', "
                    "'customer_stage_counts_insert', 'customer_stage_counts_tag_insert', "
                    "'customer_stage_counts_category_insert', 'customer_stage_counts_gram_insert')"),
              10)
        << step;
    EXPECT_EQ(strings("SELECT owner_id || '|' || live FROM customer_live_counts WHERE live <> 0 "
                      "ORDER BY 1"),
              strings("SELECT owner_id || '|' || COUNT(*) FROM customers WHERE deleted_at_ms IS "
                      "NULL GROUP BY owner_id ORDER BY 1"))
        << step;
    EXPECT_EQ(strings("SELECT kind || '|' || value || '|' || owner_id || '|' || live "
                      "FROM customer_value_counts WHERE live <> 0 ORDER BY 1"),
              strings(R"(SELECT x FROM (
        SELECT 'stage|' || stage || '|' || owner_id || '|' || COUNT(*) AS x FROM customers
          WHERE deleted_at_ms IS NULL GROUP BY stage, owner_id
        UNION ALL SELECT 'number|' || substr(number, 1, 9) || '|' || owner_id || '|' || COUNT(*)
          FROM customers WHERE deleted_at_ms IS NULL GROUP BY substr(number, 1, 9), owner_id
        UNION ALL SELECT 'tag|' || t.tag || '|' || c.owner_id || '|' || COUNT(*)
          FROM customer_tags t JOIN customers c ON c.id = t.customer_id
          WHERE c.deleted_at_ms IS NULL GROUP BY t.tag, c.owner_id
        UNION ALL SELECT 'category|' || m.category_id || '|' || c.owner_id || '|' || COUNT(*)
          FROM customer_category_members m JOIN customers c ON c.id = m.customer_id
          WHERE c.deleted_at_ms IS NULL GROUP BY m.category_id, c.owner_id
        UNION ALL SELECT 'gram|' || g.gram || '|' || c.owner_id || '|' || COUNT(*)
          FROM customer_name_grams g JOIN customers c ON c.id = g.customer_id
          WHERE c.deleted_at_ms IS NULL GROUP BY g.gram, c.owner_id) ORDER BY 1)"))
        << step;
    EXPECT_EQ(strings("SELECT province || '|' || city || '|' || district || '|' || owner_id || "
                      "'|' || live FROM customer_area_counts WHERE live <> 0 ORDER BY 1"),
              strings("SELECT province || '|' || city || '|' || district || '|' || owner_id || "
                      "'|' || COUNT(*) AS x FROM customers WHERE deleted_at_ms IS NULL "
                      "GROUP BY province, city, district, owner_id ORDER BY 1"))
        << step;
    EXPECT_EQ(strings("SELECT gram || '|' || province || '|' || city || '|' || district || '|' "
                      "|| live FROM customer_gram_area_counts WHERE live <> 0 ORDER BY 1"),
              strings("SELECT g.gram || '|' || c.province || '|' || c.city || '|' || c.district "
                      "|| '|' || COUNT(*) AS x FROM customer_name_grams g JOIN customers c ON "
                      "c.id = g.customer_id WHERE c.deleted_at_ms IS NULL AND length(g.gram) = 1 "
                      "GROUP BY g.gram, c.province, c.city, c.district ORDER BY 1"))
        << step;
  }

  // SQLite: the per-stage counters of migration 0011 for tags, categories and grams equal a
  // recount (the prefixes are recounted in customer_search_count_test.cc).
  void stage_counters_match_recount(const std::string& step) {
    if (database_.db().dialect() != storage::Dialect::kSqlite) return;
    EXPECT_EQ(strings("SELECT kind || '|' || value || '|' || stage || '|' || owner_id || '|' || "
                      "live FROM customer_stage_counts WHERE live <> 0 AND kind <> 'pinyin' "
                      "ORDER BY 1"),
              strings(std::string("SELECT x FROM (") + kStageSideCountsRecount + ") ORDER BY 1"))
        << step;
  }

  // SQLite: every table, index and trigger with its SQL (not the root pages a rebuild moves).
  std::vector<std::string> schema() {
    return strings("SELECT type || '|' || name || '|' || tbl_name || '|' || coalesce(sql, '') "
                   "FROM sqlite_master ORDER BY type, name");
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
  // One event for the job, committed with its rows.
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_events WHERE type = 'customers.imported' AND "
                  "payload LIKE '%\"created\":" + std::to_string(n) + "%'"),
            1);
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
  // SQLite: more than kIndexRebuildMinRows into an almost empty table, so the indexes are rebuilt
  // and the recreated UNIQUE phone index is what fails.
  const int n = static_cast<int>(2 * ImportWriter::kChunkRows + 123);
  static_assert(2 * ImportWriter::kChunkRows + 123 >= ImportWriter::kIndexRebuildMinRows);
  const bool sqlite = database_.db().dialect() == storage::Dialect::kSqlite;
  const std::vector<std::string> schema_before = sqlite ? schema() : std::vector<std::string>{};
  const int64_t id = start(numbered_csv(n, "13912345678"));
  auto [record, plan] = checked(id);
  ASSERT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.rows.size(), static_cast<size_t>(n));

  // Between the check and the write someone creates a customer with the last row's phone.
  create("admin", {{"name", "抢先"}, {"phone", "13912345678"}, {"consent", {{"sms", true}}}});
  ImportWriter writer(database_.db(), clock_, *audit_, module_->service());
  auto written = writer.write(caller_, record, plan);
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
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_events WHERE type = 'customers.imported'"), 0);
  auto still = module_->imports().get(caller_, id);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, "running");
  counters_match_recount("after the rollback");  // the suspended triggers came back with it
  if (sqlite) {
    EXPECT_EQ(schema(), schema_before);  // every dropped index came back with the rollback
    EXPECT_EQ(strings("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  }
}

TEST_P(ImportWriterTest, CountersAfterAnImportEqualARecountAndTheTriggersAreBack) {
  // Before: customers of two owners, one of them deleted, sharing grams, tags and areas with the
  // file; the file updates one of them (trigger path) and creates the rest (bulk counters).
  const Json kept = create("sales", {{"name", "王小明"}, {"phone", "13700000001"},
                                     {"address", {{"province", "浙江省"}, {"city", "杭州市"},
                                                  {"district", "西湖区"}}}});
  const std::string kept_url = "/api/v1/customers/" + std::to_string(kept["id"].get<int64_t>());
  ASSERT_EQ(call("sales", Method::kPut, kept_url + "/tags", {{"tags", {"VIP"}}}).status(),
            Status::kOk);
  const Json gone = create("admin", {{"name", "王伟"}, {"phone", "13700000002"}});
  ASSERT_EQ(call("admin", Method::kDelete,
                 "/api/v1/customers/" + std::to_string(gone["id"].get<int64_t>()))
                .status(),
            Status::kNoContent);
  counters_match_recount("before");

  std::string csv = "姓名,手机,省份,城市,区县,阶段,标签,分类\r\n";
  csv += "王小明,13700000001,浙江省,宁波市,鄞州区,,新客;VIP,批发客户\r\n";  // the update
  const std::vector<std::array<const char*, 3>> places = {
      {"浙江省", "杭州市", "西湖区"}, {"浙江省", "宁波市", "鄞州区"}, {"北京市", "北京市", "海淀区"}};
  const int n = static_cast<int>(ImportWriter::kChunkRows + 57);  // two chunks
  for (int i = 0; i < n; ++i) {
    const auto& place = places[static_cast<size_t>(i) % places.size()];
    csv += fmt::format("{}{}{},139{:08d},{},{},{},{},{},{}\r\n", i % 2 ? "王" : "欧阳",
                       i % 3 ? "海" : "伟", i % 7, i, place[0], place[1], place[2],
                       i % 4 ? "潜在" : "已成交", i % 5 ? "VIP;复购" : "",
                       i % 3 ? "批发客户;零售客户" : "零售客户");
  }
  const ImportRecord done = run(start(csv));
  ASSERT_EQ(done.status, "succeeded") << done.errors.dump() << done.failure;
  EXPECT_EQ(done.created, n);
  EXPECT_EQ(done.updated, 1);
  counters_match_recount("after the import");
  stage_counters_match_recount("after the import");
  // The totals the counters answer agree with the lists, for both scopes.
  for (const std::string query : {"", "tag=VIP", "stage=transacted", "q=%E6%B5%B7",
                                  "q=%E6%B5%B7%E6%B7%80", "q=%E7%8E%8B%E6%B5%B7"}) {
    for (const std::string actor : {"admin", "sales"}) {
      const Json page = body(call(actor, Method::kGet, "/api/v1/customers?limit=200&" + query));
      const Json all = body(call(actor, Method::kGet, "/api/v1/customers?limit=1&" + query));
      EXPECT_EQ(all["total"], page["total"]) << query << " as " << actor;
      if (page["total"].get<size_t>() <= 200) {
        EXPECT_EQ(page["total"].get<size_t>(), page["items"].size()) << query << " as " << actor;
      }
    }
  }
  EXPECT_EQ(body(call("sales", Method::kGet, "/api/v1/customers?tag=VIP"))["total"], 1);

  // The triggers count normal writes again.
  const Json later = create("admin", {{"name", "海王"}, {"phone", "13700000003"}});
  ASSERT_EQ(call("admin", Method::kPut,
                 "/api/v1/customers/" + std::to_string(later["id"].get<int64_t>()) + "/tags",
                 {{"tags", {"VIP"}}})
                .status(),
            Status::kOk);
  const Json first = body(call("admin", Method::kGet, "/api/v1/customers?phone=13900000001"));
  ASSERT_EQ(first["total"], 1);
  ASSERT_EQ(call("admin", Method::kDelete,
                 "/api/v1/customers/" + std::to_string(first["items"][0]["id"].get<int64_t>()))
                .status(),
            Status::kNoContent);
  counters_match_recount("after later writes");
  stage_counters_match_recount("after later writes");
}

TEST_P(ImportWriterTest, RebuiltIndexesAreTheSameAndReadersKeepTheirsMeanwhile) {
  if (database_.db().dialect() != storage::Dialect::kSqlite) GTEST_SKIP() << "SQLite only";
  create("admin", {{"name", "先来"}, {"phone", "13700000001"}, {"email", "a@example.com"}});
  // A reader prepares its statements on the schema before the import.
  ASSERT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?phone=13700000001"))["total"], 1);
  const std::vector<std::string> before = schema();
  const int64_t indexes = count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql "
                                "IS NOT NULL AND tbl_name = 'customers'");
  ASSERT_GT(indexes, 10);

  // While a write transaction holds them dropped, other connections keep their snapshot's
  // schema and find rows by the index; a rollback brings them back.
  const std::array<std::string_view, 2> tables = {"customers", "customer_tags"};
  auto rolled_back = database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    auto suspended = SuspendedIndexes::suspend(tx, tables);
    if (!suspended) return std::move(suspended).error();
    EXPECT_GE(suspended->size(), static_cast<size_t>(indexes + 1));
    auto left = tx.query_one("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS "
                             "NOT NULL AND tbl_name IN ('customers', 'customer_tags')");
    EXPECT_TRUE(left && left->get_int(0) == 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND tbl_name = 'customers'"),
              indexes);
    EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?phone=13700000001"))["total"],
              1);
    return conflict("test.rollback", "roll back");
  });
  ASSERT_FALSE(rolled_back);
  EXPECT_EQ(schema(), before);

  // An import of more rows than the table holds rebuilds them: the same schema, consistent
  // indexes, and readers prepared on the old schema find old and new rows.
  const int n = static_cast<int>(ImportWriter::kIndexRebuildMinRows + 7);
  const ImportRecord done = run(start(numbered_csv(n)));
  ASSERT_EQ(done.status, "succeeded") << done.errors.dump() << done.failure;
  EXPECT_EQ(done.created, n);
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(strings("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?phone=13700000001"))["total"], 1);
  EXPECT_EQ(body(call("admin", Method::kGet,
                      fmt::format("/api/v1/customers?phone=138{:08d}", n - 1)))["total"],
            1);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?tag=t5"))["total"], 1);
  counters_match_recount("after the rebuild");

  // The recreated UNIQUE indexes still guard normal writes.
  EXPECT_EQ(call("admin", Method::kPost, "/api/v1/customers",
                 {{"name", "重复"}, {"phone", "13800000003"}})
                .status(),
            Status::kConflict);
}

TEST_P(ImportWriterTest, StreamedChunksOfAnySizeWriteEveryCreateAndUpdate) {
  // Rows 0..9 exist (matched by phone: updates); the file holds them among new ones and is handed
  // to the write in chunks that cut through its batches, as the check does while it goes on.
  ASSERT_EQ(run(start(numbered_csv(10))).status, "succeeded");
  const int n = static_cast<int>(2 * ImportWriter::kChunkRows + 321);
  std::string csv = "姓名,手机,标签,分类,短信营销\r\n";
  for (int i = 0; i < n; ++i) {
    const int phone = i % 400 == 0 && i / 400 < 10 ? i / 400 : i + 100;
    csv += fmt::format("新{},138{:08d},s{},分类{},否\r\n", i, phone, i, 3 + i % 2);
  }
  auto [record, plan] = checked(start(csv));
  ASSERT_TRUE(plan.errors.empty()) << plan.errors.size();
  int updates = 0;
  for (const auto& row : plan.rows) updates += row.existing ? 1 : 0;
  ASSERT_EQ(updates, 10);

  PlanStream stream(2);
  ImportWriter writer(database_.db(), clock_, *audit_, module_->service());
  Result<void> written = {};
  ImportRecord result = record;
  std::thread write([&] { written = writer.write(caller_, result, stream); });
  stream.expect(static_cast<int64_t>(plan.rows.size()) - updates);
  // The third chunk ends exactly where the write's first chunk of new customers is full.
  size_t full = 0;
  for (size_t fresh = 0; fresh < ImportWriter::kChunkRows; ++full) {
    fresh += plan.rows[full].existing ? 0 : 1;
  }
  size_t at = 0;
  for (const size_t size : {size_t{1}, size_t{7}, full - 8, size_t{2500}}) {
    std::vector<PlannedRow> chunk;
    for (; chunk.size() < size && at < plan.rows.size(); ++at) {
      chunk.push_back(std::move(plan.rows[at]));
    }
    ASSERT_TRUE(stream.push(std::move(chunk)));
  }
  std::vector<PlannedRow> rest;
  for (; at < plan.rows.size(); ++at) rest.push_back(std::move(plan.rows[at]));
  ASSERT_TRUE(stream.push(std::move(rest)));
  stream.finish(n);
  write.join();
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(result.status, "succeeded");
  EXPECT_EQ(result.created, n - updates);
  EXPECT_EQ(result.updated, updates);
  EXPECT_EQ(result.processed, n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 10 + n - updates);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT number) FROM customers"), 10 + n - updates);
  // Each row reached its own customer: the new name, tag and category of its file row.
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers c JOIN customer_tags t ON t.customer_id = c.id "
                  "WHERE c.name LIKE '新%' AND t.tag = 's' || substr(c.name, 2)"),
            n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers c JOIN customer_category_members m ON "
                  "m.customer_id = c.id JOIN customer_categories k ON k.id = m.category_id "
                  "WHERE c.name LIKE '新%' AND k.name = '分类' || (3 + CAST(substr(c.name, 2) AS INTEGER) % 2)"),
            n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE action = 'imported'"), 10 + n);
  counters_match_recount("after a streamed import");
  stage_counters_match_recount("after a streamed import");
}

TEST_P(ImportWriterTest, ARowErrorAfterWrittenChunksLeavesNothing) {
  // The check hands over the first rows while it reads on; the bad last row aborts the write,
  // which rolls back everything it wrote, and the import reports that row.
  const int n = static_cast<int>(2 * ImportChecker::kProgressEvery + 17);
  std::string csv = numbered_csv(n - 1);
  csv += "坏行,12345,t,分类0,否\r\n";
  const bool sqlite = database_.db().dialect() == storage::Dialect::kSqlite;
  const std::vector<std::string> schema_before = sqlite ? schema() : std::vector<std::string>{};
  const ImportRecord done = run(start(csv));
  EXPECT_EQ(done.status, "failed");
  EXPECT_EQ(done.error_count, 1);
  ASSERT_EQ(done.errors.size(), 1u) << done.errors.dump();
  EXPECT_EQ(done.errors[0]["row"], n + 1);
  EXPECT_EQ(done.errors[0]["field"], "phone");
  EXPECT_EQ(done.processed, n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_categories"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_name_grams"), 0);
  counters_match_recount("after the aborted import");
  if (sqlite) {
    EXPECT_EQ(schema(), schema_before);
  }
  // The same file without the bad row goes through.
  const ImportRecord again = run(start(numbered_csv(n - 1)));
  ASSERT_EQ(again.status, "succeeded") << again.errors.dump() << again.failure;
  EXPECT_EQ(again.created, n - 1);
}

TEST(PlanStreamTest, AbortAndStopWakeTheOtherSide) {
  PlanStream aborted;
  std::thread consumer([&] {
    auto expected = aborted.expected_new();
    EXPECT_FALSE(expected);
  });
  aborted.abort();
  consumer.join();

  PlanStream stopped(1);
  stopped.expect(1);
  ASSERT_TRUE(stopped.push({}));
  std::thread producer([&] { EXPECT_FALSE(stopped.push({})); });  // full: waits until stop()
  stopped.stop();
  producer.join();
  EXPECT_FALSE(stopped.next());

  PlanStream done;
  done.expect(0);
  ASSERT_TRUE(done.push({}));
  done.finish(3);
  auto first = done.next();
  ASSERT_TRUE(first && first->has_value());
  auto end = done.next();
  ASSERT_TRUE(end);
  EXPECT_FALSE(end->has_value());
  EXPECT_EQ(done.processed(), 3);
}

INSTANTIATE_TEST_SUITE_P(Databases, ImportWriterTest, testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace crm::customers
