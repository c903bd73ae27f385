// SPDX-License-Identifier: Apache-2.0
// Customers end to end (issue 5, first slice) against the real binary on SQLite and PostgreSQL:
// masking and audited reveal, duplicates, optimistic concurrency, data scope, recycle bin,
// categories.
#include <set>

#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";

class CustomersApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    server_ = start_server({"--test-captcha", kCaptcha},
                           {{"SHOPCRM_ADMIN_PASSWORD", kAdminPassword},
                            {"SHOPCRM_KEY_FILE", db_->dir() + "/shopcrm.key"},
                            {"SHOPCRM_MESSAGING_OUTBOX_FILE", db_->dir() + "/outbox.log"}});
    ASSERT_TRUE(server_);
    admin_ = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    ASSERT_EQ(admin_->login("admin", kAdminPassword).status, 200);
  }

  // A logged-in salesperson (role scope "own").
  std::unique_ptr<ApiSession> salesperson(const std::string& username) {
    const nlohmann::json roles = admin_->get("/api/v1/roles").json();
    int64_t role = 0;
    for (const auto& r : roles["items"]) {
      if (r["name"] == "salesperson") role = r["id"];
    }
    auto created = admin_->post("/api/v1/users", {{"username", username},
                                                  {"display_name", username},
                                                  {"password", "Sales-Pass-2026"},
                                                  {"role_ids", {role}}});
    EXPECT_EQ(created.status, 201) << created.body;
    auto session = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    EXPECT_EQ(session->login(username, "Sales-Pass-2026").status, 200);
    return session;
  }

  HttpResult create(ApiSession& as, const nlohmann::json& body) {
    return as.post("/api/v1/customers", body);
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
};

