// SPDX-License-Identifier: Apache-2.0
#include <set>

#include "modules/customers/customers_test_fixture.h"

namespace crm::customers {
namespace {

using http::Method;
using http::Status;

class CustomerRoutesTest : public CustomersFixture {};

Json li_lei() {
  return {{"name", "李雷"},
          {"phone", "13800138000"},
          {"email", "lilei@example.com"},
          {"id_number", "330106199001011234"},
          {"gender", "male"},
          {"birthday", "1990-05-01"},
          {"address", {{"province", "浙江省"}, {"city", "杭州市"}, {"district", "西湖区"},
                       {"detail", "文三路100号"}}},
          {"consent", {{"sms", true}}}};
}

TEST_P(CustomerRoutesTest, CreateMasksByDefaultAndStoresOnlyCiphertext) {
  http::Response response = call("admin", Method::kPost, "/api/v1/customers", li_lei());
  ASSERT_EQ(response.status(), Status::kCreated) << response.body();
  EXPECT_EQ(response.header("ETag").value_or(""), "\"1\"");
  Json customer = body(response);
  EXPECT_EQ(customer["number"], "C20261118000001");
  EXPECT_EQ(customer["phone"], "138****8000");
  EXPECT_EQ(customer["email"], "l***@example.com");
  EXPECT_EQ(customer["id_number"], "3301**********1234");
  EXPECT_EQ(customer["address"]["detail"], "文三***");
  EXPECT_EQ(customer["masked"], true);
  EXPECT_EQ(customer["owner_id"], 1);
  EXPECT_EQ(customer["owner_name"], "user1");
  EXPECT_EQ(customer["consent"]["sms"], true);
  EXPECT_EQ(create("admin", {{"name", "韩梅梅"}})["number"], "C20261118000002");

  auto row = database_.db().read([](storage::Connection& c) {
    return c.query_one("SELECT phone_cipher, email_cipher, address_cipher, id_number_cipher, "
                       "phone_index FROM customers WHERE number = 'C20261118000001'");
  });
  ASSERT_TRUE(row);
  for (size_t i = 0; i < 4; ++i) {
    const std::string cipher = row->get_string(i);
    EXPECT_TRUE(cipher.starts_with("v1.")) << cipher;
    EXPECT_EQ(cipher.find("13800138000"), std::string::npos);
    EXPECT_EQ(cipher.find("lilei"), std::string::npos);
  }
  EXPECT_EQ(*keyring_.open(row->get_string(0), "customers.phone"), "13800138000");
  EXPECT_EQ(row->get_string(4), keyring_.blind_index("phone", "13800138000"));
}

TEST_P(CustomerRoutesTest, RevealNeedsPermissionAndIsAudited) {
  const int64_t id = create("admin", li_lei())["id"];
  const std::string url = "/api/v1/customers/" + std::to_string(id);
  EXPECT_EQ(body(call("manager", Method::kGet, url))["phone"], "138****8000");
  http::Response forbidden = call("manager", Method::kGet, url + "?reveal=true");
  EXPECT_EQ(forbidden.status(), Status::kForbidden);
  EXPECT_EQ(body(forbidden)["error"]["code"], "customer.pii_forbidden");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.pii_viewed'"), 0);

  http::Response revealed = call("admin", Method::kGet, url + "?reveal=true");
  ASSERT_EQ(revealed.status(), Status::kOk) << revealed.body();
  Json customer = body(revealed);
  EXPECT_EQ(customer["masked"], false);
  EXPECT_EQ(customer["phone"], "13800138000");
  EXPECT_EQ(customer["email"], "lilei@example.com");
  EXPECT_EQ(customer["address"]["detail"], "文三路100号");
  EXPECT_EQ(customer["id_number"], "330106199001011234");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.pii_viewed' AND "
                  "target_id = '" + std::to_string(id) + "'"), 1);
  // Nothing personal in clear text in the audit log or the history.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%13800138000%' OR "
                  "changes LIKE '%lilei%' OR changes LIKE '%文三路%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE changes LIKE '%13800138000%' OR "
                  "changes LIKE '%lilei%' OR changes LIKE '%文三路%'"), 0);
}

