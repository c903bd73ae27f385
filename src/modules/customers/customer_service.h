// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/keyring.h"
#include "core/result.h"
#include "http/request.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer.h"
#include "modules/customers/customer_participants.h"
#include "modules/customers/customer_repository.h"
#include "storage/database.h"

namespace crm::customers {

// Who calls the service: the actor (id, name, data scope) and the request part of audit rows.
struct Caller {
  http::Actor actor;
  audit::AuditEntry audit;
  static Caller from(const http::Request& request);
};

// The data-scope owner filter: "all" sees everything; "own" and, until departments exist,
// "department" see only customers they own (TODO(#5): department scope).
std::optional<int64_t> scope_owner(const http::Actor& actor);

// 404 customer.not_found: the customer does not exist or is outside the caller's data scope.
Error customer_not_found();
// 409 customer.phone_taken / customer.email_taken (`field` "phone" or "email"): customer `number`
// already holds this phone number or email address.
Error contact_taken(std::string_view field, std::string_view number);

enum class Reveal { kNo, kYes };

// Customer rules: validation, duplicate checks, encryption of personal data, versions, data
// scope, history and audit. Every write is one transaction with its audit and history rows.
// Thread-safe (stateless apart from injected references).
//
// Common errors: customer.not_found (kNotFound) for a missing, deleted or out-of-scope id;
// storage errors.
class CustomerService {
 public:
  CustomerService(storage::Database& db, const Clock& clock, const Keyring& keyring,
                  audit::AuditService& audit, const CustomerParticipants& participants)
      : db_(db), clock_(clock), keyring_(keyring), audit_(audit), participants_(participants) {}

  // Errors: validation errors of parse_fields; customer.phone_taken / customer.email_taken
  // (kConflict, message names the other customer's number); customer.owner_forbidden (kForbidden)
  // when `owner_id` is another user's and the caller's scope is not "all".
  Result<Customer> create(const Caller& caller, const Json& body);
  // With Reveal::kYes the caller must hold customers.view_pii (customer.pii_forbidden,
  // kForbidden) and an audit row customer.pii_viewed is written.
  Result<Customer> get(const Caller& caller, int64_t id, Reveal reveal, bool can_view_pii);
  // Applies the fields present in `patch` when the stored version equals `if_match_version`
  // (customer.version_mismatch, kPreconditionFailed, otherwise). Same validation and duplicate
  // checks as create.
  Result<Customer> update(const Caller& caller, int64_t id, const Json& patch,
                          int64_t if_match_version);
  // `phone` / `email` are matched exactly through their blind index.
  Result<Page<Customer>> list(const Caller& caller, CustomerQuery query,
                              const std::optional<std::string>& phone,
                              const std::optional<std::string>& email);

  // Moves to the recycle bin.
  Result<void> remove(const Caller& caller, int64_t id);
  Result<Page<Customer>> recycle_bin(const Caller& caller, CustomerQuery query);
  Result<Customer> restore(const Caller& caller, int64_t id);
  // Permanently deletes a customer in the recycle bin. Errors: customer.not_deleted (kConflict),
  // customer.confirm_mismatch (kInvalidInput, field "confirm") unless `confirm` is its number.
  Result<void> erase(const Caller& caller, int64_t id, std::string_view confirm);

  Result<std::vector<HistoryEntry>> history(const Caller& caller, int64_t id);

  // Errors: validation.tag (kInvalidInput) for an empty tag or one over 32 characters.
  Result<Customer> set_tags(const Caller& caller, int64_t id, std::vector<std::string> tags);
  // Customers outside the caller's scope are skipped; returns how many customers changed.
  Result<int64_t> bulk_tags(const Caller& caller, const std::vector<int64_t>& ids,
                            const std::vector<std::string>& add,
                            const std::vector<std::string>& remove);

