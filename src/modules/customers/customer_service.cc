// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_service.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/consent_events.h"
#include "modules/customers/customer_events.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/customer_search.h"

namespace crm::customers {

namespace {

constexpr std::string_view kPhoneAd = "customers.phone";
constexpr std::string_view kEmailAd = "customers.email";
constexpr std::string_view kIdNumberAd = "customers.id_number";
constexpr std::string_view kAddressAd = "customers.address_detail";
constexpr int64_t kShanghaiOffsetMs = 8LL * 3600 * 1000;
constexpr size_t kMaxBulk = 1000;

Error version_mismatch() {
  return Error{ErrorKind::kPreconditionFailed, "customer.version_mismatch",
               "The customer was changed by someone else; reload and try again.", "If-Match"};
}

std::optional<std::string> open_optional(const Keyring& keyring,
                                         const std::optional<std::string>& cipher,
                                         std::string_view ad, Error* failure) {
  if (!cipher) return std::nullopt;
  auto opened = keyring.open(*cipher, ad);
  if (!opened) {
    *failure = std::move(opened).error();
    return std::nullopt;
  }
  return std::move(opened).value();
}

}  // namespace

Caller Caller::from(const http::Request& request) {
  Caller caller;
  if (request.context().actor()) caller.actor = *request.context().actor();
  caller.audit = audit::AuditEntry::from(request);
  return caller;
}

Error customer_not_found() {
  return not_found("customer.not_found", "The customer does not exist or is not visible to you.");
}

Error contact_taken(std::string_view field, std::string_view number) {
  const bool phone = field == "phone";
  return conflict(phone ? "customer.phone_taken" : "customer.email_taken",
                  fmt::format("Customer {} already has this {}.", number,
                              phone ? "phone number" : "email address"),
                  std::string(field));
}

std::optional<int64_t> scope_owner(const http::Actor& actor) {
  if (actor.data_scope == "all") return std::nullopt;
  return actor.user_id;
}

std::string merchant_date(int64_t ms) {
  // Days since the epoch to a civil date (Howard Hinnant's algorithm).
  int64_t days = (ms + kShanghaiOffsetMs) / 86'400'000;
  if ((ms + kShanghaiOffsetMs) % 86'400'000 < 0) --days;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

Result<std::vector<std::string>> normalize_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const auto& raw : tags) {
    std::string tag(trim(raw));
    size_t chars = 0;
    for (const char c : tag) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    if (tag.empty() || chars > 32 || !is_valid_utf8(tag)) {
      return invalid_input("validation.tag", "Tags must be 1 to 32 characters.", "tags");
    }
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(std::move(tag));
  }
  return out;
}

Result<StoredCustomer> CustomerService::load(storage::Connection& db, const http::Actor& actor,
                                             int64_t id, bool deleted) const {
  CRM_TRY_ASSIGN(auto row, repository_.find(db, id));
  if (!row || row->deleted_at_ms.has_value() != deleted) return customer_not_found();
  const auto owner = scope_owner(actor);
  if (owner && row->owner_id != *owner) return customer_not_found();
  return std::move(*row);
}

Result<Customer> CustomerService::unseal(storage::Connection& db,
                                         const StoredCustomer& row) const {
  CRM_TRY_ASSIGN(Customer c, open_row(row));
  CRM_TRY_ASSIGN(c.tags, repository_.tags(db, row.id));
  CRM_TRY_ASSIGN(c.categories, repository_.categories(db, row.id));
  return c;
}

Result<Customer> CustomerService::open_row(const StoredCustomer& row) const {
  Customer c;
  c.id = row.id;
  c.number = row.number;
  c.fields = row.fields;
  Error failure;
  c.fields.phone = open_optional(keyring_, row.phone.cipher, kPhoneAd, &failure);
  c.fields.email = open_optional(keyring_, row.email.cipher, kEmailAd, &failure);
  c.fields.id_number = open_optional(keyring_, row.id_number.cipher, kIdNumberAd, &failure);
  c.fields.address.detail = open_optional(keyring_, row.address_cipher, kAddressAd, &failure);
  if (!failure.code.empty()) {
    failure.detail += fmt::format(" (customer {})", row.id);
    return failure;
  }
  c.owner_id = row.owner_id;
  c.created_at_ms = row.created_at_ms;
  c.created_by = row.created_by;
  c.updated_at_ms = row.updated_at_ms;
  c.updated_by = row.updated_by;
  c.version = row.version;
  c.deleted_at_ms = row.deleted_at_ms;
  c.deleted_by = row.deleted_by;
  c.anonymised_at_ms = row.anonymised_at_ms;
  return c;
}

