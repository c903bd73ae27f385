// SPDX-License-Identifier: Apache-2.0
// A customer's 360° timeline, consent history, privacy export and anonymisation: the parts of the
// archive that gather or remove everything held about one person, across the customers tables and
// every CustomerParticipant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/request_context.h"
#include "modules/customers/consent_events.h"
#include "modules/customers/customer_participants.h"
#include "modules/customers/customer_service.h"

namespace crm::customers {

struct Timeline {
  std::vector<TimelineItem> items;    // newest first
  std::optional<int64_t> next_before;  // `before` of the next page; nullopt on the last page
};

struct ConsentState {
  Consent current;
  std::vector<ConsentEvent> history;  // newest first
};

struct PrivacyExport {
  std::string filename;  // privacy-<number>.zip
  std::string zip;       // the archive's bytes
};

// Thread-safe (stateless apart from the CustomerService it works through).
// Common errors: customer.not_found (kNotFound) for a missing or out-of-scope id.
class PrivacyService {
 public:
  explicit PrivacyService(CustomerService& customers) : customers_(customers) {}

  // The customer's history rows (kind "change", "merge" for merges and their undo) and every
  // participant's items, newest first, `limit` (1..200) items older than `before_ms`. Items of one
  // millisecond are never split across pages (unless more than `limit` share it). A live
  // customer only, like its history.
  Result<Timeline> timeline(const Caller& caller, const http::RequestContext& context, int64_t id,
                            std::optional<int64_t> before_ms, int limit);

  // The current flags and every change of them. A live customer only.
  Result<ConsentState> consents(const Caller& caller, int64_t id);

  // A zip of everything held about the person, unmasked: customer.json (profile, tags,
  // categories, consents, history, each participant's rows) and customer.csv, consents.csv,
  // history.csv and <participant>.csv. Live customers and those in the recycle bin. Audited
  // customer.privacy_exported. The caller's customers.view_pii is checked by the route.
  Result<PrivacyExport> privacy_export(const Caller& caller, int64_t id);

  // Removes the person's data and keeps the business record (see docs/api/customers.md):
  // name 已匿名客户; phone, email, ID number, birthday, address detail and district, hobbies,
  // notes and tags cleared; consent withdrawn (consent events, source "anonymise"); history values
  // replaced by "***"; each participant's anonymise. Works on customers in the recycle bin too (an
  // erasure request must not depend on where the record is). Idempotent: an anonymised customer
  // is returned unchanged. Errors: customer.confirm_mismatch (kInvalidInput, field confirm)
  // unless `confirm` is the customer's number. Audited customer.anonymised.
  Result<Customer> anonymise(const Caller& caller, int64_t id, std::string_view confirm);

 private:
  // The customer whether live or in the recycle bin, within the caller's data scope.
  Result<StoredCustomer> load_any(storage::Connection& db, const http::Actor& actor,
                                  int64_t id) const;

  CustomerService& customers_;
};

// The Chinese title of a history row for the timeline ("修改了 姓名, 手机") and its kind
// ("change" or "merge"); exposed for tests.
TimelineItem history_item(int64_t history_id, int64_t at_ms, std::string actor_name,
                          std::string_view action, const Json& changes);

// `changes` with every value replaced by "***" and the keys kept (record ids and numbers stay:
// they name records, not the person).
Json scrub_history_changes(const Json& changes);

}  // namespace crm::customers
