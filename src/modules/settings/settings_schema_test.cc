// SPDX-License-Identifier: Apache-2.0
#include "modules/settings/settings_schema.h"

#include <gtest/gtest.h>

namespace crm::settings {
namespace {

TEST(SettingsSchema, DefaultsMatchTheSpec) {
  const Json values = to_json(Settings{});
  EXPECT_EQ(values.size(), setting_infos().size());
  EXPECT_EQ(values["data_cache_minutes"], 10);
  EXPECT_EQ(values["data_sync_minutes"], 60);
  EXPECT_EQ(values["default_export_format"], "xlsx");
  EXPECT_EQ(values["export_roles"], Json::array({"admin"}));
  EXPECT_EQ(values["time_zone"], "Asia/Shanghai");
  EXPECT_EQ(values["lockout_threshold"], 5);
  EXPECT_EQ(values["lockout_minutes"], 15);
  EXPECT_EQ(values["ip_lockout_threshold"], 20);
  EXPECT_EQ(values["session_idle_minutes"], 30);
  EXPECT_EQ(values["session_absolute_hours"], 12);
  EXPECT_EQ(values["password_min_length"], 10);
  EXPECT_EQ(values["password_classes"], 3);
  EXPECT_EQ(values["sla_first_response_hours"], 4);
  EXPECT_EQ(values["sla_resolution_hours"], 48);
  EXPECT_EQ(values["churn_threshold_days"], 180);
  EXPECT_EQ(values["points_per_yuan"], 1);
  const Json schema = schema_json();
  EXPECT_EQ(schema["lockout_threshold"], Json({{"type", "int"}, {"min", 3}, {"max", 20}}));
  EXPECT_EQ(schema["default_export_format"]["enum"], Json::array({"csv", "xlsx"}));
}

TEST(SettingsSchema, ValidatesRangesTypesAndChoices) {
  EXPECT_TRUE(validate_setting("lockout_threshold", 3));
  EXPECT_TRUE(validate_setting("lockout_threshold", 20));
  EXPECT_TRUE(validate_setting("points_per_yuan", 0));
  EXPECT_TRUE(validate_setting("default_export_format", "csv"));
  EXPECT_TRUE(validate_setting("time_zone", "America/Argentina/Buenos_Aires"));
  EXPECT_TRUE(validate_setting("time_zone", "UTC"));
  EXPECT_EQ(*validate_setting("export_roles", Json::array({"admin", "sales", "admin"})),
            Json::array({"admin", "sales"}));

  const std::vector<std::pair<std::string, Json>> bad = {
      {"lockout_threshold", 2},      {"lockout_threshold", 21},  {"lockout_threshold", "5"},
      {"lockout_threshold", 5.5},    {"lockout_threshold", true}, {"data_cache_minutes", 0},
      {"default_export_format", "pdf"}, {"default_export_format", 1},
      {"export_roles", "admin"},     {"export_roles", Json::array({1})},
      {"export_roles", Json::array({"a b"})},
      {"time_zone", "Mars/Olympus"}, {"time_zone", "../etc/passwd"}, {"time_zone", "Asia/"},
      {"time_zone", 8}};
  for (const auto& [key, value] : bad) {
    auto result = validate_setting(key, value);
    ASSERT_FALSE(result) << key << "=" << value;
    EXPECT_EQ(result.error().code, "settings.invalid_value");
    EXPECT_EQ(result.error().field, key);
  }
  auto range = validate_setting("lockout_threshold", 99);
  EXPECT_NE(range.error().message.find("from 3 to 20"), std::string::npos);
  auto unknown = validate_setting("colour", 1);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "settings.unknown_key");
  EXPECT_EQ(unknown.error().field, "colour");
}

TEST(SettingsSchema, IgnoresStoredOverridesThatNoLongerValidate) {
  const Settings s = settings_from({{"lockout_threshold", 7}, {"removed_key", 1},
                                    {"session_idle_minutes", 1}});
  EXPECT_EQ(s.lockout_threshold, 7);
  EXPECT_EQ(s.session_idle_minutes, 30);
}

}  // namespace
}  // namespace crm::settings
