// SPDX-License-Identifier: Apache-2.0
#include "modules/settings/settings_service.h"

#include "core/log.h"

namespace crm::settings {

SettingsService::SettingsService(storage::Database& db, const Clock& clock,
                                 audit::AuditService& audit, int64_t refresh_ms)
    : db_(db), clock_(clock), audit_(audit), refresh_ms_(refresh_ms),
      snapshot_(std::make_shared<const Settings>()) {}

Result<Settings> SettingsService::read_from_db() const {
  return db_.read([&](storage::Connection& db) -> Result<Settings> {
    CRM_TRY_ASSIGN(auto overrides, repository_.load(db));
    return settings_from(overrides);
  });
}

Result<Settings> SettingsService::reload() const {
  uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    generation = generation_;
  }
  CRM_TRY_ASSIGN(Settings fresh, read_from_db());
  std::lock_guard lock(mutex_);
  // A write that finished while we read installed newer values; keep those.
  if (generation == generation_) {
    snapshot_ = std::make_shared<const Settings>(fresh);
    ++generation_;
    loaded_ = true;
    loaded_at_ms_ = clock_.now_ms();
  }
  return *snapshot_;
}

Settings SettingsService::current() const {
  {
    std::lock_guard lock(mutex_);
    const bool stale = !loaded_ || clock_.now_ms() - loaded_at_ms_ >= refresh_ms_;
    // One thread re-reads; the others keep serving the previous snapshot meanwhile.
    if (!stale || reloading_) return *snapshot_;
    reloading_ = true;
  }
  auto reloaded = reload();
  std::lock_guard lock(mutex_);
  reloading_ = false;
  if (!reloaded) {
    log::warn("settings.reload_failed", Json{{"code", reloaded.error().code},
                                             {"detail", reloaded.error().detail}});
    loaded_at_ms_ = clock_.now_ms();  // retry after another interval, not on every call
  }
  return *snapshot_;
}

Result<Settings> SettingsService::update(const Json& patch, const audit::AuditEntry& actor) {
  if (!patch.is_object()) {
    return invalid_input("settings.not_object", "The settings must be a JSON object.");
  }
  // Every key first: a patch with one bad key changes nothing.
  std::map<std::string, Json, std::less<>> validated;
  for (const auto& [key, value] : patch.items()) {
    CRM_TRY_ASSIGN(Json normalised, validate_setting(key, value));
    validated.emplace(key, std::move(normalised));
  }

  const int64_t now = clock_.now_ms();
  CRM_TRY_ASSIGN(Settings updated, db_.transaction([&](storage::Connection& tx) -> Result<Settings> {
    // The stored values, not the cache: `from` must be what the database held.
    CRM_TRY_ASSIGN(auto overrides, repository_.load(tx));
    const Settings before = settings_from(overrides);
    Settings after = before;
    const Settings defaults;
    Json changes = Json::object();
    for (const auto& [key, value] : validated) {
      const SettingInfo& info = *find_setting(key);
      const Json old_value = setting_value(before, info);
      if (old_value == value) continue;
      apply_setting(after, info, value);
      if (value == setting_value(defaults, info)) {
        CRM_TRY(repository_.remove(tx, key));
      } else {
        CRM_TRY(repository_.upsert(tx, key, value, now, actor.actor_id));
      }
      changes[key] = audit::change(old_value, value);
    }
    if (!changes.empty()) {
      audit::AuditEntry entry = actor;
      entry.action = "settings.updated";
      entry.target_type = "settings";
      entry.target_id = "";
      entry.changes = std::move(changes);
      CRM_TRY(audit_.record(tx, entry));
    }
    return after;
  }));

  std::lock_guard lock(mutex_);
  snapshot_ = std::make_shared<const Settings>(updated);
  ++generation_;
  loaded_ = true;
  loaded_at_ms_ = now;
  return updated;
}

}  // namespace crm::settings
