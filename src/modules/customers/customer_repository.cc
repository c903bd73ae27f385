// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_repository.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/customer_search.h"
#include "modules/customers/customer_search_count.h"
#include "modules/customers/pinyin.h"
#include "storage/storage_error.h"

namespace crm::customers {

StoredCustomer stored_customer_from_row(const storage::Row& r) {
  StoredCustomer c;
  c.id = r.get_int(0);
  c.number = r.get_string(1);
  c.fields.name = r.get_string(2);
  c.fields.gender = r.get_string(3);
  c.fields.birthday = r.get_optional_string(4);
  c.phone = {r.get_optional_string(5), r.get_optional_string(6)};
  c.email = {r.get_optional_string(7), r.get_optional_string(8)};
  c.id_number = {r.get_optional_string(9), r.get_optional_string(10)};
  c.fields.address.province = r.get_string(11);
  c.fields.address.city = r.get_string(12);
  c.fields.address.district = r.get_string(13);
  c.address_cipher = r.get_optional_string(14);
  c.fields.source_channel = r.get_string(15);
  c.fields.stage = r.get_string(16);
  c.owner_id = r.get_int(17);
  c.fields.hobbies = r.get_string(18);
  c.fields.notes = r.get_string(19);
  c.fields.consent = {r.get_bool(20), r.get_bool(21), r.get_bool(22)};
  c.version = r.get_int(23);
  c.created_at_ms = r.get_int(24);
  c.created_by = r.get_int(25);
  c.updated_at_ms = r.get_int(26);
  c.updated_by = r.get_int(27);
  c.deleted_at_ms = r.get_optional_int(28);
  c.deleted_by = r.get_optional_int(29);
  c.anonymised_at_ms = r.get_optional_int(30);
  return c;
}

namespace {

// name_pinyin / name_initials of `c`, derived from the name when the caller left them empty.
NamePinyin search_fields(const StoredCustomer& c) {
  if (!c.name_pinyin.empty()) return {c.name_pinyin, c.name_initials};
  return name_pinyin(c.fields.name);
}

Error map_conflict(Error error) {
  if (storage::is_unique_violation(error, "phone_index")) {
    return conflict("customer.phone_taken", "Another customer already has this phone number.",
                    "phone");
  }
  if (storage::is_unique_violation(error, "email_index")) {
    return conflict("customer.email_taken", "Another customer already has this email address.",
                    "email");
  }
  return error;
}

struct SortSpec {
  std::string_view key_column;
  bool descending;
  bool text_key;
};

SortSpec sort_spec(ListSort sort) {
  switch (sort) {
    case ListSort::kCreatedAsc: return {"created_at_ms", false, false};
    case ListSort::kName: return {"name_lower", false, true};
    case ListSort::kUpdatedDesc: return {"updated_at_ms", true, false};
    case ListSort::kDeletedDesc: return {"deleted_at_ms", true, false};
    case ListSort::kCreatedDesc: break;
  }
  return {"created_at_ms", true, false};
}

std::string sort_key(const StoredCustomer& c, ListSort sort) {
  switch (sort) {
    case ListSort::kName: return to_lower_ascii(c.fields.name);
    case ListSort::kUpdatedDesc: return std::to_string(c.updated_at_ms);
    case ListSort::kDeletedDesc: return std::to_string(c.deleted_at_ms.value_or(0));
    case ListSort::kCreatedAsc:
    case ListSort::kCreatedDesc: break;
  }
  return std::to_string(c.created_at_ms);
}

}  // namespace

Result<std::string> CustomerRepository::next_number(storage::Connection& tx,
                                                    std::string_view day) const {
  CRM_TRY_ASSIGN(const int64_t sequence, reserve_numbers(tx, day, 1));
  return number_of(day, sequence);
}

Result<int64_t> CustomerRepository::reserve_numbers(storage::Connection& tx, std::string_view day,
                                                   int64_t count) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO customer_number_counters (day, last_value) VALUES (?, ?) "
                              "ON CONFLICT (day) DO UPDATE SET last_value = "
                              "customer_number_counters.last_value + excluded.last_value "
                              "RETURNING last_value",
                              day, count));
  return row.get_int(0) - count + 1;
}

