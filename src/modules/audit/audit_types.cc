// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_types.h"

#include <fmt/format.h>

#include "core/time_text.h"

namespace crm::audit {

AuditEntry AuditEntry::from(const http::Request& request) {
  AuditEntry entry;
  const auto& actor = request.context().actor();
  if (actor) {
    entry.actor_id = actor->user_id;
    entry.actor_name = actor->username.empty() ? actor->display_name : actor->username;
  }
  entry.ip = request.context().remote_address();
  entry.request_id = request.context().request_id();
  return entry;
}

const std::set<std::string, std::less<>>& personal_data_fields() {
  static const std::set<std::string, std::less<>> fields{
      "phone", "mobile", "email", "address", "id_number", "id_card", "password",
      "password_hash", "token", "secret", "code", "otp", "totp", "api_key"};
  return fields;
}

namespace {

bool is_personal(std::string_view name, const std::set<std::string, std::less<>>& personal) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (personal.contains(lower)) return true;
  for (const std::string& field : personal) {
    if (lower.size() > field.size() + 1 && lower.ends_with(field) &&
        lower[lower.size() - field.size() - 1] == '_') {
      return true;
    }
  }
  return false;
}

// Masks every non-null leaf of a personal field's value; keeps the from/to shape.
Json mask(const Json& value) {
  if (value.is_null()) return value;
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [key, inner] : value.items()) out[key] = mask(inner);
    return out;
  }
  return "***";
}

}  // namespace

Json redact_changes(const Json& changes, const std::set<std::string, std::less<>>& personal) {
  if (!changes.is_object()) return changes;
  Json out = Json::object();
  for (const auto& [key, value] : changes.items()) {
    if (is_personal(key, personal)) out[key] = mask(value);
    else if (value.is_object()) out[key] = redact_changes(value, personal);
    else out[key] = value;
  }
  return out;
}

Json to_json(const AuditRecord& record) {
  const AuditEntry& e = record.entry;
  return Json{{"id", record.id},
              {"at", format_utc(record.at_ms)},
              {"at_ms", record.at_ms},
              {"actor_id", e.actor_id ? Json(*e.actor_id) : Json(nullptr)},
              {"actor_name", e.actor_name},
              {"action", e.action},
              {"target_type", e.target_type},
              {"target_id", e.target_id},
              {"changes", e.changes},
              {"ip", e.ip},
              {"request_id", e.request_id}};
}

}  // namespace crm::audit
