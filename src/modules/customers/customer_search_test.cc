// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/customers?q=… on both databases: every kind of match, combined with the other
// filters, the data scope and keyset paging; totals exact; the start-up backfill.
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customers_test_fixture.h"
#include "modules/customers/pinyin.h"

namespace crm::customers {
namespace {

using http::Method;
using http::Status;

class CustomerSearchTest : public CustomersFixture {
 protected:
  // The names found by `query` (percent-encoded by the caller where needed), sorted by name.
  std::set<std::string> names(const std::string& actor, const std::string& query) {
    http::Response response = call(actor, Method::kGet, "/api/v1/customers?limit=200&" + query);
    EXPECT_EQ(response.status(), Status::kOk) << response.body();
    Json page = body(response);
    std::set<std::string> out;
    for (const Json& item : page["items"]) out.insert(item["name"].get<std::string>());
    EXPECT_EQ(page["total"].get<size_t>(), out.size()) << query;
    return out;
  }

  static std::string q(std::string_view text) {
    std::string out = "q=";
    for (const unsigned char c : text) {
      if (std::isalnum(c)) out.push_back(static_cast<char>(c));
      else out += fmt::format("%{:02X}", c);
    }
    return out;
  }

  void seed() {
    create("admin", {{"name", "李雷"}, {"stage", "member"},
                     {"address", {{"province", "浙江省"}, {"city", "杭州市"}, {"district", "西湖区"}}}});
    create("admin", {{"name", "韩梅梅"},
                     {"address", {{"province", "江苏省"}, {"city", "南京市"}, {"district", "鼓楼区"}}}});
    create("sales", {{"name", "李丽"}, {"stage", "member"}});
    create("sales", {{"name", "单雷"}});
    create("admin", {{"name", "欧阳娜娜"}});
    create("admin", {{"name", "Tom Lee"}});
    create("admin", {{"name", "100%纯"}});
  }
};

using Names = std::set<std::string>;

TEST_P(CustomerSearchTest, NamePrefixAndContainsCaseInsensitive) {
  seed();
  EXPECT_EQ(names("admin", q("李")), (Names{"李雷", "李丽"}));
  EXPECT_EQ(names("admin", q("雷")), (Names{"李雷", "单雷"}));        // contained
  EXPECT_EQ(names("admin", q("梅梅")), (Names{"韩梅梅"}));            // two characters
  EXPECT_EQ(names("admin", q("阳娜娜")), (Names{"欧阳娜娜"}));        // three and more
  EXPECT_EQ(names("admin", q("阳娜雷")), Names{});
  EXPECT_EQ(names("admin", q("TOM")), (Names{"Tom Lee"}));
  EXPECT_EQ(names("admin", q("m le")), (Names{"Tom Lee"}));
  EXPECT_EQ(names("admin", q("0%纯")), (Names{"100%纯"}));          // % is literal
  EXPECT_EQ(names("admin", q("0_纯")), Names{});
}

TEST_P(CustomerSearchTest, PinyinAndInitialsPrefix) {
  seed();
  EXPECT_EQ(names("admin", q("lil")), (Names{"李雷", "李丽"}));
  EXPECT_EQ(names("admin", q("lilei")), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q("LiLei")), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q("li lei")), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q("ll")), (Names{"李雷", "李丽"}));
  EXPECT_EQ(names("admin", q("shanl")), (Names{"单雷"}));  // surname reading of 单
  EXPECT_EQ(names("admin", q("oyn")), (Names{"欧阳娜娜"}));
  EXPECT_EQ(names("admin", q("hmm")), (Names{"韩梅梅"}));
  EXPECT_EQ(names("admin", q("leil")), Names{});            // pinyin matches from the start only
}

TEST_P(CustomerSearchTest, NumberAndAddressPrefix) {
  seed();
  const Json first = body(call("admin", Method::kGet, "/api/v1/customers?sort=created_at&limit=1"));
  const std::string number = first["items"][0]["number"];  // C20261118000001
  EXPECT_EQ(names("admin", q(number)), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q(number.substr(1))), (Names{"李雷"}));  // without the C
  EXPECT_EQ(names("admin", q(to_lower_ascii(number))), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q(number.substr(0, 9))).size(), 7u);
  EXPECT_EQ(names("admin", q("浙江")), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q("南京市")), (Names{"韩梅梅"}));
  EXPECT_EQ(names("admin", q("西湖")), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q("湖区")), Names{});  // address: prefix only
}

