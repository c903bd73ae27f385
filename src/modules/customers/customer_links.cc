// SPDX-License-Identifier: Apache-2.0
// CustomerService's calls for other modules (orders, analytics, interactions): visibility
// lookups, the customer of an incoming order, contact fields and the stage after a first payment.
#include "modules/customers/customer_service.h"

#include <algorithm>

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

Result<CustomerRef> CustomerService::find_or_create_for_order(storage::Connection& tx,
                                                              const Caller& caller,
                                                              const Json& person,
                                                              std::string_view source_channel) {
  const int64_t now = clock_.now_ms();
  CRM_TRY_ASSIGN(CustomerFields fields,
                 parse_fields(person, CustomerFields{}, true, merchant_date(now)));
  for (const auto& [column, value] : {std::pair{"phone", fields.phone}, {"email", fields.email}}) {
    if (!value) continue;
    const std::string sql = fmt::format(
        "SELECT id FROM customers WHERE {}_index = ? AND deleted_at_ms IS NULL", column);
    CRM_TRY_ASSIGN(auto row, tx.query_optional(sql, keyring_.blind_index(column, *value)));
    if (!row) continue;
    CRM_TRY_ASSIGN(auto found, repository_.find(tx, row->get_int(0)));
    if (found) return CustomerRef{found->id, found->number, found->fields.name, found->owner_id};
  }
  fields.source_channel = std::string(source_channel);
  fields.stage = "potential";
  CRM_TRY(check_duplicates(tx, fields, 0));
  StoredCustomer row;
  std::string day = merchant_date(now);
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  CRM_TRY_ASSIGN(row.number, repository_.next_number(tx, day));
  seal_into(row, CustomerFields{}, fields);
  fill_search_fields(row);
  row.owner_id = caller.actor.user_id;
  row.created_at_ms = row.updated_at_ms = now;
  row.created_by = row.updated_by = caller.actor.user_id;
  row.version = 1;
  CRM_TRY_ASSIGN(row.id, repository_.insert(tx, row));
  CRM_TRY(record(tx, caller, row.id, "created", diff_fields(CustomerFields{}, fields)));
  return CustomerRef{row.id, row.number, fields.name, row.owner_id};
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
  CRM_TRY_ASSIGN(auto row, repository_.find(tx, id));
  if (!row || row->fields.stage != "potential") return {};
  CRM_TRY(tx.execute("UPDATE customers SET stage = 'transacted', version = version + 1, "
                     "updated_at_ms = ? WHERE id = ? AND stage = 'potential'",
                     clock_.now_ms(), id));
  return record(tx, caller, id, "stage_changed",
                Json{{"stage", {{"from", "potential"}, {"to", "transacted"}}}});
}

}  // namespace crm::customers