std::string CustomerRepository::number_of(std::string_view day, int64_t sequence) {
  return fmt::format("C{}{:06d}", day, sequence);
}

Result<int64_t> CustomerRepository::insert(storage::Connection& tx,
                                           const StoredCustomer& c) const {
  const CustomerFields& f = c.fields;
  const NamePinyin pinyin = search_fields(c);
  auto inserted = tx.query_one(
      "INSERT INTO customers (number, name, name_lower, name_pinyin, name_initials, gender, "
      "birthday, phone_cipher, "
      "phone_index, email_cipher, email_index, id_number_cipher, id_number_index, province, city, "
      "district, address_cipher, source_channel, stage, owner_id, hobbies, notes, consent_sms, "
      "consent_email, consent_phone, version, created_at_ms, created_by, updated_at_ms, "
      "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?) RETURNING id",
      c.number, f.name, to_lower_ascii(f.name), pinyin.full, pinyin.initials, f.gender,
      f.birthday, c.phone.cipher, c.phone.index, c.email.cipher, c.email.index, c.id_number.cipher, c.id_number.index,
      f.address.province, f.address.city, f.address.district, c.address_cipher, f.source_channel,
      f.stage, c.owner_id, f.hobbies, f.notes, f.consent.sms, f.consent.email, f.consent.phone,
      c.version, c.created_at_ms, c.created_by, c.updated_at_ms, c.updated_by);
  if (!inserted) return map_conflict(std::move(inserted).error());
  const int64_t id = inserted->get_int(0);
  CRM_TRY(write_name_grams(tx, id, to_lower_ascii(f.name)));
  return id;
}

Result<bool> CustomerRepository::update(storage::Connection& tx, const StoredCustomer& c) const {
  const CustomerFields& f = c.fields;
  const NamePinyin pinyin = search_fields(c);
  // The version check is in the WHERE clause so that of two concurrent writers only one wins.
  auto updated = tx.execute(
      "UPDATE customers SET name = ?, name_lower = ?, name_pinyin = ?, name_initials = ?, "
      "gender = ?, birthday = ?, phone_cipher = ?, "
      "phone_index = ?, email_cipher = ?, email_index = ?, id_number_cipher = ?, "
      "id_number_index = ?, province = ?, city = ?, district = ?, address_cipher = ?, "
      "source_channel = ?, stage = ?, owner_id = ?, hobbies = ?, notes = ?, consent_sms = ?, "
      "consent_email = ?, consent_phone = ?, version = ?, updated_at_ms = ?, updated_by = ? "
      "WHERE id = ? AND version = ? AND deleted_at_ms IS NULL",
      f.name, to_lower_ascii(f.name), pinyin.full, pinyin.initials, f.gender, f.birthday,
      c.phone.cipher, c.phone.index,
      c.email.cipher, c.email.index, c.id_number.cipher, c.id_number.index, f.address.province,
      f.address.city, f.address.district, c.address_cipher, f.source_channel, f.stage, c.owner_id,
      f.hobbies, f.notes, f.consent.sms, f.consent.email, f.consent.phone, c.version,
      c.updated_at_ms, c.updated_by, c.id, c.version - 1);
  if (!updated) return map_conflict(std::move(updated).error());
  if (*updated != 1) return false;
  CRM_TRY(write_name_grams(tx, c.id, to_lower_ascii(f.name)));
  return true;
}

Result<std::optional<StoredCustomer>> CustomerRepository::find(storage::Connection& db,
                                                               int64_t id) const {
  static const std::string sql =
      fmt::format("SELECT {} FROM customers WHERE id = ?", kStoredCustomerColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return std::optional<StoredCustomer>{};
  return std::optional<StoredCustomer>(stored_customer_from_row(*row));
}

Result<std::optional<std::string>> CustomerRepository::find_number_by_index(
    storage::Connection& db, std::string_view column, std::string_view index,
    int64_t except_id) const {
  const std::string_view sql = column == "phone_index"
      ? "SELECT number FROM customers WHERE phone_index = ? AND id <> ?"
      : "SELECT number FROM customers WHERE email_index = ? AND id <> ?";
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, index, except_id));
  if (!row) return std::optional<std::string>{};
  return std::optional<std::string>(row->get_string(0));
}