void CustomerService::seal_into(StoredCustomer& row, const CustomerFields& before,
                                const CustomerFields& after) const {
  auto seal = [&](SealedField& field, const std::optional<std::string>& old_value,
                  const std::optional<std::string>& value, std::string_view ad,
                  std::string_view domain, bool indexed) {
    if (value == old_value && field.cipher) return;
    if (!value) {
      field = {};
      return;
    }
    field.cipher = keyring_.seal(*value, ad);
    field.index = indexed ? std::optional(keyring_.blind_index(domain, *value)) : std::nullopt;
  };
  seal(row.phone, before.phone, after.phone, kPhoneAd, "phone", true);
  seal(row.email, before.email, after.email, kEmailAd, "email", true);
  seal(row.id_number, before.id_number, after.id_number, kIdNumberAd, "id_number", true);
  SealedField address{row.address_cipher, std::nullopt};
  seal(address, before.address.detail, after.address.detail, kAddressAd, "", false);
  row.address_cipher = address.cipher;
  row.fields = after;
  row.fields.phone.reset();
  row.fields.email.reset();
  row.fields.id_number.reset();
  row.fields.address.detail.reset();
}

Result<void> CustomerService::check_duplicates(storage::Connection& db,
                                               const CustomerFields& fields,
                                               int64_t except_id) const {
  if (fields.phone) {
    CRM_TRY_ASSIGN(auto number, repository_.find_number_by_index(
                                    db, "phone_index", keyring_.blind_index("phone", *fields.phone),
                                    except_id));
    if (number) return contact_taken("phone", *number);
  }
  if (fields.email) {
    CRM_TRY_ASSIGN(auto number, repository_.find_number_by_index(
                                    db, "email_index", keyring_.blind_index("email", *fields.email),
                                    except_id));
    if (number) return contact_taken("email", *number);
  }
  return {};
}

Result<void> CustomerService::record(storage::Connection& tx, const Caller& caller, int64_t id,
                                     std::string_view action, const Json& changes) const {
  HistoryEntry history{clock_.now_ms(), caller.audit.actor_id, caller.audit.actor_name,
                       std::string(action), dump_json(changes)};
  CRM_TRY(repository_.add_history(tx, id, history));
  audit::AuditEntry entry = caller.audit;
  entry.action = "customer." + std::string(action);
  entry.target_type = "customer";
  entry.target_id = std::to_string(id);
  entry.changes = changes;
  CRM_TRY(audit_.record(tx, entry));
  const std::string_view event = event_for_action(action);
  if (event.empty()) return {};
  Json payload = {{"customer_id", id}};
  if (changes.is_object() && changes.contains("number")) payload["number"] = changes["number"];
  if (event == kCustomerUpdated && changes.is_object()) {
    Json changed = Json::array();
    for (const auto& [field, value] : changes.items()) changed.push_back(field);
    payload["changed"] = std::move(changed);
  }
  return publish_customer_event(tx, clock_, event, payload);
}

Result<Customer> CustomerService::create(const Caller& caller, const Json& body) {
  const int64_t now = clock_.now_ms();
  const std::string today = merchant_date(now);
  CRM_TRY_ASSIGN(CustomerFields fields, parse_fields(body, CustomerFields{}, true, today));
  CRM_TRY_ASSIGN(auto owner_id, optional_int(body, "owner_id"));
  CRM_TRY_ASSIGN(std::string consent_note, parse_consent_note(body));
  if (owner_id && *owner_id != caller.actor.user_id && scope_owner(caller.actor)) {
    return forbidden("customer.owner_forbidden",
                     "Only staff who see all customers may assign them to someone else.");
  }
  return db_.transaction([&](storage::Connection& tx) -> Result<Customer> {
    CRM_TRY(check_duplicates(tx, fields, 0));
    StoredCustomer row;
    std::string day = today;
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    CRM_TRY_ASSIGN(row.number, repository_.next_number(tx, day));
    seal_into(row, CustomerFields{}, fields);
    fill_search_fields(row);
    row.owner_id = owner_id.value_or(caller.actor.user_id);
    row.created_at_ms = row.updated_at_ms = now;
    row.created_by = row.updated_by = caller.actor.user_id;
    row.version = 1;
    CRM_TRY_ASSIGN(row.id, repository_.insert(tx, row));
    CRM_TRY(record(tx, caller, row.id, "created", diff_fields(CustomerFields{}, fields)));
    CRM_TRY(record_consent_changes(tx, row.id, Consent{}, fields.consent,
                                   {now, caller.audit.actor_id, caller.audit.actor_name, "api",
                                    consent_note}));
    return unseal(tx, row);
  });
}