TEST_P(CustomerSearchTest, CombinesWithFiltersAndDataScope) {
  seed();
  EXPECT_EQ(names("admin", q("ll") + "&stage=member"), (Names{"李雷", "李丽"}));
  EXPECT_EQ(names("admin", q("lil") + "&owner_id=3"), (Names{"李丽"}));
  EXPECT_EQ(names("sales", q("lil")), (Names{"李丽"}));
  EXPECT_EQ(names("sales", q("雷")), (Names{"单雷"}));
  EXPECT_EQ(names("sales", q("梅")), Names{});
  const Json lilei = body(call("admin", Method::kGet, "/api/v1/customers?" + q("lilei")));
  const std::string id = std::to_string(lilei["items"][0]["id"].get<int64_t>());
  ASSERT_EQ(call("admin", Method::kPut, "/api/v1/customers/" + id + "/tags", {{"tags", {"VIP"}}})
                .status(), Status::kOk);
  EXPECT_EQ(names("admin", q("li") + "&tag=VIP"), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q("li") + "&created_from=2026-11-19"), Names{});
  // Deleted customers leave the search; the recycle bin searches them.
  ASSERT_EQ(call("admin", Method::kDelete, "/api/v1/customers/" + id).status(), Status::kNoContent);
  EXPECT_EQ(names("admin", q("lil")), (Names{"李丽"}));
  Json bin = body(call("admin", Method::kGet, "/api/v1/customers/recycle-bin?" + q("lil")));
  EXPECT_EQ(bin["total"], 1);
}

