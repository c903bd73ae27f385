// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "http/request.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "storage/database.h"

namespace crm::interactions {

struct Channel {
  int64_t id = 0;
  std::string name;
  std::string kind;  // phone|online|email|in_person|written|other
  bool enabled = true;
  bool builtin = false;
  int64_t created_at_ms = 0;
};

struct Interaction {
  int64_t id = 0;
  int64_t customer_id = 0;
  int64_t customer_owner_id = 0;  // the customer's owner, kept current by interaction_participant
  int64_t at_ms = 0;
  int64_t channel_id = 0;
  std::string subject;
  std::string content;
  std::string outcome;
  int64_t staff_id = 0;
  std::string staff_name;
  std::optional<std::string> follow_up_on;  // YYYY-MM-DD
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

struct InteractionFilter {
  std::optional<int64_t> customer_id;
  std::optional<int64_t> channel_id;
  std::optional<std::string> subject;  // substring
  std::optional<int64_t> from_ms;      // inclusive
  std::optional<int64_t> to_ms;        // exclusive
  std::optional<int64_t> staff_id;
  std::optional<std::string> q;        // customer name prefix
};

struct InteractionQuery {
  InteractionFilter filter;
  int limit = 50;
  std::optional<std::string> after;  // "<at_ms>.<id>"
};

struct InteractionPage {
  std::vector<Interaction> items;
  int64_t total = 0;
  std::optional<std::string> next_after;
};

// Communication records and channels. Every write is one transaction with its audit row.
// Data scope: "all" sees everything; "own" and "department" (TODO(#5)) see records whose
// customer_owner_id or staff_id is the actor. Out-of-scope ids: interaction.not_found.
// Thread-safe.
class InteractionService {
 public:
  InteractionService(storage::Database& db, const Clock& clock, audit::AuditService& audit,
                     customers::CustomerService& customers)
      : db_(db), clock_(clock), audit_(audit), customers_(customers) {}

  // Errors: customer.not_found; interaction.unknown_channel / interaction.channel_disabled
  // (kInvalidInput, field channel_id); validation.* for subject, content, outcome, at,
  // follow_up_on.
  Result<Interaction> create(const customers::Caller& caller, const Json& body);
  Result<Interaction> get(const customers::Caller& caller, int64_t id);
  Result<Interaction> update(const customers::Caller& caller, int64_t id, const Json& body);
  Result<void> remove(const customers::Caller& caller, int64_t id);
  // Newest first (at_ms desc, id desc). Errors: interaction.invalid_cursor.
  Result<InteractionPage> list(const customers::Caller& caller, const InteractionQuery& query);

  Result<std::vector<Channel>> channels();
  Result<Channel> get_channel(int64_t id);
  // Errors: validation.* for name/kind; interaction_channel.name_taken (kConflict).
  Result<Channel> create_channel(const customers::Caller& caller, const Json& body);
  Result<Channel> update_channel(const customers::Caller& caller, int64_t id, const Json& body);

  // The customer's number and name for responses (nullopt once the customer is gone).
  std::optional<customers::CustomerRef> customer_ref(int64_t customer_id);

 private:
  Result<Interaction> load(storage::Connection& db, const http::Actor& actor, int64_t id) const;
  Result<Channel> load_channel(storage::Connection& db, int64_t id) const;
  Result<void> check_channel(storage::Connection& db, int64_t channel_id) const;
  Result<void> record(storage::Connection& tx, const customers::Caller& caller,
                      std::string_view action, std::string_view type, int64_t id,
                      Json changes) const;

  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  customers::CustomerService& customers_;
};

}  // namespace crm::interactions
