// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace crm::settings {

// The merchant's parameters (SPEC SET-1), with their defaults. A snapshot: copy freely.
struct Settings {
  int data_cache_minutes = 10;
  int data_sync_minutes = 60;
  std::string default_export_format = "xlsx";
  std::vector<std::string> export_roles = {"admin"};
  std::string time_zone = "Asia/Shanghai";
  int lockout_threshold = 5;
  int lockout_minutes = 15;
  int ip_lockout_threshold = 20;
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  int password_min_length = 10;
  int password_classes = 3;  // of upper, lower, digit, symbol
  int sla_first_response_hours = 4;
  int sla_resolution_hours = 48;
  int churn_threshold_days = 180;
  int points_per_yuan = 1;
  int receipt_reminder_days = 7;  // orders.receipt_reminder_days
};

enum class SettingType { kInt, kEnum, kRoleList, kTimeZone };

// One key of the schema; exactly one of the member pointers is set, by type.
struct SettingInfo {
  std::string_view key;
  SettingType type;
  int min = 0;  // kInt only
  int max = 0;
  std::span<const std::string_view> choices = {};  // kEnum only
  int Settings::*int_field = nullptr;
  std::string Settings::*string_field = nullptr;
  std::vector<std::string> Settings::*list_field = nullptr;
};

// Every key, in display order.
std::span<const SettingInfo> setting_infos();
// nullptr for an unknown key.
const SettingInfo* find_setting(std::string_view key);

// Checks one value against its key and returns it normalised (role lists de-duplicated).
// Errors (kInvalidInput, field = key): settings.unknown_key; settings.invalid_value with a message
// naming the allowed range or choices.
Result<Json> validate_setting(std::string_view key, const Json& value);

// Sets `key` of `settings` to an already validated value.
void apply_setting(Settings& settings, const SettingInfo& info, const Json& value);
// The value of one key.
Json setting_value(const Settings& settings, const SettingInfo& info);

// {key: value} for every key.
Json to_json(const Settings& settings);
// {key: {"type":"int","min":..,"max":..} | {"type":"enum","enum":[..]} | {"type":"roles"} |
//  {"type":"time_zone"}}
Json schema_json();

// Defaults overlaid with stored overrides. An override that no longer validates (a key that was
// removed, a range that was narrowed) is ignored and logged, so a bad row can never stop start-up.
Settings settings_from(const std::map<std::string, Json, std::less<>>& overrides);

// True for an IANA zone name that exists under /usr/share/zoneinfo ("Asia/Shanghai", "UTC").
// Where that directory is missing (a minimal container) the name's shape alone is checked.
bool is_time_zone(std::string_view name);

}  // namespace crm::settings