TEST_P(CustomerRoutesTest, ExactPhoneAndEmailSearchUseTheBlindIndex) {
  create("admin", li_lei());
  create("admin", {{"name", "韩梅梅"}, {"phone", "13900139000"}});
  Json found = body(call("admin", Method::kGet, "/api/v1/customers?phone=138%200013%208000"));
  ASSERT_EQ(found["total"], 1) << found;
  EXPECT_EQ(found["items"][0]["name"], "李雷");
  EXPECT_EQ(found["items"][0]["masked"], true);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?email=LILEI@example.com"))["total"], 1);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?phone=13700000000"))["total"], 0);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?q=%E6%9D%AD%E5%B7%9E"))["total"], 1);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?q=%E9%9F%A9"))["total"], 1);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?q=C2026"))["total"], 2);
}

TEST_P(CustomerRoutesTest, DuplicatePhoneOrEmailIsRefusedNamingTheCustomer) {
  const std::string number = create("admin", li_lei())["number"];
  http::Response duplicate = call("admin", Method::kPost, "/api/v1/customers",
                                  {{"name", "Other"}, {"phone", "+86 138-0013-8000"}});
  EXPECT_EQ(duplicate.status(), Status::kConflict);
  Json error = body(duplicate)["error"];
  EXPECT_EQ(error["code"], "customer.phone_taken");
  EXPECT_EQ(error["field"], "phone");
  EXPECT_NE(error["message"].get<std::string>().find(number), std::string::npos) << error;
  http::Response email = call("admin", Method::kPost, "/api/v1/customers",
                              {{"name", "Other"}, {"email", "LiLei@Example.com"}});
  EXPECT_EQ(body(email)["error"]["code"], "customer.email_taken");

  // Also on edit.
  Json other = create("admin", {{"name", "Other"}, {"phone", "13900139000"}});
  http::Response patch = call("admin", Method::kPatch,
                              "/api/v1/customers/" + std::to_string(other["id"].get<int64_t>()),
                              {{"phone", "13800138000"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(patch.status(), Status::kConflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 2);
}

TEST_P(CustomerRoutesTest, ValidationErrorsNameTheField) {
  http::Response response = call("admin", Method::kPost, "/api/v1/customers",
                                 {{"name", "x"}, {"phone", "12345"}});
  EXPECT_EQ(response.status(), Status::kBadRequest);
  EXPECT_EQ(body(response)["error"]["code"], "customer.invalid_phone");
  EXPECT_EQ(body(response)["error"]["field"], "phone");
  response = call("admin", Method::kPost, "/api/v1/customers", {{"name", "x"}, {"email", "nope"}});
  EXPECT_EQ(body(response)["error"]["code"], "customer.invalid_email");
}

TEST_P(CustomerRoutesTest, PatchNeedsCurrentIfMatchAndKeepsHistory) {
  const int64_t id = create("admin", li_lei())["id"];
  const std::string url = "/api/v1/customers/" + std::to_string(id);
  http::Response missing = call("admin", Method::kPatch, url, {{"name", "李磊"}});
  EXPECT_EQ(missing.status(), Status::kPreconditionRequired);
  EXPECT_EQ(body(missing)["error"]["code"], "customer.if_match_required");

  http::Response ok = call("admin", Method::kPatch, url,
                           {{"name", "李磊"}, {"phone", "13900001111"}, {"stage", "member"}},
                           {{"If-Match", "\"1\""}});
  ASSERT_EQ(ok.status(), Status::kOk) << ok.body();
  EXPECT_EQ(ok.header("ETag").value_or(""), "\"2\"");
  EXPECT_EQ(body(ok)["name"], "李磊");
  EXPECT_EQ(body(ok)["phone"], "139****1111");
  EXPECT_EQ(body(ok)["email"], "l***@example.com");  // untouched

  http::Response stale = call("admin", Method::kPatch, url, {{"name", "X"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status(), Status::kPreconditionFailed);
  EXPECT_EQ(body(stale)["error"]["code"], "customer.version_mismatch");

  Json history = body(call("admin", Method::kGet, url + "/history"))["items"];
  ASSERT_EQ(history.size(), 2u) << history;
  EXPECT_EQ(history[0]["action"], "updated");
  EXPECT_EQ(history[0]["actor_name"], "admin");
  EXPECT_EQ(history[0]["changes"]["name"]["from"], "李雷");
  EXPECT_EQ(history[0]["changes"]["name"]["to"], "李磊");
  EXPECT_EQ(history[0]["changes"]["phone"]["from"], "***");
  EXPECT_EQ(history[0]["changes"]["phone"]["to"], "***");
  EXPECT_EQ(history[0]["changes"]["stage"]["to"], "member");
  EXPECT_FALSE(history[0]["changes"].contains("email"));
  EXPECT_EQ(history[1]["action"], "created");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.updated'"), 1);
  // The new phone is found by the index, the old one no longer.
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?phone=13900001111"))["total"], 1);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?phone=13800138000"))["total"], 0);
}

TEST_P(CustomerRoutesTest, OwnScopeSeesOnlyOwnCustomers) {
  const int64_t mine = create("sales", {{"name", "Mine"}})["id"];
  const int64_t theirs = create("sales2", {{"name", "Theirs"}})["id"];
  create("admin", {{"name", "Admin's"}});
  Json list = body(call("sales", Method::kGet, "/api/v1/customers"));
  EXPECT_EQ(list["total"], 1);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["id"], mine);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers"))["total"], 3);

  const std::string other = "/api/v1/customers/" + std::to_string(theirs);
  http::Response get = call("sales", Method::kGet, other);
  EXPECT_EQ(get.status(), Status::kNotFound);
  EXPECT_EQ(body(get)["error"]["code"], "customer.not_found");
  EXPECT_EQ(call("sales", Method::kPatch, other, {{"name", "x"}}, {{"If-Match", "\"1\""}}).status(),
            Status::kNotFound);
  EXPECT_EQ(call("sales", Method::kDelete, other).status(), Status::kNotFound);
  EXPECT_EQ(call("sales", Method::kGet, other + "/history").status(), Status::kNotFound);
  // Assigning to someone else needs scope "all".
  http::Response assign = call("sales", Method::kPost, "/api/v1/customers",
                               {{"name", "x"}, {"owner_id", 4}});
  EXPECT_EQ(assign.status(), Status::kForbidden);
  EXPECT_EQ(create("admin", {{"name", "Assigned"}, {"owner_id", 3}})["owner_id"], 3);
  EXPECT_EQ(body(call("sales", Method::kGet, "/api/v1/customers"))["total"], 2);
}

TEST_P(CustomerRoutesTest, DeleteRecycleBinRestoreAndErase) {
  Json customer = create("admin", li_lei());
  const int64_t id = customer["id"];
  const std::string number = customer["number"];
  const std::string url = "/api/v1/customers/" + std::to_string(id);
  EXPECT_EQ(call("admin", Method::kPut, url + "/tags", {{"tags", {"VIP"}}}).status(), Status::kOk);
  EXPECT_EQ(call("sales2", Method::kDelete, url).status(), Status::kForbidden);  // no permission
  EXPECT_EQ(call("admin", Method::kDelete, url).status(), Status::kNoContent);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers"))["total"], 0);
  EXPECT_EQ(call("admin", Method::kGet, url).status(), Status::kNotFound);
  Json bin = body(call("admin", Method::kGet, "/api/v1/customers/recycle-bin"));
  ASSERT_EQ(bin["total"], 1);
  EXPECT_EQ(bin["items"][0]["deleted_by"], 1);
  EXPECT_TRUE(bin["items"][0].contains("deleted_at"));

  http::Response restored = call("admin", Method::kPost, url + "/restore");
  ASSERT_EQ(restored.status(), Status::kOk) << restored.body();
  EXPECT_EQ(body(restored)["tags"], Json({"VIP"}));
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers"))["total"], 1);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers/recycle-bin"))["total"], 0);

  http::Response not_deleted = call("admin", Method::kDelete, url + "/erase", {{"confirm", number}});
  EXPECT_EQ(body(not_deleted)["error"]["code"], "customer.not_deleted");
  ASSERT_EQ(call("admin", Method::kDelete, url).status(), Status::kNoContent);
  http::Response wrong = call("admin", Method::kDelete, url + "/erase", {{"confirm", "C1"}});
  EXPECT_EQ(body(wrong)["error"]["code"], "customer.confirm_mismatch");
  EXPECT_EQ(call("admin", Method::kDelete, url + "/erase", {{"confirm", number}}).status(),
            Status::kNoContent);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_tags"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE customer_id = " +
                  std::to_string(id)), 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.erased'"), 1);
  // The phone is free again.
  create("admin", {{"name", "New"}, {"phone", "13800138000"}});
}

