// SPDX-License-Identifier: Apache-2.0
// Routes of the interactions module on a real Router over SQLite and PostgreSQL, with the
// customers module (its service decides visibility) and test actors per call.
#include <memory>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "modules/customers/customers_test_fixture.h"
#include "modules/interactions/interactions_module.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> interactions();
}  // namespace crm::migrations

namespace crm::interactions {
namespace {

using http::Method;
using http::Status;

class InteractionsTest : public customers::CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    database_.migrate(clock_, {{"interactions", migrations::interactions()}});
    interactions_ = std::make_unique<InteractionsModule>(*context_, *audit_, module_->service());
    interactions_->add_routes(router_);
    const std::set<std::string, std::less<>> view_edit = {
        "customers.view", "customers.edit", "interactions.view", "interactions.edit"};
    auto admin = view_edit;
    admin.insert("interactions.manage");
    add_actor("admin", 1, "all", admin);
    add_actor("sales", 3, "own", view_edit);
    add_actor("sales2", 4, "own", view_edit);
  }

  Json post(const std::string& actor, Json fields, Status expected = Status::kCreated) {
    http::Response response = call(actor, Method::kPost, "/api/v1/interactions", fields);
    EXPECT_EQ(response.status(), expected) << response.body();
    return body(response);
  }

  Json list(const std::string& actor, const std::string& query) {
    http::Response response = call(actor, Method::kGet, "/api/v1/interactions?" + query);
    EXPECT_EQ(response.status(), Status::kOk) << response.body();
    return body(response);
  }

  static constexpr int64_t kDay = 86'400'000;
  std::unique_ptr<InteractionsModule> interactions_;
};