Result<Customer> CustomerService::get(const Caller& caller, int64_t id, Reveal reveal,
                                      bool can_view_pii) {
  if (reveal == Reveal::kYes && !can_view_pii) {
    return forbidden("customer.pii_forbidden",
                     "You may not see customers' personal data unmasked.");
  }
  if (reveal == Reveal::kNo) {
    return db_.read([&](storage::Connection& db) -> Result<Customer> {
      CRM_TRY_ASSIGN(auto row, load(db, caller.actor, id, false));
      return unseal(db, row);
    });
  }
  // Each unmasked view is audited (P10); the row and the audit entry commit together.
  return db_.transaction([&](storage::Connection& tx) -> Result<Customer> {
    CRM_TRY_ASSIGN(auto row, load(tx, caller.actor, id, false));
    audit::AuditEntry entry = caller.audit;
    entry.action = "customer.pii_viewed";
    entry.target_type = "customer";
    entry.target_id = std::to_string(id);
    entry.changes = Json{{"number", row.number}};
    CRM_TRY(audit_.record(tx, entry));
    return unseal(tx, row);
  });
}

Result<Customer> CustomerService::update(const Caller& caller, int64_t id, const Json& patch,
                                         int64_t if_match_version) {
  const int64_t now = clock_.now_ms();
  CRM_TRY_ASSIGN(auto owner_id, optional_int(patch, "owner_id"));
  CRM_TRY_ASSIGN(std::string consent_note, parse_consent_note(patch));
  return db_.transaction([&](storage::Connection& tx) -> Result<Customer> {
    CRM_TRY_ASSIGN(StoredCustomer row, load(tx, caller.actor, id, false));
    if (row.version != if_match_version) return version_mismatch();
    CRM_TRY_ASSIGN(Customer current, unseal(tx, row));
    CRM_TRY_ASSIGN(CustomerFields fields,
                   parse_fields(patch, current.fields, false, merchant_date(now)));
    Json changes = diff_fields(current.fields, fields);
    if (owner_id && *owner_id != row.owner_id) {
      if (scope_owner(caller.actor)) {
        return forbidden("customer.owner_forbidden",
                         "Only staff who see all customers may assign them to someone else.");
      }
      changes["owner_id"] = {{"from", row.owner_id}, {"to", *owner_id}};
      row.owner_id = *owner_id;
    }
    if (changes.empty()) return current;
    CRM_TRY(check_duplicates(tx, fields, id));
    seal_into(row, current.fields, fields);
    fill_search_fields(row);
    row.version = if_match_version + 1;
    row.updated_at_ms = now;
    row.updated_by = caller.actor.user_id;
    CRM_TRY_ASSIGN(const bool updated, repository_.update(tx, row));
    if (!updated) return version_mismatch();
    CRM_TRY(record(tx, caller, id, "updated", changes));
    CRM_TRY(record_consent_changes(tx, id, current.fields.consent, fields.consent,
                                   {now, caller.audit.actor_id, caller.audit.actor_name, "api",
                                    consent_note}));
    if (changes.contains("owner_id")) {
      for (const auto& participant : participants_.all()) {
        if (participant.owner_changed) CRM_TRY(participant.owner_changed(tx, id, row.owner_id));
      }
    }
    return unseal(tx, row);
  });
}

Result<Page<Customer>> CustomerService::list(const Caller& caller, CustomerQuery query,
                                             const std::optional<std::string>& phone,
                                             const std::optional<std::string>& email) {
  if (phone) {
    query.filter.phone_index =
        keyring_.blind_index("phone", normalize_phone(*phone).value_or(*phone));
  }
  if (email) {
    query.filter.email_index =
        keyring_.blind_index("email", normalize_email(*email).value_or(*email));
  }
  query.filter.scope_owner_id = scope_owner(caller.actor);
  return db_.read([&](storage::Connection& db) -> Result<Page<Customer>> {
    CRM_TRY_ASSIGN(auto rows, repository_.list(db, query));
    Page<Customer> page{{}, rows.total, rows.next_after};
    std::vector<int64_t> ids;
    for (const auto& row : rows.items) ids.push_back(row.id);
    CRM_TRY_ASSIGN(auto tags, repository_.tags_of(db, ids));
    CRM_TRY_ASSIGN(auto categories, repository_.categories_of(db, ids));
    for (const auto& row : rows.items) {
      CRM_TRY_ASSIGN(Customer customer, open_row(row));
      if (auto found = tags.find(row.id); found != tags.end()) customer.tags = found->second;
      if (auto found = categories.find(row.id); found != categories.end()) {
        customer.categories = found->second;
      }
      page.items.push_back(std::move(customer));
    }
    return page;
  });
}

Result<void> CustomerService::remove(const Caller& caller, int64_t id) {
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(auto row, load(tx, caller.actor, id, false));
    CRM_TRY(repository_.mark_deleted(tx, id, clock_.now_ms(), caller.actor.user_id));
    return record(tx, caller, id, "deleted", Json{{"number", row.number}});
  });
}