TEST_P(CustomerSearchTest, RenameMovesTheSearchTerms) {
  const Json created = create("admin", {{"name", "李雷"}});
  const std::string url = "/api/v1/customers/" + std::to_string(created["id"].get<int64_t>());
  ASSERT_EQ(call("admin", Method::kPatch, url, {{"name", "王芳"}}, {{"If-Match", "\"1\""}}).status(),
            Status::kOk);
  EXPECT_EQ(names("admin", q("lil")), Names{});
  EXPECT_EQ(names("admin", q("雷")), Names{});
  EXPECT_EQ(names("admin", q("wf")), (Names{"王芳"}));
  EXPECT_EQ(names("admin", q("芳")), (Names{"王芳"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_name_grams"), 3);
}

TEST_P(CustomerSearchTest, KeysetPagesOfASearchAreStableAndTotalsExact) {
  for (int i = 0; i < 27; ++i) {
    create(i % 3 == 0 ? "sales" : "admin",
           {{"name", (i % 2 == 0 ? "李" : "黎") + std::to_string(i % 4) + "雷"}});
    if (i % 2 == 0) clock_.advance_ms(1000);  // ties in created_at_ms
  }
  create("admin", {{"name", "王芳"}});
  for (const std::string sort : {"-created_at", "created_at", "name", "-updated_at"}) {
    std::set<int64_t> seen;
    std::string after;
    int pages = 0;
    while (true) {
      std::string url = "/api/v1/customers?limit=4&" + q("li") + "&sort=" + sort;
      if (!after.empty()) url += "&after=" + after;
      Json page = body(call("admin", Method::kGet, url));
      ASSERT_EQ(page["total"], 27) << page;
      for (const Json& item : page["items"]) {
        EXPECT_TRUE(seen.insert(item["id"].get<int64_t>()).second);
      }
      ++pages;
      if (page["next_after"].is_null()) break;
      after = page["next_after"];
      ASSERT_LT(pages, 10);
    }
    EXPECT_EQ(seen.size(), 27u) << sort;
    EXPECT_EQ(pages, 7) << sort;
  }
  EXPECT_EQ(body(call("sales", Method::kGet, "/api/v1/customers?limit=4&" + q("雷")))["total"], 9);
}

// A pinyin q's page on SQLite comes from the pinyin and initials indexes plus the other
// alternatives (customer_search.h index_page_ids): each match once, in sort order, across pages.
TEST_P(CustomerSearchTest, PinyinPagesListEachMatchOnceInSortOrder) {
  const std::vector<std::string> matching = {"李雷", "黎明", "Lily Chen", "刘丽", "林立"};
  for (const std::string& name : matching) {
    create(name == "黎明" ? "sales" : "admin", {{"name", name}});
    clock_.advance_ms(1000);
  }
  create("admin", {{"name", "王芳"}});
  const int64_t gone = create("admin", {{"name", "李四"}})["id"];
  ASSERT_EQ(call("admin", Method::kDelete, "/api/v1/customers/" + std::to_string(gone)).status(),
            Status::kNoContent);
  // "l": pinyin (李雷 lilei), initials (李雷 ll: the same customer again) and name (Lily).
  auto listed = [&](const std::string& actor, const std::string& sort, int limit) {
    std::vector<std::string> out;
    std::string after;
    for (int pages = 0; pages < 10; ++pages) {
      std::string url = fmt::format("/api/v1/customers?limit={}&{}&sort={}", limit, q("l"), sort);
      if (!after.empty()) url += "&after=" + after;
      Json page = body(call(actor, Method::kGet, url));
      for (const Json& item : page["items"]) out.push_back(item["name"]);
      if (page["next_after"].is_null()) break;
      after = page["next_after"];
    }
    return out;
  };
  EXPECT_EQ(listed("admin", "created_at", 2), matching);
  EXPECT_EQ(listed("admin", "-created_at", 2),
            std::vector<std::string>(matching.rbegin(), matching.rend()));
  for (const std::string sort : {"name", "-updated_at"}) {
    const auto whole = listed("admin", sort, 200);
    EXPECT_EQ(std::set<std::string>(whole.begin(), whole.end()),
              std::set<std::string>(matching.begin(), matching.end())) << sort;
    EXPECT_EQ(listed("admin", sort, 2), whole) << sort;
  }
  EXPECT_EQ(listed("admin", "name", 200).front(), "Lily Chen");  // byte order
  EXPECT_EQ(listed("sales", "-created_at", 2), std::vector<std::string>{"黎明"});
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?" + q("l")))["total"], 5);
}

// A one-letter q pages from the pinyin index alone (customer_search.cc index_page_ids): it relies
// on every name's initials starting with the first byte of its pinyin.
TEST(CustomerSearchPinyinTest, InitialsStartWithThePinyinsFirstByte) {
  for (const std::string name : {"李雷", "单雷", "欧阳娜娜", "诸葛亮", "曾国藩", "Tom Lee", " 王芳",
                                  "100%纯", "Émile 张", "ÄBC", "吕布", "欸", "张-三", "Zoë"}) {
    const NamePinyin pinyin = name_pinyin(name);
    ASSERT_FALSE(pinyin.full.empty()) << name;
    EXPECT_EQ(pinyin.initials.front(), pinyin.full.front()) << name;
  }
}

TEST_P(CustomerSearchTest, ListPageCarriesEachCustomersOwnTagsAndCategories) {
  const int64_t a = create("admin", {{"name", "甲"}})["id"];
  const int64_t b = create("admin", {{"name", "乙"}})["id"];
  create("admin", {{"name", "丙"}});
  call("admin", Method::kPut, "/api/v1/customers/" + std::to_string(a) + "/tags",
       {{"tags", {"VIP", "复购"}}});
  call("admin", Method::kPut, "/api/v1/customers/" + std::to_string(b) + "/tags",
       {{"tags", {"新客"}}});
  const int64_t category =
      body(call("admin", Method::kPost, "/api/v1/customer-categories", {{"name", "批发客户"}}))["id"];
  call("admin", Method::kPost,
       "/api/v1/customer-categories/" + std::to_string(category) + "/members",
       {{"customer_ids", {b}}});
  Json page = body(call("admin", Method::kGet, "/api/v1/customers?sort=created_at"));
  ASSERT_EQ(page["items"].size(), 3u);
  EXPECT_EQ(page["items"][0]["tags"], Json({"VIP", "复购"}));
  EXPECT_EQ(page["items"][0]["categories"], Json::array());
  EXPECT_EQ(page["items"][1]["tags"], Json({"新客"}));
  EXPECT_EQ(page["items"][1]["categories"][0]["name"], "批发客户");
  EXPECT_EQ(page["items"][2]["tags"], Json::array());
}

TEST_P(CustomerSearchTest, StartFillsSearchFieldsOfOlderRows) {
  create("admin", {{"name", "李雷"}});
  // A row as written before migration 0002: no pinyin, no grams.
  ASSERT_TRUE(database_.db().transaction([](storage::Connection& tx) -> Result<void> {
    CRM_TRY(tx.execute("UPDATE customers SET name_pinyin = '', name_initials = ''"));
    CRM_TRY(tx.execute("DELETE FROM customer_name_grams"));
    return {};
  }));
  EXPECT_EQ(names("admin", q("lil")), Names{});
  ASSERT_TRUE(module_->start());
  EXPECT_EQ(names("admin", q("lil")), (Names{"李雷"}));
  EXPECT_EQ(names("admin", q("雷")), (Names{"李雷"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE name_initials = 'll'"), 1);
  ASSERT_TRUE(module_->start());  // idempotent
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_name_grams"), 3);
}

TEST_P(CustomerSearchTest, LongQueryIsRefused) {
  http::Response response =
      call("admin", Method::kGet, "/api/v1/customers?q=" + std::string(101, 'a'));
  EXPECT_EQ(response.status(), Status::kBadRequest);
  EXPECT_EQ(body(response)["error"]["field"], "q");
}

// The unfiltered and per-owner totals come from trigger-kept counters on SQLite (migration 0006):
// they must equal a COUNT after every kind of write that moves a customer in or out of the lists.
TEST_P(CustomerSearchTest, UnfilteredTotalsStayExactThroughEveryWrite) {
  const auto totals_agree = [&](std::string_view step) {
    for (const auto& [actor, owner] : {std::pair{"admin", 0}, {"sales", 3}}) {
      Json page = body(call(actor, Method::kGet, "/api/v1/customers?limit=1"));
      const std::string where = owner ? fmt::format(" AND owner_id = {}", owner) : "";
      EXPECT_EQ(page["total"].get<int64_t>(),
                count("SELECT COUNT(*) FROM customers WHERE deleted_at_ms IS NULL" + where))
          << step << " as " << actor;
    }
  };
  seed();
  totals_agree("created");
  const Json extra = create("sales", {{"name", "王芳"}});
  const std::string id = std::to_string(extra["id"].get<int64_t>());
  totals_agree("created by sales");
  EXPECT_EQ(call("admin", Method::kDelete, "/api/v1/customers/" + id).status(), Status::kNoContent);
  totals_agree("deleted");
  http::Response restored = call("admin", Method::kPost, "/api/v1/customers/" + id + "/restore");
  EXPECT_EQ(restored.status(), Status::kOk);
  totals_agree("restored");
  const std::string version = std::to_string(body(restored)["version"].get<int64_t>());
  http::Response moved = call("admin", Method::kPatch, "/api/v1/customers/" + id,
                              {{"owner_id", 1}}, {{"If-Match", "\"" + version + "\""}});
  EXPECT_EQ(moved.status(), Status::kOk) << moved.body();
  totals_agree("owner changed");
  const Json other = create("admin", {{"name", "王芳"}});
  http::Response merged = call("admin", Method::kPost, "/api/v1/customer-merges",
                               {{"survivor_id", other["id"]}, {"merged_id", extra["id"]}});
  EXPECT_EQ(merged.status(), Status::kCreated) << merged.body();
  totals_agree("merged");
  EXPECT_EQ(call("admin", Method::kPost,
                 "/api/v1/customer-merges/" +
                     std::to_string(body(merged)["id"].get<int64_t>()) + "/undo")
                .status(),
            Status::kOk);
  totals_agree("merge undone");
  EXPECT_EQ(call("admin", Method::kDelete, "/api/v1/customers/" + id).status(), Status::kNoContent);
  http::Response erased = call("admin", Method::kDelete, "/api/v1/customers/" + id + "/erase",
                               {{"confirm", extra["number"]}});
  EXPECT_EQ(erased.status(), Status::kNoContent) << erased.body();
  totals_agree("erased");
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomerSearchTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::customers
