// SPDX-License-Identifier: Apache-2.0
// Duplicates and merge end to end (docs/api/customers.md, "Duplicates and merge") against the
// real binary on SQLite and PostgreSQL: a merge moves a communication logged through
// /api/v1/interactions and its undo brings both records and the communication back; the
// background scan finds a same-name-same-address pair, which can be dismissed.
#include <chrono>
#include <thread>

#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";

class CustomerMergeApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    server_ = start_server({"--test-captcha", kCaptcha},
                           {{"SHOPCRM_ADMIN_PASSWORD", kAdminPassword},
                            {"SHOPCRM_MESSAGING_OUTBOX_FILE", db_->dir() + "/outbox.log"}});
    ASSERT_TRUE(server_);
    admin_ = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    ASSERT_EQ(admin_->login("admin", kAdminPassword).status, 200);
  }

  int64_t create(const nlohmann::json& body) {
    auto created = admin_->post("/api/v1/customers", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json().value("id", int64_t{0});
  }

  nlohmann::json revealed(int64_t id) {
    return admin_->get("/api/v1/customers/" + std::to_string(id) + "?reveal=true").json();
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
};

TEST_P(CustomerMergeApiTest, MergeThenUndoRestoresBothRecords) {
  const nlohmann::json area = {{"province", "浙江省"}, {"city", "杭州市"}, {"district", "西湖区"}};
  nlohmann::json address = area;
  address["detail"] = "文三路100号";
  const int64_t a = create({{"name", "李雷"}, {"phone", "13800138000"}, {"stage", "potential"}});
  const int64_t b = create({{"name", "李雷"}, {"email", "lilei@example.com"},
                            {"phone", "13900139000"}, {"address", address}, {"stage", "member"}});
  ASSERT_EQ(admin_->put("/api/v1/customers/" + std::to_string(a) + "/tags",
                        {{"tags", {"VIP"}}}).status, 200);
  ASSERT_EQ(admin_->put("/api/v1/customers/" + std::to_string(b) + "/tags",
                        {{"tags", {"复购"}}}).status, 200);
  auto category = admin_->post("/api/v1/customer-categories", {{"name", "批发客户"}});
  ASSERT_EQ(category.status, 201) << category.body;
  const int64_t category_id = category.json()["id"];
  ASSERT_EQ(admin_->post("/api/v1/customer-categories/" + std::to_string(category_id) + "/members",
                         {{"customer_ids", {b}}}).status, 200);
  const nlohmann::json channels = admin_->get("/api/v1/interaction-channels").json();
  ASSERT_FALSE(channels["items"].empty()) << channels.dump();
  auto logged = admin_->post("/api/v1/interactions",
                             {{"customer_id", b},
                              {"at", 1'790'000'000'000},
                              {"channel_id", channels["items"][0]["id"]},
                              {"subject", "回访"},
                              {"content", "询问尺码"}});
  ASSERT_EQ(logged.status, 201) << logged.body;
  const int64_t interaction = logged.json()["id"];
  const nlohmann::json a_before = revealed(a), b_before = revealed(b);

  auto merged = admin_->post("/api/v1/customer-merges", {{"survivor_id", a}, {"merged_id", b}});
  ASSERT_EQ(merged.status, 201) << merged.body;
  EXPECT_EQ(merged.json()["moved"]["interactions"], 1);
  const int64_t merge_id = merged.json()["id"];
  nlohmann::json survivor = revealed(a);
  EXPECT_EQ(survivor["phone"], "13800138000");
  EXPECT_EQ(survivor["email"], "lilei@example.com");
  EXPECT_EQ(survivor["address"]["detail"], "文三路100号");
  EXPECT_EQ(survivor["stage"], "member");
  EXPECT_EQ(survivor["tags"], nlohmann::json({"VIP", "复购"}));
  ASSERT_EQ(survivor["categories"].size(), 1u);
  EXPECT_EQ(admin_->get("/api/v1/customers/" + std::to_string(b)).status, 404);
  EXPECT_EQ(admin_->get("/api/v1/customers").json()["total"], 1);
  EXPECT_EQ(admin_->get("/api/v1/customers/recycle-bin").json()["total"], 0);
  auto moved = admin_->get("/api/v1/interactions/" + std::to_string(interaction));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["customer_id"], a);
  auto again = admin_->post("/api/v1/customer-merges", {{"survivor_id", a}, {"merged_id", b}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["error"]["code"], "merge.already_merged");

  auto undone = admin_->post("/api/v1/customer-merges/" + std::to_string(merge_id) + "/undo",
                             nlohmann::json::object());
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_FALSE(undone.json()["undone_at"].is_null());
  const nlohmann::json a_after = revealed(a), b_after = revealed(b);
  for (const char* field : {"phone", "email", "address", "stage", "tags", "categories", "name"}) {
    EXPECT_EQ(a_after[field], a_before[field]) << field;
    EXPECT_EQ(b_after[field], b_before[field]) << field;
  }
  EXPECT_GT(a_after["version"].get<int64_t>(), a_before["version"].get<int64_t>());
  EXPECT_EQ(admin_->get("/api/v1/interactions/" + std::to_string(interaction))
                .json()["customer_id"], b);
  EXPECT_EQ(admin_->get("/api/v1/customers").json()["total"], 2);
  auto twice = admin_->post("/api/v1/customer-merges/" + std::to_string(merge_id) + "/undo",
                            nlohmann::json::object());
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json()["error"]["code"], "merge.already_undone");
  auto history = admin_->get("/api/v1/customers/" + std::to_string(b) + "/history").json();
  ASSERT_GE(history["items"].size(), 2u);
  EXPECT_EQ(history["items"][0]["action"], "merge_undone");
  EXPECT_EQ(history["items"][1]["action"], "merged_into");
}

