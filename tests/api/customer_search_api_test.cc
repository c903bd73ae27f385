// SPDX-License-Identifier: Apache-2.0
// Customer search end to end (issue 5, "Search and lists") against the real binary on SQLite and
// PostgreSQL: pinyin, initials and "name contains" through GET /api/v1/customers?q=.
#include <set>

#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";

class CustomerSearchApiTest : public ApiTest {
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

  std::set<std::string> names(const std::string& query) {
    auto found = admin_->get("/api/v1/customers?" + query);
    EXPECT_EQ(found.status, 200) << found.body;
    const nlohmann::json page = found.json();  // kept: iterating a temporary's member dangles
    std::set<std::string> out;
    for (const auto& item : page["items"]) out.insert(item["name"].get<std::string>());
    EXPECT_EQ(page["total"].get<size_t>(), out.size()) << found.body;
    return out;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
};

using Names = std::set<std::string>;

TEST_P(CustomerSearchApiTest, FindsByPinyinInitialsAndContainedCharacter) {
  for (const char* name : {"李雷", "韩梅梅", "王芳", "单雷"}) {
    auto created = admin_->post("/api/v1/customers", {{"name", name}});
    ASSERT_EQ(created.status, 201) << created.body;
  }
  EXPECT_EQ(names("q=lil"), (Names{"李雷"}));
  EXPECT_EQ(names("q=LIL"), (Names{"李雷"}));
  EXPECT_EQ(names("q=hmm"), (Names{"韩梅梅"}));
  EXPECT_EQ(names("q=shanlei"), (Names{"单雷"}));
  EXPECT_EQ(names("q=%E9%9B%B7"), (Names{"李雷", "单雷"}));         // 雷
  EXPECT_EQ(names("q=%E6%A2%85%E6%A2%85"), (Names{"韩梅梅"}));     // 梅梅
  auto page = admin_->get("/api/v1/customers?q=%E9%9B%B7&limit=1");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json()["total"], 2);
  ASSERT_TRUE(page.json()["next_after"].is_string());
  auto next = admin_->get("/api/v1/customers?q=%E9%9B%B7&limit=1&after=" +
                          page.json()["next_after"].get<std::string>());
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_NE(next.json()["items"][0]["id"], page.json()["items"][0]["id"]);
  EXPECT_TRUE(next.json()["next_after"].is_null());
}

INSTANTIATE_TEST_SUITE_P(Databases, CustomerSearchApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
