// SPDX-License-Identifier: Apache-2.0
#include "modules/settings/settings_repository.h"

#include "core/log.h"

namespace crm::settings {

Result<std::map<std::string, Json, std::less<>>> SettingsRepository::load(
    storage::Connection& db) const {
  CRM_TRY_ASSIGN(std::vector<storage::Row> rows, db.query("SELECT key, value FROM settings"));
  std::map<std::string, Json, std::less<>> out;
  for (const storage::Row& row : rows) {
    auto value = parse_json(row.get_string(1));
    if (!value) {
      log::warn("settings.unreadable_row", Json{{"key", row.get_string(0)}});
      continue;
    }
    out.emplace(row.get_string(0), std::move(value).value());
  }
  return out;
}

Result<void> SettingsRepository::upsert(storage::Connection& tx, const std::string& key,
                                        const Json& value, int64_t at_ms,
                                        std::optional<int64_t> by) const {
  CRM_TRY(tx.execute(
      "INSERT INTO settings (key, value, updated_at_ms, updated_by) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
      "updated_at_ms = excluded.updated_at_ms, updated_by = excluded.updated_by",
      key, dump_json(value), at_ms, by));
  return {};
}

Result<void> SettingsRepository::remove(storage::Connection& tx, const std::string& key) const {
  CRM_TRY(tx.execute("DELETE FROM settings WHERE key = ?", key));
  return {};
}

}  // namespace crm::settings
