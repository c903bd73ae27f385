// SPDX-License-Identifier: Apache-2.0
#include "modules/settings/settings_service.h"

#include <gtest/gtest.h>

#include "http/error_response.h"
#include "modules/testing/test_database.h"
#include "modules/settings/settings_routes.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
std::span<const storage::MigrationFile> settings();
}  // namespace crm::migrations

namespace crm::settings {
namespace {

constexpr int64_t kRefreshMs = 30'000;

class SettingsServiceTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {{"audit", migrations::audit()}, {"settings", migrations::settings()}});
    audit_ = std::make_unique<audit::AuditService>(database_.db(), clock_);
    service_ = std::make_unique<SettingsService>(database_.db(), clock_, *audit_, kRefreshMs);
    routes_ = std::make_unique<SettingsRoutes>(*service_);
    routes_->add_to(router_);
    router_.set_authenticator([this](http::Request& request) -> Result<void> {
      request.context().set_actor({.user_id = 7, .username = "boss"}, permissions_);
      return {};
    });
  }

  audit::AuditEntry actor() const {
    return {.actor_id = 7, .actor_name = "boss", .ip = "10.0.0.9", .request_id = "r1"};
  }

  std::vector<audit::AuditRecord> audit_rows() {
    auto page = audit_->search({.filter = {.action = "settings."}});
    CRM_CHECK(page.has_value());
    return page->items;
  }

  int64_t stored_rows() {
    auto row = database_.db().read(
        [](storage::Connection& c) { return c.query_one("SELECT COUNT(*) FROM settings"); });
    CRM_CHECK(row.has_value());
    return row->get_int(0);
  }

  http::Response call(http::Method method, std::string body = {}) {
    auto request = http::Request::for_test(method, "/api/v1/settings", std::move(body),
                                           {{"Content-Type", "application/json"}});
    auto response = router_.dispatch(request);
    if (!response) return http::error_response(response.error(), "test");
    return std::move(response).value();
  }

  ManualClock clock_;
  test::TestDatabase database_{GetParam()};
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<SettingsService> service_;
  std::unique_ptr<SettingsRoutes> routes_;
  http::Router router_;
  std::set<std::string, std::less<>> permissions_{"settings.view", "settings.manage"};
};

TEST_P(SettingsServiceTest, StartsWithTheDefaults) {
  EXPECT_EQ(to_json(service_->current()), to_json(Settings{}));
  EXPECT_EQ(stored_rows(), 0);
}

TEST_P(SettingsServiceTest, UpdateChangesValuesAndWritesOneAuditRow) {
  auto updated = service_->update(
      {{"lockout_threshold", 8}, {"default_export_format", "csv"}, {"data_cache_minutes", 10}},
      actor());
  ASSERT_TRUE(updated) << updated.error().code << " " << updated.error().detail;
  EXPECT_EQ(updated->lockout_threshold, 8);
  EXPECT_EQ(service_->current().default_export_format, "csv");
  EXPECT_EQ(stored_rows(), 2);  // data_cache_minutes did not change

  const auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 1u);
  const audit::AuditEntry& e = rows[0].entry;
  EXPECT_EQ(e.action, "settings.updated");
  EXPECT_EQ(e.target_type, "settings");
  EXPECT_EQ(e.actor_id, 7);
  EXPECT_EQ(e.ip, "10.0.0.9");
  EXPECT_EQ(e.request_id, "r1");
  EXPECT_EQ(e.changes, Json({{"lockout_threshold", audit::change(5, 8)},
                             {"default_export_format", audit::change("xlsx", "csv")}}));

  // Back to a default: the override row goes away; a no-op patch writes no audit row.
  ASSERT_TRUE(service_->update({{"lockout_threshold", 5}}, actor()));
  EXPECT_EQ(stored_rows(), 1);
  ASSERT_TRUE(service_->update({{"lockout_threshold", 5}}, actor()));
  EXPECT_EQ(audit_rows().size(), 2u);
}