TEST_P(CustomerRoutesTest, KeysetPagesReturnEveryRowOnceWithTotal) {
  for (int i = 0; i < 23; ++i) {
    create(i % 3 == 0 ? "sales" : "admin", {{"name", "客户" + std::to_string(i % 5)}});
    if (i % 2 == 0) clock_.advance_ms(1000);  // ties in created_at_ms too
  }
  for (const std::string sort : {"-created_at", "created_at", "name", "-updated_at"}) {
    std::set<int64_t> seen;
    std::string after;
    int pages = 0;
    while (true) {
      std::string url = "/api/v1/customers?limit=5&sort=" + sort;
      if (!after.empty()) url += "&after=" + after;
      Json page = body(call("admin", Method::kGet, url));
      ASSERT_EQ(page["total"], 23) << page;
      for (const Json& item : page["items"]) EXPECT_TRUE(seen.insert(item["id"].get<int64_t>()).second);
      ++pages;
      if (page["next_after"].is_null()) break;
      after = page["next_after"];
      ASSERT_LT(pages, 10);
    }
    EXPECT_EQ(seen.size(), 23u) << sort;
    EXPECT_EQ(pages, 5) << sort;
  }
  Json own = body(call("sales", Method::kGet, "/api/v1/customers?limit=200"));
  EXPECT_EQ(own["total"], 8);
  EXPECT_EQ(call("admin", Method::kGet, "/api/v1/customers?limit=0").status(), Status::kBadRequest);
  EXPECT_EQ(call("admin", Method::kGet, "/api/v1/customers?after=zz").status(), Status::kBadRequest);
}

