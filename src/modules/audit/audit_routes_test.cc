// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_routes.h"

#include <gtest/gtest.h>

#include "http/error_response.h"
#include "modules/testing/test_database.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
}  // namespace crm::migrations

namespace crm::audit {
namespace {

class AuditRoutesTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {{"audit", migrations::audit()}});
    service_ = std::make_unique<AuditService>(database_.db(), clock_);
    routes_ = std::make_unique<AuditRoutes>(*service_);
    routes_->add_to(router_);
    router_.set_authenticator([this](http::Request& request) -> Result<void> {
      std::set<std::string, std::less<>> granted;
      if (grant_) granted.insert("audit.view");
      request.context().set_actor({.user_id = 1, .username = "admin"}, std::move(granted));
      return {};
    });
  }

  void write(std::string action, std::string target_id) {
    auto written = database_.db().transaction([&](storage::Connection& tx) {
      return service_->record(tx, {.actor_id = 1, .actor_name = "admin", .action = action,
                                  .target_type = "customer", .target_id = target_id});
    });
    ASSERT_TRUE(written);
  }

  http::Response get(const std::string& target) {
    auto request = http::Request::for_test(http::Method::kGet, target);
    auto response = router_.dispatch(request);
    if (!response) return http::error_response(response.error(), "test");
    return std::move(response).value();
  }

  ManualClock clock_;
  test::TestDatabase database_{GetParam()};
  std::unique_ptr<AuditService> service_;
  std::unique_ptr<AuditRoutes> routes_;
  http::Router router_;
  bool grant_ = true;
};

TEST_P(AuditRoutesTest, ListsPagesWithTotalAndCursor) {
  write("customer.created", "C1");
  write("customer.updated", "C1");
  write("settings.updated", "");

  http::Response first = get("/api/v1/audit-log?action=customer.&limit=1");
  ASSERT_EQ(first.status(), http::Status::kOk) << first.body();
  Json body = Json::parse(first.body());
  EXPECT_EQ(body["total"], 2);
  ASSERT_EQ(body["items"].size(), 1u);
  const Json& item = body["items"][0];
  EXPECT_EQ(item["action"], "customer.updated");
  for (const char* key : {"id", "at", "at_ms", "actor_id", "actor_name", "target_type",
                          "target_id", "changes", "ip", "request_id"}) {
    EXPECT_TRUE(item.contains(key)) << key;
  }
  ASSERT_TRUE(body["next_after"].is_number_integer());

  http::Response second = get("/api/v1/audit-log?action=customer.&limit=1&after=" +
                              std::to_string(body["next_after"].get<int64_t>()));
  Json next = Json::parse(second.body());
  ASSERT_EQ(next["items"].size(), 1u);
  EXPECT_EQ(next["items"][0]["action"], "customer.created");
  EXPECT_TRUE(next["next_after"].is_null());

  Json dated = Json::parse(get("/api/v1/audit-log?from=2026-01-01&to=2026-01-01").body());
  EXPECT_EQ(dated["total"], 3);  // ManualClock starts at 2026-01-01T00:00Z
  Json later = Json::parse(get("/api/v1/audit-log?from=2026-01-01T00:00:01Z").body());
  EXPECT_EQ(later["total"], 0);
}

TEST_P(AuditRoutesTest, BadFiltersAre400WithTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"actor_id=abc", "actor_id"}, {"actor_id=-1", "actor_id"}, {"from=2026-13-01", "from"},
      {"to=tomorrow", "to"},        {"limit=0", "limit"},        {"limit=201", "limit"},
      {"after=x", "after"},         {"from=2026-02-01&to=2026-01-01", "to"}};
  for (const auto& [query, field] : cases) {
    http::Response response = get("/api/v1/audit-log?" + query);
    EXPECT_EQ(response.status(), http::Status::kBadRequest) << query;
    EXPECT_EQ(Json::parse(response.body())["error"]["field"], field) << query;
  }
}

TEST_P(AuditRoutesTest, NeedsAuditView) {
  grant_ = false;
  EXPECT_EQ(get("/api/v1/audit-log").status(), http::Status::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Databases, AuditRoutesTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::audit