TEST_P(SettingsServiceTest, InvalidPatchNamesTheFieldAndChangesNothing) {
  const std::vector<std::tuple<Json, std::string, std::string>> cases = {
      {{{"colour", "red"}}, "settings.unknown_key", "colour"},
      {{{"password_min_length", 7}}, "settings.invalid_value", "password_min_length"},
      {{{"session_idle_minutes", "30"}}, "settings.invalid_value", "session_idle_minutes"},
      {{{"lockout_threshold", 9}, {"time_zone", "Nowhere/City"}}, "settings.invalid_value",
       "time_zone"},
      {{{"export_roles", Json::array({"sales"})}, {"zz_unknown", 1}}, "settings.unknown_key",
       "zz_unknown"}};
  for (const auto& [patch, code, field] : cases) {
    auto result = service_->update(patch, actor());
    ASSERT_FALSE(result) << patch;
    EXPECT_EQ(result.error().kind, ErrorKind::kInvalidInput);
    EXPECT_EQ(result.error().code, code) << patch;
    EXPECT_EQ(result.error().field, field) << patch;
  }
  EXPECT_EQ(to_json(service_->current()), to_json(Settings{}));
  EXPECT_EQ(stored_rows(), 0);
  EXPECT_TRUE(audit_rows().empty());
}

TEST_P(SettingsServiceTest, AnotherNodeSeesTheChangeAfterItsRefreshInterval) {
  SettingsService other(database_.db(), clock_, *audit_, kRefreshMs);
  EXPECT_EQ(other.current().churn_threshold_days, 180);  // loads and caches

  ASSERT_TRUE(service_->update({{"churn_threshold_days", 365}}, actor()));
  EXPECT_EQ(service_->current().churn_threshold_days, 365);  // at once on the writing node
  clock_.advance_ms(kRefreshMs - 1);
  EXPECT_EQ(other.current().churn_threshold_days, 180);
  clock_.advance_ms(1);
  EXPECT_EQ(other.current().churn_threshold_days, 365);
}

TEST_P(SettingsServiceTest, GetShowsValuesDefaultsAndSchema) {
  ASSERT_TRUE(service_->update({{"points_per_yuan", 2}}, actor()));
  http::Response response = call(http::Method::kGet);
  ASSERT_EQ(response.status(), http::Status::kOk);
  const Json body = Json::parse(response.body());
  EXPECT_EQ(body["values"]["points_per_yuan"], 2);
  EXPECT_EQ(body["defaults"]["points_per_yuan"], 1);
  EXPECT_EQ(body["schema"]["points_per_yuan"], Json({{"type", "int"}, {"min", 0}, {"max", 100}}));
  EXPECT_EQ(body["values"].size(), setting_infos().size());
}

TEST_P(SettingsServiceTest, PutChangesValuesOrAnswers400WithTheField) {
  http::Response ok = call(http::Method::kPut, R"({"time_zone":"Europe/Berlin","export_roles":["admin","sales"]})");
  ASSERT_EQ(ok.status(), http::Status::kOk) << ok.body();
  const Json body = Json::parse(ok.body());
  EXPECT_EQ(body["values"]["time_zone"], "Europe/Berlin");
  EXPECT_EQ(body["values"]["export_roles"], Json::array({"admin", "sales"}));
  EXPECT_EQ(service_->current().time_zone, "Europe/Berlin");
  const auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].entry.actor_name, "boss");
  EXPECT_EQ(rows[0].entry.request_id, "test");

  http::Response bad = call(http::Method::kPut, R"({"sla_resolution_hours":2161,"lockout_minutes":20})");
  EXPECT_EQ(bad.status(), http::Status::kBadRequest);
  const Json error = Json::parse(bad.body())["error"];
  EXPECT_EQ(error["code"], "settings.invalid_value");
  EXPECT_EQ(error["field"], "sla_resolution_hours");
  EXPECT_EQ(service_->current().lockout_minutes, 15);

  EXPECT_EQ(call(http::Method::kPut, "[1]").status(), http::Status::kBadRequest);
  EXPECT_EQ(call(http::Method::kPut, "{").status(), http::Status::kBadRequest);
}

TEST_P(SettingsServiceTest, PutNeedsSettingsManage) {
  permissions_ = {"settings.view"};
  EXPECT_EQ(call(http::Method::kGet).status(), http::Status::kOk);
  EXPECT_EQ(call(http::Method::kPut, R"({"lockout_threshold":6})").status(),
            http::Status::kForbidden);
  EXPECT_EQ(service_->current().lockout_threshold, 5);
  permissions_ = {};
  EXPECT_EQ(call(http::Method::kGet).status(), http::Status::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Databases, SettingsServiceTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::settings
