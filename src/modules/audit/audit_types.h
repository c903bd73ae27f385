// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "http/request.h"

namespace crm::audit {

// What one audit row says: who did what to which object, with which changed fields.
// `changes` is {"field":{"from":..,"to":..}, ...} (or any JSON object for views and exports);
// AuditService::record redacts personal data in it before writing.
struct AuditEntry {
  std::optional<int64_t> actor_id;  // empty for the system itself (jobs, start-up)
  std::string actor_name;
  std::string action;       // "<resource>.<past tense>", e.g. "settings.updated", "customers.exported"
  std::string target_type;  // e.g. "customer", "settings"
  std::string target_id;    // text so that numbers ("C000123") and keys fit
  Json changes = Json::object();
  std::string ip;
  std::string request_id;

  // The actor, ip and request-id part of an entry, taken from an authenticated request; the
  // caller fills in action, target and changes.
  static AuditEntry from(const http::Request& request);
};

// One stored row.
struct AuditRecord {
  int64_t id = 0;
  int64_t at_ms = 0;
  AuditEntry entry;
};

// Search filters; every set field must match. `action` is a prefix ("customer." finds
// "customer.created" and "customer.viewed_pii"). Times are UTC ms, from inclusive, to exclusive.
struct AuditFilter {
  std::optional<int64_t> actor_id;
  std::optional<std::string> action;
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<int64_t> from_ms;
  std::optional<int64_t> to_ms;
};

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

// Newest first; `after` is the keyset cursor (the last id of the previous page).
struct AuditQuery {
  AuditFilter filter;
  int limit = kDefaultPageSize;
  std::optional<int64_t> after;
};

struct AuditPage {
  std::vector<AuditRecord> items;
  int64_t total = 0;                 // rows matching the filter, all pages together
  std::optional<int64_t> next_after; // pass as `after` for the next page; empty on the last page
};

// Field names that hold personal data or secrets. A field is personal when its lower-cased name
// equals one of these or ends with "_" + one of these ("contact_phone", "api_token").
const std::set<std::string, std::less<>>& personal_data_fields();

// Returns `changes` with the values of personal fields (at any depth) replaced by "***":
// {"phone":{"from":"138…","to":"139…"}} becomes {"phone":{"from":"***","to":"***"}}; a null
// stays null so the log still shows that a value was added or removed. Non-objects pass through.
Json redact_changes(const Json& changes,
                    const std::set<std::string, std::less<>>& personal = personal_data_fields());

// {"field":{"from":from,"to":to}}-style helper for one changed field.
inline Json change(Json from, Json to) { return Json{{"from", std::move(from)}, {"to", std::move(to)}}; }

// The record as the API shows it (changes as a JSON object, `at` as ISO-8601 UTC).
Json to_json(const AuditRecord& record);

}  // namespace crm::audit