Result<void> CustomerRepository::mark_deleted(storage::Connection& tx, int64_t id, int64_t at_ms,
                                              int64_t by) const {
  CRM_TRY(tx.execute("UPDATE customers SET deleted_at_ms = ?, deleted_by = ?, version = version + 1, "
                     "updated_at_ms = ?, updated_by = ? WHERE id = ?",
                     at_ms, by, at_ms, by, id));
  return {};
}

Result<void> CustomerRepository::restore(storage::Connection& tx, int64_t id, int64_t at_ms,
                                         int64_t by) const {
  CRM_TRY(tx.execute("UPDATE customers SET deleted_at_ms = NULL, deleted_by = NULL, "
                     "version = version + 1, updated_at_ms = ?, updated_by = ? WHERE id = ? "
                     "AND merged_into IS NULL",  // a merged customer comes back by undo only
                     at_ms, by, id));
  return {};
}

Result<void> CustomerRepository::erase(storage::Connection& tx, int64_t id) const {
  CRM_TRY(tx.execute("DELETE FROM customer_tags WHERE customer_id = ?", id));
  CRM_TRY(tx.execute("DELETE FROM customer_category_members WHERE customer_id = ?", id));
  CRM_TRY(tx.execute("DELETE FROM customers WHERE id = ?", id));
  return {};
}