TEST_P(CustomersApiTest, MaskedByDefaultRevealedOnlyWithPermissionAndAudited) {
  auto created = create(*admin_, {{"name", "李雷"},
                                  {"phone", "138 0013 8000"},
                                  {"email", "lilei@example.com"},
                                  {"address", {{"province", "浙江省"}, {"city", "杭州市"},
                                               {"district", "西湖区"}, {"detail", "文三路100号"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const nlohmann::json customer = created.json();
  EXPECT_EQ(customer["phone"], "138****8000");
  EXPECT_EQ(customer["email"].get<std::string>().find("lilei@"), std::string::npos);
  EXPECT_EQ(customer["number"].get<std::string>().rfind("C", 0), 0u);
  const std::string id = std::to_string(customer["id"].get<int64_t>());

  // Encrypted at rest: the plaintext is nowhere in the table.
  const std::string stored = db_->sql("SELECT * FROM customers");
  EXPECT_EQ(stored.find("13800138000"), std::string::npos);
  EXPECT_EQ(stored.find("lilei@example.com"), std::string::npos);

  // Exact search by phone still works, in any format.
  auto found = admin_->get("/api/v1/customers?phone=13800138000");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json()["total"], 1);

  auto revealed = admin_->get("/api/v1/customers/" + id + "?reveal=true");
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.json()["phone"], "13800138000");
  auto audit = admin_->get("/api/v1/audit-log?action=customer.pii_viewed");
  EXPECT_EQ(audit.json()["total"], 1) << audit.body;

  auto sales = salesperson("wangfang");
  auto own = create(*sales, {{"name", "韩梅梅"}, {"phone", "13900139000"}});
  ASSERT_EQ(own.status, 201) << own.body;
  const std::string own_id = std::to_string(own.json()["id"].get<int64_t>());
  EXPECT_EQ(sales->get("/api/v1/customers/" + own_id + "?reveal=true").status, 403);
}

TEST_P(CustomersApiTest, DuplicatePhoneIsRefusedNamingTheExistingCustomer) {
  auto first = create(*admin_, {{"name", "李雷"}, {"phone", "13800138000"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto second = create(*admin_, {{"name", "李磊"}, {"phone", "+86 138-0013-8000"}});
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.json()["error"]["code"], "customer.phone_taken");
  EXPECT_EQ(second.json()["error"]["field"], "phone");
  EXPECT_NE(second.json()["error"]["message"].get<std::string>().find(
                first.json()["number"].get<std::string>()),
            std::string::npos);
  auto bad = create(*admin_, {{"name", "王五"}, {"phone", "12345"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["field"], "phone");
  EXPECT_EQ(admin_->get("/api/v1/customers").json()["total"], 1);  // nothing partial
}

TEST_P(CustomersApiTest, EditsNeedAFreshIfMatch) {
  auto created = create(*admin_, {{"name", "李雷"}});
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/customers/" + std::to_string(created.json()["id"].get<int64_t>());
  const std::string etag = created.header("etag");
  ASSERT_FALSE(etag.empty());

  auto missing = admin_->patch(path, {{"notes", "喜欢绿茶"}});
  EXPECT_EQ(missing.status, 428);
  HttpClient raw(server_->base_url());
  auto with = [&](const std::string& tag, const nlohmann::json& body) {
    return raw.request("PATCH", path, body.dump(),
                       {"Content-Type: application/json", "Cookie: " + admin_->session_cookie(),
                        "X-CSRF-Token: " + admin_->csrf_token(), "If-Match: " + tag});
  };
  auto updated = with(etag, {{"notes", "喜欢绿茶"}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_NE(updated.header("etag"), etag);
  auto stale = with(etag, {{"notes", "喜欢红茶"}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(admin_->get(path).json()["notes"], "喜欢绿茶");
  auto history = admin_->get(path + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_GE(history.json()["items"].size(), 2u);
}

TEST_P(CustomersApiTest, SalespersonSeesOnlyTheirOwnCustomers) {
  auto others = create(*admin_, {{"name", "管理员的客户"}});
  ASSERT_EQ(others.status, 201);
  auto sales = salesperson("zhaolei");
  auto own = create(*sales, {{"name", "自己的客户"}});
  ASSERT_EQ(own.status, 201) << own.body;

  auto list = sales->get("/api/v1/customers");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["total"], 1);
  EXPECT_EQ(list.json()["items"][0]["name"], "自己的客户");
  auto foreign = sales->get("/api/v1/customers/" + std::to_string(others.json()["id"].get<int64_t>()));
  EXPECT_EQ(foreign.status, 404);  // not 403: no hint that it exists
  EXPECT_EQ(admin_->get("/api/v1/customers").json()["total"], 2);
}

TEST_P(CustomersApiTest, DeleteMovesToTheRecycleBinAndRestoreBringsItBack) {
  auto created = create(*admin_, {{"name", "李雷"}, {"phone", "13800138000"}});
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/customers/" + std::to_string(created.json()["id"].get<int64_t>());
  EXPECT_EQ(admin_->del(path).status, 204);
  EXPECT_EQ(admin_->get(path).status, 404);
  EXPECT_EQ(admin_->get("/api/v1/customers").json()["total"], 0);
  EXPECT_EQ(admin_->get("/api/v1/customers/recycle-bin").json()["total"], 1);
  auto restored = admin_->post(path + "/restore", nlohmann::json::object());
  EXPECT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(admin_->get(path).status, 200);

  EXPECT_EQ(admin_->del(path).status, 204);
  auto wrong = admin_->send("DELETE", path + "/erase", nlohmann::json{{"confirm", "C0"}}.dump());
  EXPECT_TRUE(wrong.status >= 400 && wrong.status < 500) << wrong.status;  // number must match
  EXPECT_EQ(admin_->get("/api/v1/customers/recycle-bin").json()["total"], 1);
  auto erased = admin_->send("DELETE", path + "/erase",
                             nlohmann::json{{"confirm", created.json()["number"]}}.dump());
  EXPECT_EQ(erased.status, 204) << erased.body;
  EXPECT_EQ(admin_->get("/api/v1/customers/recycle-bin").json()["total"], 0);
}

TEST_P(CustomersApiTest, CategoryWithCustomersCannotBeDeleted) {
  auto category = admin_->post("/api/v1/customer-categories",
                               {{"name", "批发客户"}, {"description", "每月进货的小店"}});
  ASSERT_EQ(category.status, 201) << category.body;
  const std::string path =
      "/api/v1/customer-categories/" + std::to_string(category.json()["id"].get<int64_t>());
  auto customer = create(*admin_, {{"name", "李雷"}});
  auto added = admin_->post(path + "/members", {{"customer_ids", {customer.json()["id"]}}});
  EXPECT_EQ(added.status, 200) << added.body;

  auto refused = admin_->del(path);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json()["error"]["code"], "category.in_use");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find('1'), std::string::npos);
  EXPECT_EQ(admin_->get(path + "/customers").json()["total"], 1);

  admin_->send("DELETE", path + "/members",
               nlohmann::json{{"customer_ids", {customer.json()["id"]}}}.dump());
  EXPECT_EQ(admin_->del(path).status, 204);
}

INSTANTIATE_TEST_SUITE_P(Databases, CustomersApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
