// SPDX-License-Identifier: Apache-2.0
// CustomerService's calls for other modules (orders, analytics, interactions): visibility
// lookups, the customer of an incoming order, contact fields and the stage after a first payment.
#include "modules/customers/customer_service.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/customer_search.h"

namespace crm::customers {

Result<CustomerRef> CustomerService::get_visible(const http::Actor& actor, int64_t id) {
  return db_.read([&](storage::Connection& db) -> Result<CustomerRef> {
    CRM_TRY_ASSIGN(auto row, load(db, actor, id, false));
    return CustomerRef{row.id, row.number, row.fields.name, row.owner_id};
  });
}

Result<std::vector<int64_t>> CustomerService::visible_ids_by_name_prefix(
    const http::Actor& actor, std::string_view prefix, int limit) {
  if (limit < 1 || limit > 1000) {
    return invalid_input("customer.invalid_limit", "limit must be from 1 to 1000.", "limit");
  }
  std::string pattern;
  for (const char c : to_lower_ascii(prefix)) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return db_.read([&](storage::Connection& db) -> Result<std::vector<int64_t>> {
    const auto owner = scope_owner(actor);
    std::string sql =
        "SELECT id FROM customers WHERE deleted_at_ms IS NULL AND name_lower LIKE ? ESCAPE '\\'";
    if (owner) sql += " AND owner_id = ?";
    sql += fmt::format(" ORDER BY id LIMIT {}", limit);
    std::vector<storage::Value> params{pattern};
    if (owner) params.push_back(*owner);
    CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
    std::vector<int64_t> ids;
    for (const auto& row : rows) ids.push_back(row.get_int(0));
    return ids;
  });
}

namespace {

// A stored customer holding a blind index: its ref, and whether it is in the recycle bin.
struct IndexHolder {
  CustomerRef ref;
  bool deleted = false;
};

// The customers holding any of `indexes` in `column` ("phone_index" / "email_index"), 500 per
// query (always 500 placeholders, the last index repeated, so the statement is prepared once).
Result<std::map<std::string, IndexHolder, std::less<>>> holders_of(
    storage::Connection& tx, std::string_view column, const std::vector<std::string>& indexes) {
  constexpr size_t kPerQuery = 500;
  std::map<std::string, IndexHolder, std::less<>> out;
  if (indexes.empty()) return out;
  std::string sql = fmt::format(
      "SELECT {0}, id, number, name, owner_id, deleted_at_ms FROM customers WHERE {0} IN (?",
      column);
  for (size_t i = 1; i < kPerQuery; ++i) sql += ", ?";
  sql += ")";
  std::vector<storage::Value> params;
  for (size_t from = 0; from < indexes.size(); from += kPerQuery) {
    params.clear();
    for (size_t i = 0; i < kPerQuery; ++i) {
      params.emplace_back(indexes[std::min(from + i, indexes.size() - 1)]);
    }
    CRM_TRY_ASSIGN(auto rows, tx.query_values(sql, params));
    for (const auto& row : rows) {
      out[row.get_string(0)] = IndexHolder{
          CustomerRef{row.get_int(1), row.get_string(2), row.get_string(3), row.get_int(4)},
          row.get_optional_int(5).has_value()};
    }
  }
  return out;
}

}  // namespace

Result<std::vector<Result<CustomerRef>>> CustomerService::find_or_create_for_orders(
    storage::Connection& tx, const Caller& caller, const std::vector<OrderPerson>& persons) {
  const int64_t now = clock_.now_ms();
  const std::string today = merchant_date(now);
  // Every person validated and blind-indexed first, then one lookup per 500 indexes.
  struct Wanted {
    std::optional<CustomerFields> fields;  // nullopt: `error` set
    std::optional<std::string> phone_index, email_index;
    std::optional<Error> error;
    size_t created = 0;  // index into `fresh` + 1 when this person creates a customer
    std::optional<CustomerRef> found;
  };
  std::vector<Wanted> wanted(persons.size());
  std::vector<std::string> phones, emails;
  for (size_t i = 0; i < persons.size(); ++i) {
    auto fields = parse_fields(*persons[i].person, CustomerFields{}, true, today);
    if (!fields) {
      wanted[i].error = std::move(fields).error();
      continue;
    }
    if (fields->phone) {
      wanted[i].phone_index = keyring_.blind_index("phone", *fields->phone);
      phones.push_back(*wanted[i].phone_index);
    }
    if (fields->email) {
      wanted[i].email_index = keyring_.blind_index("email", *fields->email);
      emails.push_back(*wanted[i].email_index);
    }
    wanted[i].fields = std::move(fields).value();
  }
  CRM_TRY_ASSIGN(auto phone_holders, holders_of(tx, "phone_index", phones));
  CRM_TRY_ASSIGN(auto email_holders, holders_of(tx, "email_index", emails));

  // In turn, as find_or_create_for_order: a live holder of the phone, else of the email; a
  // deleted holder is phone_taken / email_taken; otherwise a new customer, which later persons
  // with its phone or email then match.
  std::vector<size_t> fresh;  // persons creating a customer, in order
  std::map<std::string, size_t, std::less<>> created_phones, created_emails;  // -> fresh index
  for (size_t i = 0; i < persons.size(); ++i) {
    Wanted& w = wanted[i];
    if (w.error) continue;
    auto live = [&](const std::optional<std::string>& index, const auto& holders,
                    const auto& created) -> bool {
      if (!index) return false;
      if (auto made = created.find(*index); made != created.end()) {
        w.created = made->second + 1;
        return true;
      }
      auto held = holders.find(*index);
      if (held == holders.end() || held->second.deleted) return false;
      w.found = held->second.ref;
      return true;
    };
    if (live(w.phone_index, phone_holders, created_phones) ||
        live(w.email_index, email_holders, created_emails)) {
      continue;
    }
    // A holder left but not live is in the recycle bin: its phone or email stays taken.
    auto taken = [&](const std::optional<std::string>& index, const auto& holders,
                     std::string_view field) -> bool {
      if (!index) return false;
      auto held = holders.find(*index);
      if (held == holders.end()) return false;
      w.error = contact_taken(field, held->second.ref.number);
      return true;
    };
    if (taken(w.phone_index, phone_holders, "phone") ||
        taken(w.email_index, email_holders, "email")) {
      continue;
    }
    fresh.push_back(i);
    w.created = fresh.size();
    if (w.phone_index) created_phones.emplace(*w.phone_index, fresh.size() - 1);
    if (w.email_index) created_emails.emplace(*w.email_index, fresh.size() - 1);
  }

  std::vector<CustomerRef> made;
  made.reserve(fresh.size());
  if (!fresh.empty()) {
    std::string day = today;
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    CRM_TRY_ASSIGN(int64_t sequence,
                   repository_.reserve_numbers(tx, day, static_cast<int64_t>(fresh.size())));
    for (const size_t i : fresh) {
      CustomerFields& fields = *wanted[i].fields;
      fields.source_channel = std::string(persons[i].source_channel);
      fields.stage = "potential";
      StoredCustomer row;
      row.number = CustomerRepository::number_of(day, sequence++);
      seal_into(row, CustomerFields{}, fields);
      fill_search_fields(row);
      row.owner_id = caller.actor.user_id;
      row.created_at_ms = row.updated_at_ms = now;
      row.created_by = row.updated_by = caller.actor.user_id;
      row.version = 1;
      CRM_TRY_ASSIGN(row.id, repository_.insert(tx, row));
      CRM_TRY(record(tx, caller, row.id, "created", diff_fields(CustomerFields{}, fields)));
      made.push_back(CustomerRef{row.id, row.number, fields.name, row.owner_id});
    }
  }
  std::vector<Result<CustomerRef>> out;
  out.reserve(persons.size());
  for (Wanted& w : wanted) {
    if (w.error) {
      out.emplace_back(std::move(*w.error));
    } else if (w.found) {
      out.emplace_back(std::move(*w.found));
    } else {
      out.emplace_back(made[w.created - 1]);
    }
  }
  return out;
}

Result<CustomerRef> CustomerService::find_or_create_for_order(storage::Connection& tx,
                                                              const Caller& caller,
                                                              const Json& person,
                                                              std::string_view source_channel) {
  CRM_TRY_ASSIGN(auto results, find_or_create_for_orders(tx, caller, {{&person, source_channel}}));
  return std::move(results.front());
}

Result<CustomerRef> CustomerService::get_visible_in(storage::Connection& db,
                                                    const http::Actor& actor, int64_t id) const {
  CRM_TRY_ASSIGN(auto row, load(db, actor, id, false));
  return CustomerRef{row.id, row.number, row.fields.name, row.owner_id};
}

Result<CustomerFields> CustomerService::contact_fields(storage::Connection& db, int64_t id) const {
  CRM_TRY_ASSIGN(auto row, repository_.find(db, id));
  if (!row) return customer_not_found();
  CRM_TRY_ASSIGN(Customer customer, open_row(*row));
  return customer.fields;
}

Result<void> CustomerService::mark_transacted(storage::Connection& tx, const Caller& caller,
                                              int64_t id) const {
  return mark_transacted_many(tx, caller, {id});
}

Result<void> CustomerService::mark_transacted_many(storage::Connection& tx, const Caller& caller,
                                                   const std::vector<int64_t>& ids) const {
  constexpr size_t kPerQuery = 500;
  // Always kPerQuery placeholders (the last id repeated), so each statement is prepared once.
  static const std::string in_list = [] {
    std::string text = "(?";
    for (size_t i = 1; i < kPerQuery; ++i) text += ", ?";
    return text + ")";
  }();
  static const std::string select_sql =
      "SELECT id FROM customers WHERE stage = 'potential' AND id IN " + in_list + " ORDER BY id";
  static const std::string update_sql =
      "UPDATE customers SET stage = 'transacted', version = version + 1, updated_at_ms = ? "
      "WHERE stage = 'potential' AND id IN " + in_list;
  const Json changes{{"stage", {{"from", "potential"}, {"to", "transacted"}}}};
  std::vector<storage::Value> params;
  for (size_t from = 0; from < ids.size(); from += kPerQuery) {
    params.clear();
    for (size_t i = 0; i < kPerQuery; ++i) {
      params.emplace_back(ids[std::min(from + i, ids.size() - 1)]);
    }
    CRM_TRY_ASSIGN(auto rows, tx.query_values(select_sql, params));
    if (rows.empty()) continue;
    params.insert(params.begin(), storage::Value(clock_.now_ms()));
    CRM_TRY(tx.execute_values(update_sql, params));
    for (const auto& row : rows) {
      CRM_TRY(record(tx, caller, row.get_int(0), "stage_changed", changes));
    }
  }
  return {};
}

}  // namespace crm::customers
