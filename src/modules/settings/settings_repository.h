// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/json.h"
#include "core/result.h"
#include "storage/connection.h"

namespace crm::settings {

// SQL over the settings table (overridden keys only); no rules. Stateless and thread-safe.
class SettingsRepository {
 public:
  // Every stored override as {key: value}; a row whose value is not JSON is skipped and logged.
  Result<std::map<std::string, Json, std::less<>>> load(storage::Connection& db) const;
  Result<void> upsert(storage::Connection& tx, const std::string& key, const Json& value,
                      int64_t at_ms, std::optional<int64_t> by) const;
  // Back to the default: the row goes away.
  Result<void> remove(storage::Connection& tx, const std::string& key) const;
};

}  // namespace crm::settings
