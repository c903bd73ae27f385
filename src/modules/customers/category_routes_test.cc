// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customers_test_fixture.h"

namespace crm::customers {
namespace {

using http::Method;
using http::Status;

class CategoryRoutesTest : public CustomersFixture {};

TEST_P(CategoryRoutesTest, CategoryInUseCannotBeDeletedEmptyOneCan) {
  http::Response created = call("admin", Method::kPost, "/api/v1/customer-categories",
                                {{"name", "批发客户"}, {"description", "wholesale"}});
  ASSERT_EQ(created.status(), Status::kCreated) << created.body();
  const int64_t id = body(created)["id"];
  const std::string url = "/api/v1/customer-categories/" + std::to_string(id);
  EXPECT_EQ(body(call("admin", Method::kPost, "/api/v1/customer-categories",
                      {{"name", "批发客户"}}))["error"]["code"], "category.name_taken");

  const int64_t a = create("admin", {{"name", "A"}})["id"];
  const int64_t b = create("sales", {{"name", "B"}})["id"];
  const int64_t c = create("sales2", {{"name", "C"}})["id"];
  http::Response added = call("sales", Method::kPost, url + "/members",
                              {{"customer_ids", {a, b, c, 999}}});
  ASSERT_EQ(added.status(), Status::kOk) << added.body();
  EXPECT_EQ(body(added)["added"], 1);  // only b is in sales' scope
  EXPECT_EQ(body(call("admin", Method::kPost, url + "/members",
                      {{"customer_ids", {a, b}}}))["added"], 1);

  Json category = body(call("admin", Method::kGet, url));
  EXPECT_EQ(category["customer_count"], 2);
  Json members = body(call("admin", Method::kGet, url + "/customers"));
  EXPECT_EQ(members["total"], 2);
  EXPECT_EQ(body(call("sales", Method::kGet, url + "/customers"))["total"], 1);
  Json customer = body(call("admin", Method::kGet, "/api/v1/customers/" + std::to_string(a)));
  ASSERT_EQ(customer["categories"].size(), 1u);
  EXPECT_EQ(customer["categories"][0]["name"], "批发客户");
  EXPECT_EQ(body(call("admin", Method::kGet,
                      "/api/v1/customers?category_id=" + std::to_string(id)))["total"], 2);

  http::Response in_use = call("admin", Method::kDelete, url);
  EXPECT_EQ(in_use.status(), Status::kConflict);
  EXPECT_EQ(body(in_use)["error"]["code"], "category.in_use");
  EXPECT_NE(body(in_use)["error"]["message"].get<std::string>().find('2'), std::string::npos);

  EXPECT_EQ(body(call("admin", Method::kDelete, url + "/members",
                      {{"customer_ids", {a, b}}}))["removed"], 2);
  EXPECT_EQ(call("admin", Method::kDelete, url).status(), Status::kNoContent);
  EXPECT_EQ(call("admin", Method::kGet, url).status(), Status::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'category.%'"), 5);
}

TEST_P(CategoryRoutesTest, ListSearchSortAndEdit) {
  for (const char* name : {"乙", "甲", "丙"}) {
    ASSERT_EQ(call("admin", Method::kPost, "/api/v1/customer-categories", {{"name", name}}).status(),
              Status::kCreated);
    clock_.advance_ms(10);
  }
  Json list = body(call("admin", Method::kGet, "/api/v1/customer-categories?sort=-created_at"));
  ASSERT_EQ(list["items"].size(), 3u);
  EXPECT_EQ(list["items"][0]["name"], "丙");
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customer-categories?q=%E7%94%B2"))["total"], 1);
  const int64_t id = list["items"][0]["id"];
  http::Response patched = call("admin", Method::kPatch,
                                "/api/v1/customer-categories/" + std::to_string(id),
                                {{"description", "新描述"}});
  ASSERT_EQ(patched.status(), Status::kOk) << patched.body();
  EXPECT_EQ(body(patched)["description"], "新描述");
  http::Response taken = call("admin", Method::kPatch,
                              "/api/v1/customer-categories/" + std::to_string(id),
                              {{"name", "甲"}});
  EXPECT_EQ(body(taken)["error"]["code"], "category.name_taken");
  EXPECT_EQ(call("sales2", Method::kDelete, "/api/v1/customer-categories/" + std::to_string(id))
                .status(), Status::kNoContent);
}

INSTANTIATE_TEST_SUITE_P(Backends, CategoryRoutesTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::customers
