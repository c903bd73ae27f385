// SPDX-License-Identifier: Apache-2.0
// Shared by the customers tests: a migrated database, the module's routes on a real Router and
// test actors chosen per call (header X-Test-Actor) with their permissions and data scope.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "http/error_response.h"
#include "modules/customers/customers_module.h"
#include "modules/testing/test_database.h"
#include "storage/job_queue.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
std::span<const storage::MigrationFile> customers();
}  // namespace crm::migrations

namespace crm::customers {

// Migration 0011 recounted for tags, categories and grams: rows "kind|value|stage|owner|live"
// (column x) of every live customer, to compare with customer_stage_counts (UNION ALL more).
inline constexpr const char* kStageSideCountsRecount = R"(
        SELECT 'tag|' || t.tag || '|' || c.stage || '|' || c.owner_id || '|' || COUNT(*) AS x
          FROM customer_tags t JOIN customers c ON c.id = t.customer_id
          WHERE c.deleted_at_ms IS NULL GROUP BY t.tag, c.stage, c.owner_id
        UNION ALL SELECT 'category|' || m.category_id || '|' || c.stage || '|' || c.owner_id ||
          '|' || COUNT(*) FROM customer_category_members m JOIN customers c ON c.id = m.customer_id
          WHERE c.deleted_at_ms IS NULL GROUP BY m.category_id, c.stage, c.owner_id
        UNION ALL SELECT 'gram|' || g.gram || '|' || c.stage || '|' || c.owner_id || '|' || COUNT(*)
          FROM customer_name_grams g JOIN customers c ON c.id = g.customer_id
          WHERE c.deleted_at_ms IS NULL GROUP BY g.gram, c.stage, c.owner_id)";

class CustomersFixture : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {{"audit", migrations::audit()},
                               {"customers", migrations::customers()}});
    jobs_ = std::make_unique<storage::JobQueue>(database_.db(), clock_);
    context_ = std::make_unique<modules::ModuleContext>(modules::ModuleContext{
        database_.db(), clock_, random_, config_, *jobs_, metrics_, &keyring_});
    audit_ = std::make_unique<audit::AuditService>(database_.db(), clock_);
    module_ = std::make_unique<CustomersModule>(*context_, *audit_);
    module_->set_owner_names([](int64_t id) { return std::optional("user" + std::to_string(id)); });
    module_->add_routes(router_);
    router_.set_authenticator([this](http::Request& request) -> Result<void> {
      const auto name = request.header("X-Test-Actor");
      const auto found = name ? actors_.find(std::string(*name)) : actors_.end();
      if (found == actors_.end()) {
        return Error{ErrorKind::kUnauthenticated, "auth.required", "Log in first."};
      }
      request.context().set_actor(found->second.first, found->second.second);
      return {};
    });
    add_actor("admin", 1, "all",
              {"customers.view", "customers.edit", "customers.delete", "customers.view_pii"});
    add_actor("manager", 2, "all", {"customers.view", "customers.edit", "customers.delete"});
    add_actor("sales", 3, "own", {"customers.view", "customers.edit", "customers.delete"});
    add_actor("sales2", 4, "own", {"customers.view", "customers.edit"});
  }

  void add_actor(std::string name, int64_t user_id, std::string scope,
                 std::set<std::string, std::less<>> permissions) {
    http::Actor actor;
    actor.user_id = user_id;
    actor.username = name;
    actor.display_name = "Staff " + name;
    actor.data_scope = std::move(scope);
    actors_[std::move(name)] = {actor, std::move(permissions)};
  }

  http::Response call(const std::string& actor, http::Method method, const std::string& target,
                      const Json& body = nullptr, http::HeaderList headers = {}) {
    headers.emplace_back("X-Test-Actor", actor);
    std::string text;
    if (!body.is_null()) {
      text = body.dump();
      headers.emplace_back("Content-Type", "application/json");
    }
    auto request = http::Request::for_test(method, target, std::move(text), std::move(headers));
    auto response = router_.dispatch(request);
    if (!response) return http::error_response(response.error(), "test");
    return std::move(response).value();
  }

  static Json body(const http::Response& response) {
    return response.body().empty() ? Json() : Json::parse(response.body());
  }

  // Creates a customer as `actor` and returns its JSON (masked).
  Json create(const std::string& actor, Json fields) {
    http::Response response = call(actor, http::Method::kPost, "/api/v1/customers", fields);
    EXPECT_EQ(response.status(), http::Status::kCreated) << response.body();
    return body(response);
  }

  int64_t count(const std::string& sql) {
    auto row = database_.db().read([&](storage::Connection& c) { return c.query_one(sql); });
    CRM_CHECK(row.has_value());
    return row->get_int(0);
  }

  ManualClock clock_{1'795'000'000'000};  // 2026-11-18
  SecureRandom random_;
  Config config_;
  http::Metrics metrics_;
  Keyring keyring_ = Keyring::for_test("customers-test");
  test::TestDatabase database_{GetParam()};
  std::unique_ptr<storage::JobQueue> jobs_;
  std::unique_ptr<modules::ModuleContext> context_;
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<CustomersModule> module_;
  http::Router router_;
  std::map<std::string, std::pair<http::Actor, std::set<std::string, std::less<>>>> actors_;
};

}  // namespace crm::customers
