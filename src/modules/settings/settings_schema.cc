// SPDX-License-Identifier: Apache-2.0
#include "modules/settings/settings_schema.h"

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/log.h"

namespace crm::settings {

namespace {

constexpr std::string_view kExportFormats[] = {"csv", "xlsx"};
constexpr std::string_view kZoneInfoDir = "/usr/share/zoneinfo";
constexpr size_t kMaxRoles = 50;

SettingInfo int_setting(std::string_view key, int min, int max, int Settings::*field) {
  return {.key = key, .type = SettingType::kInt, .min = min, .max = max, .int_field = field};
}

const std::vector<SettingInfo>& infos() {
  static const std::vector<SettingInfo> all = {
      int_setting("data_cache_minutes", 1, 1440, &Settings::data_cache_minutes),
      int_setting("data_sync_minutes", 1, 1440, &Settings::data_sync_minutes),
      {.key = "default_export_format", .type = SettingType::kEnum, .choices = kExportFormats,
       .string_field = &Settings::default_export_format},
      {.key = "export_roles", .type = SettingType::kRoleList, .list_field = &Settings::export_roles},
      {.key = "time_zone", .type = SettingType::kTimeZone, .string_field = &Settings::time_zone},
      int_setting("lockout_threshold", 3, 20, &Settings::lockout_threshold),
      int_setting("lockout_minutes", 1, 1440, &Settings::lockout_minutes),
      int_setting("ip_lockout_threshold", 5, 1000, &Settings::ip_lockout_threshold),
      int_setting("session_idle_minutes", 5, 1440, &Settings::session_idle_minutes),
      int_setting("session_absolute_hours", 1, 720, &Settings::session_absolute_hours),
      int_setting("password_min_length", 8, 64, &Settings::password_min_length),
      int_setting("password_classes", 1, 4, &Settings::password_classes),
      int_setting("sla_first_response_hours", 1, 720, &Settings::sla_first_response_hours),
      int_setting("sla_resolution_hours", 1, 2160, &Settings::sla_resolution_hours),
      int_setting("churn_threshold_days", 30, 1095, &Settings::churn_threshold_days),
      int_setting("points_per_yuan", 0, 100, &Settings::points_per_yuan),
      int_setting("orders.receipt_reminder_days", 1, 90, &Settings::receipt_reminder_days),
  };
  return all;
}

Error invalid_value(std::string_view key, std::string message) {
  return invalid_input("settings.invalid_value", std::move(message), std::string(key));
}

bool is_role_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// Area/Location[/Sub] of letters, digits, '_', '-', '+'; or a single word such as "UTC".
bool has_zone_shape(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  size_t part_length = 0;
  for (char c : name) {
    if (c == '/') {
      if (part_length == 0) return false;
      part_length = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
    ++part_length;
  }
  return part_length > 0 && (name[0] >= 'A' && name[0] <= 'Z');
}

}  // namespace

std::span<const SettingInfo> setting_infos() { return infos(); }

const SettingInfo* find_setting(std::string_view key) {
  for (const SettingInfo& info : infos()) {
    if (info.key == key) return &info;
  }
  return nullptr;
}

bool is_time_zone(std::string_view name) {
  if (!has_zone_shape(name)) return false;
  std::error_code error;
  const std::filesystem::path dir(kZoneInfoDir);
  if (!std::filesystem::is_directory(dir, error)) return true;
  return std::filesystem::is_regular_file(dir / std::string(name), error);
}

Result<Json> validate_setting(std::string_view key, const Json& value) {
  const SettingInfo* info = find_setting(key);
  if (info == nullptr) {
    return invalid_input("settings.unknown_key", fmt::format("There is no setting '{}'.", key),
                         std::string(key));
  }
  switch (info->type) {
    case SettingType::kInt:
      if (!value.is_number_integer() || value.get<int64_t>() < info->min ||
          value.get<int64_t>() > info->max) {
        return invalid_value(key, fmt::format("{} must be an integer from {} to {}.", key,
                                              info->min, info->max));
      }
      return Json(value.get<int64_t>());
    case SettingType::kEnum:
      for (std::string_view choice : info->choices) {
        if (value.is_string() && value.get<std::string>() == choice) return value;
      }
      return invalid_value(key, fmt::format("{} must be one of: {}.", key,
                                            fmt::join(info->choices, ", ")));
    case SettingType::kRoleList: {
      const std::string message = fmt::format(
          "{} must be a list of at most {} role names (letters, digits, '_', '-', '.').", key,
          kMaxRoles);
      if (!value.is_array() || value.size() > kMaxRoles) return invalid_value(key, message);
      Json roles = Json::array();
      std::set<std::string, std::less<>> seen;
      for (const Json& role : value) {
        if (!role.is_string() || !is_role_name(role.get<std::string>())) {
          return invalid_value(key, message);
        }
        if (seen.insert(role.get<std::string>()).second) roles.push_back(role);
      }
      return roles;
    }
    case SettingType::kTimeZone:
      if (!value.is_string() || !is_time_zone(value.get<std::string>())) {
        return invalid_value(key, fmt::format("{} must be an IANA time zone name such as "
                                              "Asia/Shanghai.", key));
      }
      return value;
  }
  return invalid_value(key, "unsupported setting");
}

void apply_setting(Settings& settings, const SettingInfo& info, const Json& value) {
  switch (info.type) {
    case SettingType::kInt: settings.*info.int_field = value.get<int>(); break;
    case SettingType::kEnum:
    case SettingType::kTimeZone: settings.*info.string_field = value.get<std::string>(); break;
    case SettingType::kRoleList:
      settings.*info.list_field = value.get<std::vector<std::string>>();
      break;
  }
}

Json setting_value(const Settings& settings, const SettingInfo& info) {
  switch (info.type) {
    case SettingType::kInt: return settings.*info.int_field;
    case SettingType::kEnum:
    case SettingType::kTimeZone: return settings.*info.string_field;
    case SettingType::kRoleList: return settings.*info.list_field;
  }
  return nullptr;
}

Json to_json(const Settings& settings) {
  Json out = Json::object();
  for (const SettingInfo& info : infos()) out[std::string(info.key)] = setting_value(settings, info);
  return out;
}

Json schema_json() {
  Json out = Json::object();
  for (const SettingInfo& info : infos()) {
    Json entry;
    switch (info.type) {
      case SettingType::kInt: entry = {{"type", "int"}, {"min", info.min}, {"max", info.max}}; break;
      case SettingType::kEnum: {
        Json choices = Json::array();
        for (std::string_view choice : info.choices) choices.push_back(choice);
        entry = {{"type", "enum"}, {"enum", std::move(choices)}};
        break;
      }
      case SettingType::kRoleList: entry = {{"type", "roles"}}; break;
      case SettingType::kTimeZone: entry = {{"type", "time_zone"}}; break;
    }
    out[std::string(info.key)] = std::move(entry);
  }
  return out;
}

Settings settings_from(const std::map<std::string, Json, std::less<>>& overrides) {
  Settings settings;
  for (const auto& [key, value] : overrides) {
    auto valid = validate_setting(key, value);
    if (!valid) {
      log::warn("settings.ignored_override", Json{{"key", key}, {"code", valid.error().code}});
      continue;
    }
    apply_setting(settings, *find_setting(key), *valid);
  }
  return settings;
}

}  // namespace crm::settings
