// SPDX-License-Identifier: Apache-2.0
#include "core/config.h"

#include <cstdlib>
#include <filesystem>
#include <toml.hpp>

#include <fmt/format.h>

#include "core/text.h"

namespace crm {

namespace {

// Known keys: only these are read from the environment, so that unrelated SHOPCRM_* variables
// and typos in the TOML file are caught rather than silently ignored.
constexpr std::string_view kKnownKeys[] = {
    "db", "listen", "web_root", "log_level", "key_file", "key", "data_dir",
    "http.max_body_bytes", "http.max_header_bytes", "http.max_json_depth", "http.read_timeout_ms",
    "http.idle_timeout_ms", "http.request_timeout_ms", "http.max_concurrent_requests",
    "http.worker_threads", "http.io_threads", "http.shutdown_grace_ms", "http.trust_proxy",
    "http.access_log",
    "db.pool_size", "db.busy_timeout_ms", "jobs.poll_interval_ms", "jobs.lease_ms", "admin_password",
    "auth.test_captcha", "auth.max_concurrent_hashes",
    "messaging.outbox_file", "messaging.smtp_url", "messaging.smtp_user",
    "messaging.smtp_password", "messaging.mail_from", "messaging.sms_gateway_url",
    "messaging.sms_template", "analytics.refresh_seconds",
};

bool is_known(std::string_view key) {
  for (auto known : kKnownKeys) {
    if (known == key) return true;
  }
  return false;
}

Result<void> flatten(const toml::value& table, const std::string& prefix,
                     std::map<std::string, std::string, std::less<>>& out) {
  for (const auto& [name, value] : table.as_table()) {
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    if (value.is_table()) {
      CRM_TRY(flatten(value, key, out));
      continue;
    }
    if (!is_known(key)) {
      return invalid_input("config.unknown_key",
                           fmt::format("shopcrm.toml: unknown setting '{}'", key), key);
    }
    if (value.is_string()) out[key] = value.as_string().str;
    else if (value.is_integer()) out[key] = std::to_string(value.as_integer());
    else if (value.is_boolean()) out[key] = value.as_boolean() ? "true" : "false";
    else if (value.is_floating()) out[key] = std::to_string(value.as_floating());
    else {
      return invalid_input("config.invalid_value",
                           fmt::format("shopcrm.toml: '{}' must be a string, number or boolean", key),
                           key);
    }
  }
  return {};
}

}  // namespace

std::string env_name_for(std::string_view key) {
  std::string name = "SHOPCRM_";
  for (char c : key) {
    name.push_back(c == '.' ? '_' : (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return name;
}

Config::EnvLookup Config::process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Result<Config> Config::load(const std::optional<std::string>& toml_path, bool toml_required,
                            const EnvLookup& env, const std::map<std::string, std::string>& flags) {
  Config config;
  if (toml_path) {
    std::error_code ec;
    if (std::filesystem::exists(*toml_path, ec)) {
      try {
        const toml::value root = toml::parse(*toml_path);
        CRM_TRY(flatten(root, "", config.values_));
      } catch (const std::exception& e) {
        return invalid_input("config.file_invalid",
                             fmt::format("cannot read {}: {}", *toml_path, e.what()));
      }
    } else if (toml_required) {
      return invalid_input("config.file_missing",
                           fmt::format("configuration file {} does not exist", *toml_path));
    }
  }
  for (auto key : kKnownKeys) {
    if (auto value = env(env_name_for(key))) config.values_[std::string(key)] = *value;
  }
  for (const auto& [key, value] : flags) config.values_[key] = value;
  return config;
}

std::optional<std::string> Config::find(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Config::get_or(std::string_view key, std::string_view fallback) const {
  auto value = find(key);
  return value ? *value : std::string(fallback);
}

Result<int64_t> Config::get_int(std::string_view key, int64_t fallback, int64_t min,
                                int64_t max) const {
  const auto text = find(key);
  if (!text) return fallback;
  const auto value = parse_int64(trim(*text));
  if (!value || *value < min || *value > max) {
    return invalid_input("config.invalid_value",
                         fmt::format("{} must be an integer from {} to {} (got '{}')", key, min,
                                     max, *text),
                         std::string(key));
  }
  return *value;
}

Result<bool> Config::get_bool(std::string_view key, bool fallback) const {
  const auto text = find(key);
  if (!text) return fallback;
  const std::string lower = to_lower_ascii(trim(*text));
  if (lower == "true" || lower == "1" || lower == "yes") return true;
  if (lower == "false" || lower == "0" || lower == "no") return false;
  return invalid_input("config.invalid_value", fmt::format("{} must be true or false", key),
                       std::string(key));
}

}  // namespace crm