TEST_P(CustomerRoutesTest, TagsAndBulkTags) {
  const int64_t a = create("admin", {{"name", "A"}})["id"];
  const int64_t b = create("sales2", {{"name", "B"}})["id"];
  http::Response set = call("admin", Method::kPut, "/api/v1/customers/" + std::to_string(a) + "/tags",
                            {{"tags", {"VIP", " 复购 ", "VIP"}}});
  ASSERT_EQ(set.status(), Status::kOk) << set.body();
  EXPECT_EQ(body(set)["tags"].size(), 2u);
  http::Response bulk = call("sales2", Method::kPost, "/api/v1/customers/bulk-tags",
                             {{"customer_ids", {a, b}}, {"add", {"新客"}}, {"remove", Json::array()}});
  ASSERT_EQ(bulk.status(), Status::kOk) << bulk.body();
  EXPECT_EQ(body(bulk)["updated"], 1);  // a is outside sales2's scope
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?tag=%E6%96%B0%E5%AE%A2"))["total"], 1);
  bulk = call("admin", Method::kPost, "/api/v1/customers/bulk-tags",
              {{"customer_ids", {a, b}}, {"remove", {"VIP", "新客"}}});
  EXPECT_EQ(body(bulk)["updated"], 2);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?tag=VIP"))["total"], 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomerRoutesTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::customers