Result<Page<StoredCustomer>> CustomerRepository::list(storage::Connection& db,
                                                      const CustomerQuery& query) const {
  const CustomerFilter& f = query.filter;
  // A merged customer (merge_service.h) is deleted too (so never live) but belongs to neither list.
  std::string where =
      f.deleted ? "deleted_at_ms IS NOT NULL AND merged_into IS NULL" : "deleted_at_ms IS NULL";
  std::vector<storage::Value> params;
  auto add = [&](std::string_view condition, auto... values) {
    where += " AND ";
    where += condition;
    (params.push_back(storage::to_value(values)), ...);
  };
  // The exact total first (counters where they know it, see customer_search_count.h): a large
  // match set is better tested row by row along the sort index than read whole and sorted.
  CRM_TRY_ASSIGN(auto counted, counted_total(db, f));
  bool row_tests = false;
  if (counted) {
    CRM_TRY_ASSIGN(row_tests, prefer_row_tests(db, f, *counted));
  }
  // q alone: its page may come from indexes only (customer_search.h prefer_index_page); q's
  // condition is then in the page query's arms, not in `where`.
  bool index_page = false;
  if (counted && f.q && !f.tag && !f.category_id && !f.stage) {
    CRM_TRY_ASSIGN(index_page, prefer_index_page(db, *f.q, *counted, row_tests));
  } else if (counted && f.q && !f.tag && !f.category_id) {
    // With a stage (tested inside the indexes, migration 0012) the arms read every match of q
    // alone (~0.15 µs each): page this way when that costs less than walking the sort index
    // (~1 µs a row, live / total rows per match on the page).
    CustomerFilter q_only = f;
    q_only.stage.reset();
    CRM_TRY_ASSIGN(auto scanned, counted_total(db, q_only));
    bool cheaper = scanned.has_value();
    if (scanned && row_tests) {
      CustomerFilter scope;
      scope.scope_owner_id = f.scope_owner_id;
      scope.owner_id = f.owner_id;
      CRM_TRY_ASSIGN(auto live, counted_total(db, scope));
      cheaper = live && *scanned < (query.limit + 1) * *live / std::max<int64_t>(*counted, 1) * 6;
    }
    if (cheaper) {
      CRM_TRY_ASSIGN(index_page,
                     prefer_index_page(db, *f.q, *scanned, true, kIndexPageStageMax));
    }
  }
  if (f.scope_owner_id) add("owner_id = ?", *f.scope_owner_id);
  if (f.q && !index_page) {
    add_q_condition(db.dialect(), *f.q, where, params, row_tests ? QForm::kRowTest : QForm::kIdSet);
  }
  if (f.phone_index) add("phone_index = ?", *f.phone_index);
  if (f.email_index) add("email_index = ?", *f.email_index);
  if (f.number) add("number = ?", *f.number);
  if (f.category_id) {
    add(row_tests ? "EXISTS (SELECT 1 FROM customer_category_members m WHERE "
                    "m.customer_id = customers.id AND m.category_id = ?)"
                  : "id IN (SELECT customer_id FROM customer_category_members WHERE category_id = ?)",
        *f.category_id);
  }
  if (f.tag) {
    add(row_tests ? "EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = customers.id AND "
                    "t.tag = ?)"
                  : "id IN (SELECT customer_id FROM customer_tags WHERE tag = ?)",
        *f.tag);
  }
  if (f.stage) add("stage = ?", *f.stage);
  if (f.owner_id) add("owner_id = ?", *f.owner_id);
  if (f.created_from_ms) add("created_at_ms >= ?", *f.created_from_ms);
  if (f.created_to_ms) add("created_at_ms < ?", *f.created_to_ms);

  Page<StoredCustomer> page;
  if (counted) {
    page.total = *counted;
  } else {
    CRM_TRY_ASSIGN(auto count_rows,
                   db.query_values("SELECT COUNT(*) FROM customers WHERE " + where, params));
    page.total = count_rows.front().get_int(0);
  }

  const SortSpec sort = sort_spec(query.sort);
  if (query.after) {
    const auto cursor = parse_list_cursor(*query.after);
    if (!cursor) return invalid_input("customer.invalid_cursor", "after is not a valid cursor.", "after");
    const char* cmp = sort.descending ? "<" : ">";
    where += fmt::format(" AND ({0} {1} ? OR ({0} = ? AND id {1} ?))", sort.key_column, cmp);
    for (int i = 0; i < 2; ++i) {
      if (sort.text_key) {
        params.push_back(cursor->first);
      } else {
        const auto key = parse_int64(cursor->first);
        if (!key) return invalid_input("customer.invalid_cursor", "after is not a valid cursor.", "after");
        params.push_back(*key);
      }
    }
    params.push_back(cursor->second);
  }
  const char* direction = sort.descending ? "DESC" : "ASC";
  std::string sql =
      fmt::format("SELECT {} FROM customers WHERE {} ORDER BY {} {}, id {} LIMIT {}",
                  kStoredCustomerColumns, where, sort.key_column, direction, direction,
                  query.limit + 1);
  // A few thousand matches read whole: pick the page inside the sort-key index (migration 0007)
  // and read only its rows (customer_search_count.h).
  if (counted && !row_tests && (f.q || f.tag || f.category_id) &&
      db.dialect() == storage::Dialect::kSqlite) {
    sql = fmt::format("SELECT {0} FROM customers WHERE id IN (SELECT id FROM customers INDEXED BY "
                      "customers_sort_keys WHERE {1} ORDER BY {2} {3}, id {3} LIMIT {4}) "
                      "ORDER BY {2} {3}, id {3}",
                      kStoredCustomerColumns, where, sort.key_column, direction, query.limit + 1);
  }
  if (index_page) {
    std::vector<storage::Value> page_params;
    sql = fmt::format("SELECT {0} FROM customers WHERE id IN (SELECT id FROM ({1})) "
                      "ORDER BY {2} {3}, id {3}",
                      kStoredCustomerColumns,
                      index_page_ids(*f.q, where, params, sort.key_column, sort.descending,
                                     query.limit + 1, page_params),
                      sort.key_column, direction);
    params = std::move(page_params);
  }
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
  for (const auto& row : rows) page.items.push_back(stored_customer_from_row(row));
  if (page.items.size() > static_cast<size_t>(query.limit)) {
    page.items.pop_back();
    const StoredCustomer& last = page.items.back();
    page.next_after = list_cursor(sort_key(last, query.sort), last.id);
  }
  return page;
}

Result<std::vector<std::string>> CustomerRepository::tags(storage::Connection& db,
                                                          int64_t id) const {
  CRM_TRY_ASSIGN(auto rows, db.query("SELECT tag FROM customer_tags WHERE customer_id = ? "
                                     "ORDER BY tag", id));
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row.get_string(0));
  return out;
}

