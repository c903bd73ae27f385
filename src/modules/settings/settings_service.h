// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/settings/settings_repository.h"
#include "modules/settings/settings_schema.h"
#include "storage/database.h"

namespace crm::settings {

// The merchant's settings: validated updates (audited) and a cached snapshot for every reader.
// Thread-safe.
//
// current() serves an in-memory snapshot. A write through this instance replaces it at once; a
// write by another node is seen once the snapshot is older than `refresh_ms` (the next current()
// re-reads the table). So a change applies without a restart: at once on the node that made it,
// within refresh_ms on the others.
class SettingsService {
 public:
  SettingsService(storage::Database& db, const Clock& clock, audit::AuditService& audit,
                  int64_t refresh_ms = 30'000);

  // The effective settings. Re-reads the database when the snapshot is stale; if that read fails
  // the previous snapshot (or the defaults) is served and the failure logged.
  Settings current() const;

  // Re-reads the table now (start-up uses it to fail fast). Errors: storage errors.
  Result<Settings> reload() const;

  // Validates every key of `patch` (a JSON object) first and changes nothing if any is bad;
  // then, in one transaction, stores the keys whose value changes and writes one audit row
  // "settings.updated" (target_type "settings", changes {key:{from,to}}) with actor, ip and
  // request id from `actor`. Returns the new effective settings.
  // Errors (kInvalidInput, field = the key): settings.unknown_key, settings.invalid_value,
  // settings.not_object (the patch is not an object); storage errors.
  Result<Settings> update(const Json& patch, const audit::AuditEntry& actor);

 private:
  Result<Settings> read_from_db() const;

  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  const int64_t refresh_ms_;
  SettingsRepository repository_;

  mutable std::mutex mutex_;
  mutable std::shared_ptr<const Settings> snapshot_;  // never null
  mutable bool loaded_ = false;
  mutable int64_t loaded_at_ms_ = 0;
  mutable uint64_t generation_ = 0;  // bumped by every new snapshot; a slower read never wins
  mutable bool reloading_ = false;
};

}  // namespace crm::settings