  // For other modules: a live customer visible to `actor` (customer.not_found otherwise).
  Result<CustomerRef> get_visible(const http::Actor& actor, int64_t id);
  // For other modules: ids of live customers visible to `actor` whose name starts with `prefix`
  // (ASCII case-insensitive), at most `limit` (1..1000), lowest id first.
  Result<std::vector<int64_t>> visible_ids_by_name_prefix(const http::Actor& actor,
                                                          std::string_view prefix, int limit);
  // For the orders module (order intake), in the caller's transaction `tx`: the live customer
  // whose phone, else whose email, matches (blind index; data scope is not applied, an order
  // belongs to the person whoever owns them), or else a new `potential` customer owned by the
  // caller with `source_channel` (history and audit rows included). `phone` and `email` are
  // validated like create's. Errors: validation errors of parse_fields (fields name, phone,
  // email); customer.phone_taken / customer.email_taken when a deleted customer holds them.
  Result<CustomerRef> find_or_create_for_order(storage::Connection& tx, const Caller& caller,
                                               const Json& person,
                                               std::string_view source_channel);
  // find_or_create_for_order for many orders at once (the order import), with the same result
  // as calling it for each in turn: a person whose phone or email matches a customer created
  // earlier in the call gets that customer. The phones' and emails' blind indexes are looked up
  // 500 per query and the new customers' numbers reserved as one block. One result per person:
  // the customer or that person's error (as find_or_create_for_order's); the outer error is
  // storage's.
  struct OrderPerson {
    const Json* person = nullptr;
    std::string_view source_channel;
  };
  Result<std::vector<Result<CustomerRef>>> find_or_create_for_orders(
      storage::Connection& tx, const Caller& caller, const std::vector<OrderPerson>& persons);
  // For other modules, in the caller's transaction: get_visible on `db`.
  Result<CustomerRef> get_visible_in(storage::Connection& db, const http::Actor& actor,
                                     int64_t id) const;
  // For order messages: the customer's opened phone and email (either may be absent).
  Result<CustomerFields> contact_fields(storage::Connection& db, int64_t id) const;
  // A `potential` customer becomes `transacted` (history "stage_changed" and audit rows in
  // `tx`); other stages and unknown ids are left as they are.
  Result<void> mark_transacted(storage::Connection& tx, const Caller& caller, int64_t id) const;
  // mark_transacted for many customers (the order import): two statements per 500 ids, then
  // the history and audit rows of each one that changed.
  Result<void> mark_transacted_many(storage::Connection& tx, const Caller& caller,
                                    const std::vector<int64_t>& ids) const;

  // For the duplicate list (duplicate_service.h): a stored row, in any state, with its personal
  // fields opened, tags and categories; the caller checks scope and masks.
  Result<Customer> unsealed(storage::Connection& db, const StoredCustomer& row) const {
    return unseal(db, row);
  }
  // For the import (import_service.h): a stored row's personal fields opened (no tags or
  // categories), and new values sealed exactly as create/update seal them.
  Result<Customer> opened(const StoredCustomer& row) const { return open_row(row); }
  void seal(StoredCustomer& row, const CustomerFields& before, const CustomerFields& after) const {
    seal_into(row, before, after);
  }

 private:
  // Timeline, consents, privacy export and anonymisation (privacy_service.h) share the loading,
  // unsealing and history/audit rules instead of copying them.
  friend class PrivacyService;

  Result<StoredCustomer> load(storage::Connection& db, const http::Actor& actor, int64_t id,
                              bool deleted) const;
  Result<Customer> unseal(storage::Connection& db, const StoredCustomer& row) const;
  // unseal() without tags and categories (lists load those for the whole page at once).
  Result<Customer> open_row(const StoredCustomer& row) const;
  // Seals the personal fields of `fields` into `row`, keeping ciphertexts of unchanged values.
  void seal_into(StoredCustomer& row, const CustomerFields& before,
                 const CustomerFields& after) const;
  Result<void> check_duplicates(storage::Connection& db, const CustomerFields& fields,
                                int64_t except_id) const;
  Result<void> record(storage::Connection& tx, const Caller& caller, int64_t id,
                      std::string_view action, const Json& changes) const;

  storage::Database& db_;
  const Clock& clock_;
  const Keyring& keyring_;
  audit::AuditService& audit_;
  const CustomerParticipants& participants_;
  CustomerRepository repository_;
};

// "YYYY-MM-DD" of the merchant day (Asia/Shanghai, UTC+8) at `ms`.
std::string merchant_date(int64_t ms);
// Tags: trimmed, 1..32 characters, unique. validation.tag otherwise.
Result<std::vector<std::string>> normalize_tags(const std::vector<std::string>& tags);

}  // namespace crm::customers