TEST_P(CustomerMergeApiTest, ScanFindsSameNameSameAddressAndDismissHidesIt) {
  const nlohmann::json address = {{"province", "江苏省"}, {"city", "南京市"},
                                  {"district", "鼓楼区"}, {"detail", "中山路1号"}};
  const int64_t a = create({{"name", "韩梅梅"}, {"address", address}});
  const int64_t b = create({{"name", "韩梅梅"}, {"address", address}});
  create({{"name", "韩梅"}, {"address", address}});
  auto scan = admin_->post("/api/v1/customer-duplicates/scan", nlohmann::json::object());
  ASSERT_EQ(scan.status, 202) << scan.body;
  EXPECT_TRUE(scan.json()["job_id"].is_number_integer());

  nlohmann::json list;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    list = admin_->get("/api/v1/customer-duplicates").json();
  } while (list["total"] == 0 && std::chrono::steady_clock::now() < deadline);
  ASSERT_EQ(list["total"], 1) << list.dump();
  const nlohmann::json& pair = list["items"][0];
  EXPECT_EQ(pair["reason"], "same_name_address");
  EXPECT_EQ(pair["status"], "open");
  EXPECT_EQ(pair["customers"][0]["id"], a);
  EXPECT_EQ(pair["customers"][1]["id"], b);
  EXPECT_EQ(pair["customers"][0]["address"]["detail"], "中山***");

  auto dismissed = admin_->post("/api/v1/customer-duplicates/" +
                                    std::to_string(pair["id"].get<int64_t>()) + "/dismiss",
                                nlohmann::json::object());
  EXPECT_EQ(dismissed.status, 204) << dismissed.body;
  EXPECT_EQ(admin_->get("/api/v1/customer-duplicates").json()["total"], 0);
  EXPECT_EQ(admin_->get("/api/v1/customer-duplicates?status=dismissed").json()["total"], 1);
  EXPECT_EQ(admin_->post("/api/v1/customer-duplicates/999999/dismiss", nlohmann::json::object())
                .status, 404);
}

INSTANTIATE_TEST_SUITE_P(Databases, CustomerMergeApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
