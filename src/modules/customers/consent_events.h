// SPDX-License-Identifier: Apache-2.0
// The history of marketing consent (customer_consent_events): one row per change of one channel's
// flag, written in the transaction that changed it, so consent can be proven after the fact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer.h"
#include "storage/connection.h"

namespace crm::customers {

struct ConsentEvent {
  std::string channel;  // sms | email | phone
  bool granted = false;
  int64_t at_ms = 0;
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::string source;  // api | import | merge | anonymise
  std::string note;
};

// Who changed consent, when, through what and why (the note is optional).
struct ConsentChange {
  int64_t at_ms = 0;
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::string_view source = "api";
  std::string note;
};

// Adds one event per channel whose flag differs between `before` and `after` (none when equal).
Result<void> record_consent_changes(storage::Connection& tx, int64_t customer_id,
                                    const Consent& before, const Consent& after,
                                    const ConsentChange& change);

// The customer's consent events, newest first.
Result<std::vector<ConsentEvent>> consent_history(storage::Connection& db, int64_t customer_id);

// "consent_note" of a create/PATCH body: absent or null -> "". Errors (kInvalidInput, field
// consent_note): validation.type unless text, validation.length over 200 characters.
Result<std::string> parse_consent_note(const Json& body);

Json to_json(const ConsentEvent& event);

}  // namespace crm::customers