Result<void> CustomerRepository::set_tags(storage::Connection& tx, int64_t id,
                                          const std::vector<std::string>& tags) const {
  CRM_TRY(tx.execute("DELETE FROM customer_tags WHERE customer_id = ?", id));
  for (const auto& tag : tags) CRM_TRY(add_tag(tx, id, tag));
  return {};
}

Result<bool> CustomerRepository::add_tag(storage::Connection& tx, int64_t id,
                                         std::string_view tag) const {
  CRM_TRY_ASSIGN(const int64_t added,
                 tx.execute("INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?) "
                            "ON CONFLICT DO NOTHING", id, tag));
  return added > 0;
}

Result<bool> CustomerRepository::remove_tag(storage::Connection& tx, int64_t id,
                                            std::string_view tag) const {
  CRM_TRY_ASSIGN(const int64_t removed,
                 tx.execute("DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?", id, tag));
  return removed > 0;
}

Result<std::vector<CategoryRef>> CustomerRepository::categories(storage::Connection& db,
                                                                int64_t id) const {
  CRM_TRY_ASSIGN(auto rows,
                 db.query("SELECT c.id, c.name FROM customer_categories c "
                          "JOIN customer_category_members m ON m.category_id = c.id "
                          "WHERE m.customer_id = ? ORDER BY c.name, c.id", id));
  std::vector<CategoryRef> out;
  for (const auto& row : rows) out.push_back({row.get_int(0), row.get_string(1)});
  return out;
}

namespace {

// "?, ?, ?" for `n` values.
std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace

Result<std::map<int64_t, std::vector<std::string>>> CustomerRepository::tags_of(
    storage::Connection& db, const std::vector<int64_t>& ids) const {
  std::map<int64_t, std::vector<std::string>> out;
  if (ids.empty()) return out;
  const std::vector<storage::Value> params(ids.begin(), ids.end());
  CRM_TRY_ASSIGN(auto rows,
                 db.query_values(fmt::format("SELECT customer_id, tag FROM customer_tags WHERE "
                                             "customer_id IN ({}) ORDER BY customer_id, tag",
                                             placeholders(ids.size())),
                                 params));
  for (const auto& row : rows) out[row.get_int(0)].push_back(row.get_string(1));
  return out;
}

Result<std::map<int64_t, std::vector<CategoryRef>>> CustomerRepository::categories_of(
    storage::Connection& db, const std::vector<int64_t>& ids) const {
  std::map<int64_t, std::vector<CategoryRef>> out;
  if (ids.empty()) return out;
  const std::vector<storage::Value> params(ids.begin(), ids.end());
  CRM_TRY_ASSIGN(auto rows,
                 db.query_values(fmt::format("SELECT m.customer_id, c.id, c.name FROM "
                                             "customer_categories c JOIN customer_category_members "
                                             "m ON m.category_id = c.id WHERE m.customer_id IN "
                                             "({}) ORDER BY m.customer_id, c.name, c.id",
                                             placeholders(ids.size())),
                                 params));
  for (const auto& row : rows) {
    out[row.get_int(0)].push_back({row.get_int(1), row.get_string(2)});
  }
  return out;
}

Result<void> CustomerRepository::add_history(storage::Connection& tx, int64_t customer_id,
                                             const HistoryEntry& e) const {
  CRM_TRY(tx.execute("INSERT INTO customer_history (customer_id, at_ms, actor_id, actor_name, "
                     "action, changes) VALUES (?, ?, ?, ?, ?, ?)",
                     customer_id, e.at_ms, e.actor_id, e.actor_name, e.action, e.changes));
  return {};
}

Result<std::vector<HistoryEntry>> CustomerRepository::history(storage::Connection& db,
                                                              int64_t customer_id) const {
  CRM_TRY_ASSIGN(auto rows,
                 db.query("SELECT at_ms, actor_id, actor_name, action, changes FROM "
                          "customer_history WHERE customer_id = ? ORDER BY id DESC", customer_id));
  std::vector<HistoryEntry> out;
  for (const auto& r : rows) {
    out.push_back({r.get_int(0), r.get_optional_int(1), r.get_string(2), r.get_string(3),
                   r.get_string(4)});
  }
  return out;
}

}  // namespace crm::customers
