// SPDX-License-Identifier: Apache-2.0
// Exact list totals (customer_search_count.h) on both databases: after every kind of write (and
// an import), the `total` of each filter kind that SQLite answers from counters (migrations 0007,
// 0009, 0011) equals the number of customers its page lists, for scope "all" and "own"; and on SQLite
// every counter equals a recount from the tables.
#include <cctype>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "modules/customers/customer_search_count.h"
#include "modules/customers/customers_test_fixture.h"
#include "storage/worker.h"

namespace crm::customers {
namespace {

using http::Method;
using http::Status;

std::string q(std::string_view text) {
  std::string out = "q=";
  for (const unsigned char c : text) {
    if (std::isalnum(c)) out.push_back(static_cast<char>(c));
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

Json address(const char* province, const char* city, const char* district) {
  return {{"province", province}, {"city", city}, {"district", district}};
}

class CustomerSearchTotalsTest : public CustomersFixture {
 protected:
  std::vector<std::string> strings(const std::string& sql) {
    auto rows = database_.db().read([&](storage::Connection& c) { return c.query(sql); });
    CRM_CHECK(rows.has_value());
    std::vector<std::string> out;
    for (const auto& row : *rows) out.push_back(row.get_string(0));
    return out;
  }

  void totals_agree(const std::string& step) {
    for (const std::string& query : queries_) {
      for (const std::string actor : {"admin", "sales"}) {
        http::Response response =
            call(actor, Method::kGet, "/api/v1/customers?limit=200&" + query);
        ASSERT_EQ(response.status(), Status::kOk) << response.body();
        const Json page = body(response);
        EXPECT_EQ(page["total"].get<size_t>(), page["items"].size())
            << step << ": " << query << " as " << actor;
        // A stage filter holds on every row, whichever way the page was read.
        for (const std::string stage : {"potential", "transacted", "member"}) {
          if (query.find("stage=" + stage) == std::string::npos) continue;
          for (const Json& item : page["items"]) {
            EXPECT_EQ(item["stage"], stage) << step << ": " << query << " as " << actor;
          }
        }
      }
    }
    if (database_.db().dialect() != storage::Dialect::kSqlite) return;  // counters unused there
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
    // 0009: live customers per owner whose pinyin or initials start with each prefix of up to
    // kPinyinCountedPrefix characters, each customer once per prefix.
    EXPECT_EQ(strings("SELECT prefix || '|' || owner_id || '|' || live FROM customer_pinyin_counts "
                      "WHERE live <> 0 ORDER BY 1"),
              strings(lengths_cte() + R"(SELECT p || '|' || owner_id || '|' || COUNT(*) FROM (
        SELECT c.id, c.owner_id, substr(c.name_pinyin, 1, l.n) AS p FROM customers c
          JOIN lengths l ON l.n <= length(c.name_pinyin) WHERE c.deleted_at_ms IS NULL
        UNION SELECT c.id, c.owner_id, substr(c.name_initials, 1, l.n) FROM customers c
          JOIN lengths l ON l.n <= length(c.name_initials) WHERE c.deleted_at_ms IS NULL)
        GROUP BY p, owner_id ORDER BY 1)"))
        << step;
    // 0011: the same per stage for tags, categories, grams and prefixes.
    EXPECT_EQ(strings("SELECT kind || '|' || value || '|' || stage || '|' || owner_id || '|' || "
                      "live FROM customer_stage_counts WHERE live <> 0 ORDER BY 1"),
              strings(lengths_cte() + "SELECT x FROM (" + kStageSideCountsRecount + R"(
        UNION ALL SELECT 'pinyin|' || p || '|' || stage || '|' || owner_id || '|' || COUNT(*) FROM (
          SELECT c.id, c.stage, c.owner_id, substr(c.name_pinyin, 1, l.n) AS p FROM customers c
            JOIN lengths l ON l.n <= length(c.name_pinyin) WHERE c.deleted_at_ms IS NULL
          UNION SELECT c.id, c.stage, c.owner_id, substr(c.name_initials, 1, l.n) FROM customers c
            JOIN lengths l ON l.n <= length(c.name_initials) WHERE c.deleted_at_ms IS NULL)
          GROUP BY p, stage, owner_id) ORDER BY 1)"))
        << step;
  }

  // "WITH lengths (n) AS (VALUES (1), …, (kPinyinCountedPrefix)) ": the recount's own list, not
  // the migration's table.
  static std::string lengths_cte() {
    std::string sql = "WITH lengths (n) AS (VALUES ";
    for (size_t n = 1; n <= kPinyinCountedPrefix; ++n) {
      sql += fmt::format("{}({})", n > 1 ? ", " : "", n);
    }
    return sql + ") ";
  }

  std::string url(const Json& customer) {
    return "/api/v1/customers/" + std::to_string(customer["id"].get<int64_t>());
  }

  void patch(const Json& customer, const Json& fields) {
    const Json now = body(call("admin", Method::kGet, url(customer)));
    const std::string version = "\"" + std::to_string(now["version"].get<int64_t>()) + "\"";
    http::Response response =
        call("admin", Method::kPatch, url(customer), fields, {{"If-Match", version}});
    ASSERT_EQ(response.status(), Status::kOk) << response.body();
  }

  std::vector<std::string> queries_;
};

TEST_P(CustomerSearchTotalsTest, EveryCountedFilterStaysExactThroughEveryWrite) {
  const Json lilei = create("admin", {{"name", "李雷"}, {"stage", "member"},
                                      {"address", address("浙江省", "杭州市", "西湖区")}});
  const Json haiyan = create("admin", {{"name", "海燕"},
                                       {"address", address("北京市", "北京市", "海淀区")}});
  const Json wanghai = create("admin", {{"name", "王海"},
                                        {"address", address("北京市", "北京市", "朝阳区")}});
  const Json haitao = create("sales", {{"name", "海涛"},
                                       {"address", address("上海市", "上海市", "徐汇区")}});
  create("sales", {{"name", "李丽"}, {"stage", "member"},
                   {"address", address("北京市", "北京市", "海淀区")}});
  const Json shanlei = create("sales", {{"name", "单雷"}});
  create("admin", {{"name", "欧阳娜娜"}});
  const Json anna = create("sales", {{"name", "Anna 张"}});  // pinyin annazhang, initials annaz
  const std::string number = lilei["number"];
  const int64_t category =
      body(call("admin", Method::kPost, "/api/v1/customer-categories", {{"name", "批发"}}))["id"];
  queries_ = {"",
              q("海"),     // one-character name gram and district / province overlap
              q("海淀"),   // district only
              q("北京"),   // province and city of the same customers
              q("上海"),
              q("雷"),
              q("李雷"),   // two-character gram
              q("阳娜娜"), // three characters: LIKE on candidates
              q("l"),      // pinyin and initials of the same customers
              q("li"),
              q("ll"),
              q("hy"),
              // Pinyin / initials prefixes of up to kPinyinCountedPrefix letters: counters.
              q("h"),
              q("hai"),
              q("haiyan"),
              q("shan"),
              q("oy"),
              q("oyn"),
              q("ouyang"),
              q("ouyangn"),  // longer: counted in the index
              q("an"),
              q("annaz"),    // pinyin and initials of the same customer
              q("annazhang"),
              "owner_id=3&" + q("a"),
              q(number.substr(0, 5)),  // number prefix of up to 9 characters: counters
              q(number),               // longer: rows of one day
              q(number.substr(1, 8)),  // without the C
              "tag=VIP",
              "category_id=" + std::to_string(category),
              "stage=member",
              "owner_id=3",
              "owner_id=3&stage=member",
              "owner_id=1&" + q("海"),
              // A stage with one other filter: per-stage counters (0011) where they exist.
              "stage=member&tag=VIP",
              "stage=potential&tag=VIP",
              "stage=member&category_id=" + std::to_string(category),
              "stage=potential&category_id=" + std::to_string(category),
              "stage=member&" + q("海"),      // grams; address overlap counted in the table
              "stage=potential&" + q("李雷"),
              "stage=member&" + q("l"),       // pinyin prefix
              "stage=potential&" + q("hai"),
              "stage=potential&" + q("ouyangn"),  // longer prefix: counted in the table
              "stage=member&" + q("北京"),    // address: counted in the table
              "stage=potential&" + q(number.substr(0, 5)),
              "owner_id=3&stage=potential&" + q("h")};
  totals_agree("created");

  const auto set_tags = [&](const Json& customer, Json tags) {
    ASSERT_EQ(call("admin", Method::kPut, url(customer) + "/tags", {{"tags", tags}}).status(),
              Status::kOk);
  };
  set_tags(lilei, {"VIP"});
  set_tags(haiyan, {"VIP", "复购"});
  set_tags(haitao, {"VIP"});
  totals_agree("tagged");
  set_tags(lilei, Json::array());
  totals_agree("untagged");
  const std::string members = "/api/v1/customer-categories/" + std::to_string(category) + "/members";
  ASSERT_EQ(call("admin", Method::kPost, members,
                 {{"customer_ids", {haiyan["id"], haitao["id"], shanlei["id"]}}}).status(),
            Status::kOk);
  totals_agree("categorised");
  ASSERT_EQ(call("admin", Method::kDelete, members, {{"customer_ids", {haitao["id"]}}}).status(),
            Status::kOk);
  totals_agree("left the category");

  ASSERT_EQ(call("admin", Method::kDelete, url(haiyan)).status(), Status::kNoContent);
  totals_agree("deleted");
  ASSERT_EQ(call("admin", Method::kPost, url(haiyan) + "/restore").status(), Status::kOk);
  totals_agree("restored");
  patch(wanghai, {{"owner_id", 3}});
  totals_agree("owner changed");
  patch(wanghai, {{"stage", "member"}});
  totals_agree("stage changed");
  patch(wanghai, {{"address", address("上海市", "上海市", "静安区")}});
  totals_agree("address changed");
  patch(wanghai, {{"name", "海王"}});
  totals_agree("renamed");
  patch(anna, {{"name", "Hanna 王"}});
  totals_agree("renamed (pinyin only)");
  patch(anna, {{"owner_id", 1}});
  totals_agree("owner of a pinyin match changed");

  http::Response merged = call("admin", Method::kPost, "/api/v1/customer-merges",
                               {{"survivor_id", haiyan["id"]}, {"merged_id", haitao["id"]}});
  ASSERT_EQ(merged.status(), Status::kCreated) << merged.body();
  totals_agree("merged");
  ASSERT_EQ(call("admin", Method::kPost,
                 "/api/v1/customer-merges/" + std::to_string(body(merged)["id"].get<int64_t>()) +
                     "/undo").status(),
            Status::kOk);
  totals_agree("merge undone");

  ASSERT_EQ(call("admin", Method::kDelete, url(shanlei)).status(), Status::kNoContent);
  http::Response erased = call("admin", Method::kDelete, url(shanlei) + "/erase",
                               {{"confirm", shanlei["number"]}});
  ASSERT_EQ(erased.status(), Status::kNoContent) << erased.body();
  totals_agree("erased");

  // Another write path removing a LIVE customer outright (its grams, tags and category rows go by
  // ON DELETE CASCADE after the row): the counters still follow.
  ASSERT_TRUE(database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(tx.execute("DELETE FROM customers WHERE id = ?", haiyan["id"].get<int64_t>()));
    return {};
  }));
  totals_agree("deleted outright");
}

// The import writes its customers with the count triggers suspended and adds the counters itself
// (CounterDeltas, customer_search_bulk.h): the pinyin prefix counters still equal a recount, and
// the totals they answer equal the lists.
TEST_P(CustomerSearchTotalsTest, PinyinCountersAfterAnImportEqualARecount) {
  create("admin", {{"name", "张伟"}, {"phone", "13700000001"}});
  const Json gone = create("sales", {{"name", "章小伟"}, {"phone", "13700000002"}});
  ASSERT_EQ(call("admin", Method::kDelete, url(gone)).status(), Status::kNoContent);
  storage::Worker worker(database_.db(), *jobs_, clock_);
  module_->subscribe(worker.events(), worker);
  Caller caller;
  caller.actor.user_id = 3;
  caller.actor.username = "sales";
  caller.actor.data_scope = "all";  // updates admin's 张伟; creates customers owned by 3
  caller.audit.actor_id = 3;
  caller.audit.actor_name = "sales";
  std::string csv = "姓名,手机\r\n";
  csv += "张伟,13700000001\r\n";  // an update (trigger path)
  const std::vector<std::string> names = {"张伟", "章伟", "张", "Zhang Wei", "欧阳娜", "诸葛亮",
                                          "Zoë 张", "单雷"};
  for (size_t i = 0; i < 40; ++i) {
    csv += fmt::format("{}{},139{:08d}\r\n", names[i % names.size()], i / names.size(), i);
  }
  auto uploaded = module_->imports().upload(caller, "customers.csv", csv);
  ASSERT_TRUE(uploaded) << uploaded.error().message;
  auto started = module_->imports().start(
      caller, uploaded->id, Json{{"mapping", uploaded->suggested_mapping}, {"match_by", "phone"}});
  ASSERT_TRUE(started) << started.error().message;
  ASSERT_EQ(*worker.run_once(), 1);
  auto record = module_->imports().get(caller, uploaded->id);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->status, "succeeded") << record->errors.dump() << record->failure;
  EXPECT_EQ(record->created, 40);
  queries_ = {q("z"), q("zh"), q("zhang"), q("zhangw"), q("zhangwei"), q("zw"), q("zgl"),
              q("zhuge"), q("zo"), q("oyn"), q("s"), "owner_id=3&" + q("zh"),
              "stage=potential&" + q("zh"), "stage=potential&" + q("张")};
  totals_agree("imported");
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomerSearchTotalsTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::customers