Result<Page<Customer>> CustomerService::recycle_bin(const Caller& caller, CustomerQuery query) {
  query.filter.deleted = true;
  query.sort = ListSort::kDeletedDesc;
  return list(caller, std::move(query), std::nullopt, std::nullopt);
}

Result<Customer> CustomerService::restore(const Caller& caller, int64_t id) {
  return db_.transaction([&](storage::Connection& tx) -> Result<Customer> {
    CRM_TRY_ASSIGN(auto row, load(tx, caller.actor, id, true));
    CRM_TRY(repository_.restore(tx, id, clock_.now_ms(), caller.actor.user_id));
    CRM_TRY(record(tx, caller, id, "restored", Json{{"number", row.number}}));
    CRM_TRY_ASSIGN(auto restored, load(tx, caller.actor, id, false));
    return unseal(tx, restored);
  });
}

Result<void> CustomerService::erase(const Caller& caller, int64_t id, std::string_view confirm) {
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(auto row, repository_.find(tx, id));
    const auto owner = scope_owner(caller.actor);
    if (!row || (owner && row->owner_id != *owner)) return customer_not_found();
    if (!row->deleted_at_ms) {
      return conflict("customer.not_deleted",
                      "Only customers in the recycle bin can be erased; delete it first.");
    }
    if (confirm != row->number) {
      return invalid_input("customer.confirm_mismatch",
                           fmt::format("Type the customer number {} to confirm.", row->number),
                           "confirm");
    }
    // A merged record is the undo of its merge (merge_service.h); anonymise the person instead.
    CRM_TRY_ASSIGN(auto merged, tx.query("SELECT merged_into FROM customers WHERE id = ? AND "
                                         "merged_into IS NOT NULL", id));
    if (!merged.empty()) {
      return conflict("customer.merged",
                      fmt::format("Customer {} was merged into another record and cannot be "
                                  "erased; undo the merge first, or anonymise it.", row->number));
    }
    CRM_TRY(repository_.erase(tx, id));
    return record(tx, caller, id, "erased", Json{{"number", row->number}});
  });
}

Result<std::vector<HistoryEntry>> CustomerService::history(const Caller& caller, int64_t id) {
  return db_.read([&](storage::Connection& db) -> Result<std::vector<HistoryEntry>> {
    CRM_TRY(load(db, caller.actor, id, false));
    return repository_.history(db, id);
  });
}

Result<Customer> CustomerService::set_tags(const Caller& caller, int64_t id,
                                           std::vector<std::string> tags) {
  CRM_TRY_ASSIGN(tags, normalize_tags(tags));
  return db_.transaction([&](storage::Connection& tx) -> Result<Customer> {
    CRM_TRY_ASSIGN(auto row, load(tx, caller.actor, id, false));
    CRM_TRY_ASSIGN(auto before, repository_.tags(tx, id));
    CRM_TRY(repository_.set_tags(tx, id, tags));
    CRM_TRY_ASSIGN(auto after, repository_.tags(tx, id));
    if (before != after) {
      CRM_TRY(record(tx, caller, id, "tags_changed",
                     Json{{"tags", {{"from", before}, {"to", after}}}}));
    }
    return unseal(tx, row);
  });
}

Result<int64_t> CustomerService::bulk_tags(const Caller& caller, const std::vector<int64_t>& ids,
                                           const std::vector<std::string>& add,
                                           const std::vector<std::string>& remove) {
  if (ids.size() > kMaxBulk) {
    return invalid_input("validation.too_many", "At most 1000 customers at a time.",
                         "customer_ids");
  }
  CRM_TRY_ASSIGN(auto to_add, normalize_tags(add));
  CRM_TRY_ASSIGN(auto to_remove, normalize_tags(remove));
  return db_.transaction([&](storage::Connection& tx) -> Result<int64_t> {
    int64_t updated = 0;
    for (const int64_t id : std::set<int64_t>(ids.begin(), ids.end())) {
      auto row = load(tx, caller.actor, id, false);
      if (!row) {
        if (row.error().code == "customer.not_found") continue;
        return std::move(row).error();
      }
      Json added = Json::array(), removed = Json::array();
      for (const auto& tag : to_add) {
        CRM_TRY_ASSIGN(const bool changed, repository_.add_tag(tx, id, tag));
        if (changed) added.push_back(tag);
      }
      for (const auto& tag : to_remove) {
        CRM_TRY_ASSIGN(const bool changed, repository_.remove_tag(tx, id, tag));
        if (changed) removed.push_back(tag);
      }
      if (added.empty() && removed.empty()) continue;
      ++updated;
      CRM_TRY(record(tx, caller, id, "tags_changed",
                     Json{{"tags", {{"added", added}, {"removed", removed}}}}));
    }
    return updated;
  });
}

}  // namespace crm::customers
