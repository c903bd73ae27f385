// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/consent_events.h"

#include "core/text.h"

namespace crm::customers {

namespace {
constexpr size_t kMaxNote = 200;
}  // namespace

Result<void> record_consent_changes(storage::Connection& tx, int64_t customer_id,
                                    const Consent& before, const Consent& after,
                                    const ConsentChange& change) {
  for (const auto& [channel, was, is] : {std::tuple{"sms", before.sms, after.sms},
                                         std::tuple{"email", before.email, after.email},
                                         std::tuple{"phone", before.phone, after.phone}}) {
    if (was == is) continue;
    CRM_TRY(tx.execute("INSERT INTO customer_consent_events (customer_id, channel, granted, at_ms, "
                       "actor_id, actor_name, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       customer_id, channel, is, change.at_ms, change.actor_id, change.actor_name,
                       change.source, change.note));
  }
  return {};
}

Result<std::vector<ConsentEvent>> consent_history(storage::Connection& db, int64_t customer_id) {
  CRM_TRY_ASSIGN(auto rows, db.query("SELECT channel, granted, at_ms, actor_id, actor_name, source, "
                                     "note FROM customer_consent_events WHERE customer_id = ? "
                                     "ORDER BY id DESC",
                                     customer_id));
  std::vector<ConsentEvent> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.get_string(0), r.get_bool(1), r.get_int(2), r.get_optional_int(3),
                   r.get_string(4), r.get_string(5), r.get_string(6)});
  }
  return out;
}

Result<std::string> parse_consent_note(const Json& body) {
  if (!body.contains("consent_note") || body.at("consent_note").is_null()) return std::string();
  CRM_TRY_ASSIGN(auto note, optional_string(body, "consent_note"));
  std::string text(trim(note.value_or("")));
  size_t chars = 0;
  for (const char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  if (!is_valid_utf8(text)) {
    return invalid_input("validation.type", "consent_note is not valid text.", "consent_note");
  }
  if (chars > kMaxNote) {
    return invalid_input("validation.length", "consent_note must be at most 200 characters.",
                         "consent_note");
  }
  return text;
}

Json to_json(const ConsentEvent& e) {
  return {{"channel", e.channel},
          {"granted", e.granted},
          {"at", e.at_ms},
          {"actor_id", e.actor_id ? Json(*e.actor_id) : Json(nullptr)},
          {"actor_name", e.actor_name},
          {"source", e.source},
          {"note", e.note}};
}

}  // namespace crm::customers
