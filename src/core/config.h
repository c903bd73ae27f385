// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace crm {

// Start-up configuration with one precedence rule: command-line flags > environment > shopcrm.toml
// > built-in defaults. Keys are dotted lower-case names ("db", "listen", "http.max_body_bytes");
// the environment variable of a key is SHOPCRM_ + the key upper-cased with '.' as '_'
// (SHOPCRM_HTTP_MAX_BODY_BYTES). Immutable once loaded; safe to share between threads.
class Config {
 public:
  using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

  // Reads the TOML file when `toml_path` is set (a missing file is `config.file_missing` only when
  // `toml_required`), then overlays environment and flags. Nested TOML tables become dotted keys.
  static Result<Config> load(const std::optional<std::string>& toml_path, bool toml_required,
                             const EnvLookup& env, const std::map<std::string, std::string>& flags);
  static EnvLookup process_environment();

  std::optional<std::string> find(std::string_view key) const;
  std::string get_or(std::string_view key, std::string_view fallback) const;
  // An integer setting within [min, max]; `config.invalid_value` names the key otherwise.
  Result<int64_t> get_int(std::string_view key, int64_t fallback, int64_t min, int64_t max) const;
  Result<bool> get_bool(std::string_view key, bool fallback) const;

  // A copy with one value replaced (as if given as a flag).
  Config with_value(std::string key, std::string value) const {
    Config copy = *this;
    copy.values_[std::move(key)] = std::move(value);
    return copy;
  }

  void set_for_test(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// SHOPCRM_HTTP_MAX_BODY_BYTES for "http.max_body_bytes".
std::string env_name_for(std::string_view key);

}  // namespace crm
