// SPDX-License-Identifier: Apache-2.0
// The interactions module's part in a customer's lifecycle, through the customers module's routes:
// timeline (with its own permission), privacy export and anonymisation.
#include <map>
#include <memory>

#include <gtest/gtest.h>

#include "modules/customers/customers_test_fixture.h"
#include "modules/customers/zip_archive.h"
#include "modules/interactions/interaction_participant.h"
#include "modules/interactions/interactions_module.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> interactions();
}  // namespace crm::migrations

namespace crm::interactions {
namespace {

using http::Method;
using http::Status;

class InteractionParticipantTest : public customers::CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    database_.migrate(clock_, {{"interactions", migrations::interactions()}});
    interactions_ = std::make_unique<InteractionsModule>(*context_, *audit_, module_->service());
    interactions_->add_routes(router_);
    module_->participants().add(interaction_participant());
    add_actor("admin", 1, "all",
              {"customers.view", "customers.edit", "customers.delete", "customers.view_pii",
               "interactions.view", "interactions.edit"});
    add_actor("viewer", 2, "all", {"customers.view"});  // no interactions.view
  }

  int64_t log_call(int64_t customer_id, int64_t at, const std::string& subject) {
    http::Response response =
        call("admin", Method::kPost, "/api/v1/interactions",
             {{"customer_id", customer_id}, {"at", at}, {"channel_id", 1}, {"subject", subject},
              {"content", "问了价格 13800138000"}, {"outcome", "下周回访"}});
    EXPECT_EQ(response.status(), Status::kCreated) << response.body();
    return body(response)["id"];
  }

  static std::string url(int64_t id, std::string_view tail) {
    return "/api/v1/customers/" + std::to_string(id) + std::string(tail);
  }

  std::unique_ptr<InteractionsModule> interactions_;
};

TEST_P(InteractionParticipantTest, TimelineMergesCommunicationsNewestFirstWithPermission) {
  const int64_t id = create("admin", {{"name", "李雷"}})["id"];
  const int64_t created_at = clock_.now_ms();
  clock_.advance_ms(60'000);
  const int64_t call_id = log_call(id, created_at + 30'000, "询问价格");
  const Json customer = body(call("admin", Method::kGet, url(id, "")));
  ASSERT_EQ(call("admin", Method::kPatch, url(id, ""), {{"notes", "老客户"}},
                 {{"If-Match", "\"" + std::to_string(customer["version"].get<int64_t>()) + "\""}})
                .status(),
            Status::kOk);

  const Json timeline = body(call("admin", Method::kGet, url(id, "/timeline")));
  ASSERT_EQ(timeline["items"].size(), 3u) << timeline;
  EXPECT_EQ(timeline["items"][0]["title"], "修改了 备注");
  const Json& logged = timeline["items"][1];
  EXPECT_EQ(logged["kind"], "interaction");
  EXPECT_EQ(logged["title"], "询问价格");
  EXPECT_EQ(logged["ref_id"], call_id);
  EXPECT_EQ(logged["at"], created_at + 30'000);
  EXPECT_EQ(logged["actor_name"], "Staff admin");
  EXPECT_NE(logged["detail"].get<std::string>().find("电话"), std::string::npos);
  EXPECT_EQ(timeline["items"][2]["title"], "创建了客户");

  // Without interactions.view the communications are left out, the changes stay.
  const Json hidden = body(call("viewer", Method::kGet, url(id, "/timeline")));
  ASSERT_EQ(hidden["items"].size(), 2u) << hidden;
  for (const auto& item : hidden["items"]) EXPECT_EQ(item["kind"], "change");

  // Paging runs across both sources.
  const Json page = body(call("admin", Method::kGet, url(id, "/timeline?limit=2")));
  ASSERT_EQ(page["items"].size(), 2u);
  const Json rest = body(call(
      "admin", Method::kGet,
      url(id, "/timeline?limit=2&before=" + std::to_string(page["next_before"].get<int64_t>()))));
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["title"], "创建了客户");
}

TEST_P(InteractionParticipantTest, ExportCarriesCommunicationsAndAnonymiseBlanksThem) {
  const Json created = create("admin", {{"name", "李雷"}, {"phone", "13800138000"}});
  const int64_t id = created["id"];
  const int64_t call_id = log_call(id, clock_.now_ms(), "询问价格");

  http::Response exported = call("admin", Method::kGet, url(id, "/privacy-export"));
  ASSERT_EQ(exported.status(), Status::kOk) << exported.body();
  auto files = customers::read_zip(exported.body());
  ASSERT_TRUE(files);
  std::map<std::string, std::string> by_name;
  for (auto& file : *files) by_name[file.name] = file.data;
  ASSERT_TRUE(by_name.contains("interactions.csv"));
  EXPECT_NE(by_name["interactions.csv"].find("询问价格"), std::string::npos);
  const Json document = Json::parse(by_name["customer.json"]);
  ASSERT_EQ(document["interactions"].size(), 1u);
  EXPECT_EQ(document["interactions"][0]["id"], call_id);
  EXPECT_EQ(document["interactions"][0]["channel"], "电话");

  ASSERT_EQ(call("admin", Method::kPost, url(id, "/anonymise"), {{"confirm", created["number"]}})
                .status(),
            Status::kOk);
  const Json record =
      body(call("admin", Method::kGet, "/api/v1/interactions/" + std::to_string(call_id)));
  EXPECT_EQ(record["subject"], "[已匿名]");
  EXPECT_EQ(record["content"], "[已匿名]");
  EXPECT_EQ(record["outcome"], "[已匿名]");
  EXPECT_EQ(record["staff_id"], 1);  // who talked to the customer and when stay
}

INSTANTIATE_TEST_SUITE_P(Backends, InteractionParticipantTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::interactions