TEST_P(InteractionsTest, CreateListAndFilter) {
  const Json alice = create("sales", {{"name", "Alice Wang"}});
  const Json bob = create("admin", {{"name", "Bob Li"}, {"owner_id", 1}});
  const int64_t now = clock_.now_ms();
  const Json first = post("sales", {{"customer_id", alice["id"]}, {"at", now - 2 * kDay},
                                    {"channel_id", 1}, {"subject", "First call"},
                                    {"content", "Asked about prices"}, {"follow_up_on", "2026-11-20"}});
  EXPECT_EQ(first["customer_name"], "Alice Wang");
  EXPECT_EQ(first["channel_name"], "电话");
  EXPECT_EQ(first["staff_id"], 3);
  EXPECT_EQ(first["staff_name"], "Staff sales");
  EXPECT_EQ(first["follow_up_on"], "2026-11-20");
  post("admin", {{"customer_id", bob["id"]}, {"at", now - kDay}, {"channel_id", 3},
                 {"subject", "Mail with offer"}});
  post("admin", {{"customer_id", alice["id"]}, {"at", now}, {"channel_id", 4},
                 {"subject", "Visit at the shop"}});

  Json all = list("admin", "limit=2");
  EXPECT_EQ(all["total"], 3);
  ASSERT_EQ(all["items"].size(), 2u);
  EXPECT_EQ(all["items"][0]["subject"], "Visit at the shop");
  Json next = list("admin", "limit=2&after=" + all["next_after"].get<std::string>());
  ASSERT_EQ(next["items"].size(), 1u);
  EXPECT_EQ(next["items"][0]["subject"], "First call");
  EXPECT_TRUE(next["next_after"].is_null());

  EXPECT_EQ(list("admin", "channel_id=3")["total"], 1);
  EXPECT_EQ(list("admin", "subject=call")["total"], 1);
  EXPECT_EQ(list("admin", "q=ali")["total"], 2);
  EXPECT_EQ(list("admin", fmt::format("from={}&to={}", now - kDay - 1, now))["total"], 1);
  EXPECT_EQ(list("admin", fmt::format("customer_id={}", alice["id"].get<int64_t>()))["total"], 2);

  // Validation.
  EXPECT_EQ(post("admin", {{"customer_id", bob["id"]}, {"at", now + 2 * kDay}, {"channel_id", 1},
                           {"subject", "x"}}, Status::kBadRequest)["error"]["field"], "at");
  EXPECT_EQ(post("admin", {{"customer_id", bob["id"]}, {"at", now}, {"channel_id", 1},
                           {"subject", ""}}, Status::kBadRequest)["error"]["field"], "subject");
  EXPECT_EQ(post("admin", {{"customer_id", bob["id"]}, {"at", now}, {"channel_id", 99},
                           {"subject", "x"}}, Status::kBadRequest)["error"]["code"],
            "interaction.unknown_channel");

  // PATCH and DELETE, audited.
  const std::string path = fmt::format("/api/v1/interactions/{}", first["id"].get<int64_t>());
  http::Response patched = call("sales", Method::kPatch, path, {{"outcome", "Will buy"}});
  EXPECT_EQ(patched.status(), Status::kOk) << patched.body();
  EXPECT_EQ(body(patched)["outcome"], "Will buy");
  EXPECT_EQ(call("sales", Method::kDelete, path).status(), Status::kNoContent);
  EXPECT_EQ(call("sales", Method::kGet, path).status(), Status::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'interaction.created'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'interaction.updated'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'interaction.deleted'"), 1);
}

TEST_P(InteractionsTest, OwnScopeSeesOnlyItsCustomers) {
  const Json mine = create("sales", {{"name", "Mine"}});
  const Json theirs = create("sales2", {{"name", "Theirs"}});
  const int64_t now = clock_.now_ms();
  post("sales", {{"customer_id", mine["id"]}, {"at", now}, {"channel_id", 1}, {"subject", "a"}});
  const Json other = post("sales2", {{"customer_id", theirs["id"]}, {"at", now}, {"channel_id", 1},
                                     {"subject", "b"}});
  // Not visible: the customer and the record.
  EXPECT_EQ(post("sales", {{"customer_id", theirs["id"]}, {"at", now}, {"channel_id", 1},
                           {"subject", "c"}}, Status::kNotFound)["error"]["code"], "customer.not_found");
  const Json seen = list("sales", "");
  EXPECT_EQ(seen["total"], 1);
  EXPECT_EQ(seen["items"][0]["subject"], "a");
  EXPECT_EQ(list("sales", "q=The")["total"], 0);
  const std::string path = fmt::format("/api/v1/interactions/{}", other["id"].get<int64_t>());
  http::Response response = call("sales", Method::kGet, path);
  EXPECT_EQ(response.status(), Status::kNotFound);
  EXPECT_EQ(body(response)["error"]["code"], "interaction.not_found");
  EXPECT_EQ(call("sales", Method::kPatch, path, {{"subject", "x"}}).status(), Status::kNotFound);
  EXPECT_EQ(call("sales", Method::kDelete, path).status(), Status::kNotFound);
  EXPECT_EQ(list("admin", "")["total"], 2);
}

TEST_P(InteractionsTest, ChannelsNeedManageAndDisabledOnesAreRefused) {
  http::Response listed = call("sales", Method::kGet, "/api/v1/interaction-channels");
  ASSERT_EQ(listed.status(), Status::kOk);
  ASSERT_EQ(body(listed)["items"].size(), 5u);
  EXPECT_EQ(body(listed)["items"][3]["kind"], "in_person");

  EXPECT_EQ(call("sales", Method::kPost, "/api/v1/interaction-channels",
                 {{"name", "WeChat"}, {"kind", "online"}}).status(), Status::kForbidden);
  EXPECT_EQ(call("sales", Method::kPatch, "/api/v1/interaction-channels/1",
                 {{"enabled", false}}).status(), Status::kForbidden);
  http::Response created = call("admin", Method::kPost, "/api/v1/interaction-channels",
                                {{"name", "WeChat"}, {"kind", "online"}});
  ASSERT_EQ(created.status(), Status::kCreated) << created.body();
  EXPECT_EQ(call("admin", Method::kPost, "/api/v1/interaction-channels",
                 {{"name", "WeChat"}, {"kind", "online"}}).status(), Status::kConflict);
  const int64_t id = body(created)["id"];
  http::Response disabled = call("admin", Method::kPatch,
                                 fmt::format("/api/v1/interaction-channels/{}", id),
                                 {{"enabled", false}});
  ASSERT_EQ(disabled.status(), Status::kOk) << disabled.body();
  EXPECT_EQ(body(disabled)["enabled"], false);

  const Json customer = create("admin", {{"name", "Carol"}});
  const Json refused = post("admin", {{"customer_id", customer["id"]}, {"at", clock_.now_ms()},
                                      {"channel_id", id}, {"subject", "x"}}, Status::kBadRequest);
  EXPECT_EQ(refused["error"]["code"], "interaction.channel_disabled");
  EXPECT_EQ(refused["error"]["field"], "channel_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'interaction_channel.created'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'interaction_channel.updated'"), 1);
}

TEST_P(InteractionsTest, CustomerIdsByNamePrefixFollowScope) {
  const Json a = create("sales", {{"name", "Alpha"}});
  create("sales2", {{"name", "Alpine"}});
  create("sales", {{"name", "Beta"}});
  auto& service = module_->service();
  auto all = service.visible_ids_by_name_prefix(actors_["admin"].first, "al", 10);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 2u);
  auto own = service.visible_ids_by_name_prefix(actors_["sales"].first, "AL", 10);
  ASSERT_TRUE(own.has_value());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ(own->front(), a["id"].get<int64_t>());
  EXPECT_FALSE(service.visible_ids_by_name_prefix(actors_["admin"].first, "a", 0).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, InteractionsTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::interactions
