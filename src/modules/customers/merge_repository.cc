// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/merge_repository.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_repository.h"
#include "storage/storage_error.h"

namespace crm::customers {

namespace {

// The customer repository's columns, then merged_into.
const std::string kColumns = fmt::format("{}, merged_into", kStoredCustomerColumns);

constexpr std::string_view kMergeColumns =
    "id, survivor_id, merged_id, survivor_number, merged_number, merged_at_ms, merged_by, "
    "undone_at_ms, undone_by, survivor_before, merged_before, survivor_version, moved";

// Ids per IN (…) list: far below both drivers' parameter limits.
constexpr size_t kIdsPerQuery = 500;

MergeSubject subject_from_row(const storage::Row& r) {
  MergeSubject s;
  s.row = stored_customer_from_row(r);
  s.merged_into = r.get_optional_int(kStoredCustomerColumnCount);
  return s;
}

Result<Json> json_column(const storage::Row& r, size_t i) {
  CRM_TRY_ASSIGN(Json value, parse_json(r.get_string(i)));
  return value;
}

Result<MergeRecord> merge_from_row(const storage::Row& r) {
  MergeRecord m;
  m.id = r.get_int(0);
  m.survivor_id = r.get_int(1);
  m.merged_id = r.get_int(2);
  m.survivor_number = r.get_string(3);
  m.merged_number = r.get_string(4);
  m.merged_at_ms = r.get_int(5);
  m.merged_by = r.get_int(6);
  m.undone_at_ms = r.get_optional_int(7);
  m.undone_by = r.get_optional_int(8);
  CRM_TRY_ASSIGN(m.survivor_before, json_column(r, 9));
  CRM_TRY_ASSIGN(m.merged_before, json_column(r, 10));
  m.survivor_version = r.get_int(11);
  CRM_TRY_ASSIGN(m.moved, json_column(r, 12));
  return m;
}

std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

Json optional_json(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

std::optional<std::string> optional_text(const Json& json, const char* key) {
  if (!json.contains(key) || json.at(key).is_null()) return std::nullopt;
  return json.at(key).get<std::string>();
}

}  // namespace

Json stored_to_json(const StoredCustomer& c) {
  const CustomerFields& f = c.fields;
  return {{"id", c.id},
          {"number", c.number},
          {"name", f.name},
          {"gender", f.gender},
          {"birthday", optional_json(f.birthday)},
          {"phone_cipher", optional_json(c.phone.cipher)},
          {"phone_index", optional_json(c.phone.index)},
          {"email_cipher", optional_json(c.email.cipher)},
          {"email_index", optional_json(c.email.index)},
          {"id_number_cipher", optional_json(c.id_number.cipher)},
          {"id_number_index", optional_json(c.id_number.index)},
          {"province", f.address.province},
          {"city", f.address.city},
          {"district", f.address.district},
          {"address_cipher", optional_json(c.address_cipher)},
          {"source_channel", f.source_channel},
          {"stage", f.stage},
          {"owner_id", c.owner_id},
          {"hobbies", f.hobbies},
          {"notes", f.notes},
          {"consent", {{"sms", f.consent.sms}, {"email", f.consent.email},
                       {"phone", f.consent.phone}}},
          {"version", c.version},
          {"created_at_ms", c.created_at_ms},
          {"created_by", c.created_by},
          {"updated_at_ms", c.updated_at_ms},
          {"updated_by", c.updated_by}};
}

Result<StoredCustomer> stored_from_json(const Json& j) {
  // Written by stored_to_json in the same transaction as the merge; a malformed snapshot means
  // the database was edited by hand.
  try {
    StoredCustomer c;
    CustomerFields& f = c.fields;
    c.id = j.at("id").get<int64_t>();
    c.number = j.at("number").get<std::string>();
    f.name = j.at("name").get<std::string>();
    f.gender = j.at("gender").get<std::string>();
    f.birthday = optional_text(j, "birthday");
    c.phone = {optional_text(j, "phone_cipher"), optional_text(j, "phone_index")};
    c.email = {optional_text(j, "email_cipher"), optional_text(j, "email_index")};
    c.id_number = {optional_text(j, "id_number_cipher"), optional_text(j, "id_number_index")};
    f.address.province = j.at("province").get<std::string>();
    f.address.city = j.at("city").get<std::string>();
    f.address.district = j.at("district").get<std::string>();
    c.address_cipher = optional_text(j, "address_cipher");
    f.source_channel = j.at("source_channel").get<std::string>();
    f.stage = j.at("stage").get<std::string>();
    c.owner_id = j.at("owner_id").get<int64_t>();
    f.hobbies = j.at("hobbies").get<std::string>();
    f.notes = j.at("notes").get<std::string>();
    const Json& consent = j.at("consent");
    f.consent = {consent.at("sms").get<bool>(), consent.at("email").get<bool>(),
                 consent.at("phone").get<bool>()};
    c.version = j.at("version").get<int64_t>();
    c.created_at_ms = j.at("created_at_ms").get<int64_t>();
    c.created_by = j.at("created_by").get<int64_t>();
    c.updated_at_ms = j.at("updated_at_ms").get<int64_t>();
    c.updated_by = j.at("updated_by").get<int64_t>();
    return c;
  } catch (const Json::exception& e) {
    return Error{ErrorKind::kInternal, "merge.snapshot_invalid",
                 "The merge record cannot be read.", {}, e.what()};
  }
}

Result<std::map<int64_t, MergeSubject>> MergeRepository::load(
    storage::Connection& db, const std::vector<int64_t>& ids) const {
  std::map<int64_t, MergeSubject> out;
  for (size_t start = 0; start < ids.size(); start += kIdsPerQuery) {
    const size_t n = std::min(kIdsPerQuery, ids.size() - start);
    const std::vector<storage::Value> params(ids.begin() + static_cast<ptrdiff_t>(start),
                                             ids.begin() + static_cast<ptrdiff_t>(start + n));
    const std::string in = placeholders(n);
    CRM_TRY_ASSIGN(auto rows,
                   db.query_values(fmt::format("SELECT {} FROM customers WHERE id IN ({})",
                                               kColumns, in), params));
    for (const auto& row : rows) {
      MergeSubject subject = subject_from_row(row);
      out.emplace(subject.row.id, std::move(subject));
    }
    CRM_TRY_ASSIGN(auto tags, db.query_values(fmt::format("SELECT customer_id, tag FROM "
                                                          "customer_tags WHERE customer_id IN "
                                                          "({}) ORDER BY customer_id, tag", in),
                                              params));
    for (const auto& row : tags) out[row.get_int(0)].tags.push_back(row.get_string(1));
    CRM_TRY_ASSIGN(auto members,
                   db.query_values(fmt::format("SELECT customer_id, category_id FROM "
                                               "customer_category_members WHERE customer_id IN "
                                               "({}) ORDER BY customer_id, category_id", in),
                                   params));
    for (const auto& row : members) out[row.get_int(0)].category_ids.push_back(row.get_int(1));
  }
  return out;
}

Result<bool> MergeRepository::write(storage::Connection& tx, const StoredCustomer& c,
                                    std::optional<int64_t> merged_into,
                                    int64_t expected_version) const {
  const CustomerFields& f = c.fields;
  auto updated = tx.execute(
      "UPDATE customers SET name = ?, name_lower = ?, gender = ?, birthday = ?, phone_cipher = ?, "
      "phone_index = ?, email_cipher = ?, email_index = ?, id_number_cipher = ?, "
      "id_number_index = ?, province = ?, city = ?, district = ?, address_cipher = ?, "
      "source_channel = ?, stage = ?, owner_id = ?, hobbies = ?, notes = ?, consent_sms = ?, "
      "consent_email = ?, consent_phone = ?, version = ?, updated_at_ms = ?, updated_by = ?, "
      "deleted_at_ms = ?, deleted_by = ?, merged_into = ? WHERE id = ? AND version = ?",
      f.name, to_lower_ascii(f.name), f.gender, f.birthday, c.phone.cipher, c.phone.index,
      c.email.cipher, c.email.index, c.id_number.cipher, c.id_number.index, f.address.province,
      f.address.city, f.address.district, c.address_cipher, f.source_channel, f.stage, c.owner_id,
      f.hobbies, f.notes, f.consent.sms, f.consent.email, f.consent.phone, c.version,
      c.updated_at_ms, c.updated_by, c.deleted_at_ms, c.deleted_by, merged_into, c.id,
      expected_version);
  if (!updated) {
    Error error = std::move(updated).error();
    if (storage::is_unique_violation(error, "phone_index")) {
      return conflict("customer.phone_taken", "Another customer now has this phone number.",
                      "phone");
    }
    if (storage::is_unique_violation(error, "email_index")) {
      return conflict("customer.email_taken", "Another customer now has this email address.",
                      "email");
    }
    return error;
  }
  return *updated == 1;
}

Result<void> MergeRepository::move_tags_and_categories(storage::Connection& tx, int64_t from,
                                                       int64_t to) const {
  CRM_TRY(tx.execute("INSERT INTO customer_tags (customer_id, tag) SELECT ?, tag FROM "
                     "customer_tags WHERE customer_id = ? ON CONFLICT DO NOTHING", to, from));
  CRM_TRY(tx.execute("DELETE FROM customer_tags WHERE customer_id = ?", from));
  CRM_TRY(tx.execute("INSERT INTO customer_category_members (category_id, customer_id) "
                     "SELECT category_id, ? FROM customer_category_members WHERE customer_id = ? "
                     "ON CONFLICT DO NOTHING", to, from));
  CRM_TRY(tx.execute("DELETE FROM customer_category_members WHERE customer_id = ?", from));
  return {};
}

Result<void> MergeRepository::set_tags_and_categories(
    storage::Connection& tx, int64_t id, const std::vector<std::string>& tags,
    const std::vector<int64_t>& category_ids) const {
  CRM_TRY(tx.execute("DELETE FROM customer_tags WHERE customer_id = ?", id));
  for (const auto& tag : tags) {
    CRM_TRY(tx.execute("INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)", id, tag));
  }
  CRM_TRY(tx.execute("DELETE FROM customer_category_members WHERE customer_id = ?", id));
  for (const int64_t category : category_ids) {
    // A category deleted since the merge is skipped rather than failing the undo.
    CRM_TRY(tx.execute("INSERT INTO customer_category_members (category_id, customer_id) "
                       "SELECT id, ? FROM customer_categories WHERE id = ?", id, category));
  }
  return {};
}

Result<int64_t> MergeRepository::insert(storage::Connection& tx, const MergeRecord& m) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO customer_merges (survivor_id, merged_id, "
                              "survivor_number, merged_number, merged_at_ms, merged_by, "
                              "survivor_before, merged_before, survivor_version, moved) VALUES "
                              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              m.survivor_id, m.merged_id, m.survivor_number, m.merged_number,
                              m.merged_at_ms, m.merged_by, dump_json(m.survivor_before),
                              dump_json(m.merged_before), m.survivor_version,
                              dump_json(m.moved)));
  return row.get_int(0);
}

Result<std::optional<MergeRecord>> MergeRepository::find(storage::Connection& db,
                                                         int64_t id) const {
  static const std::string sql =
      fmt::format("SELECT {} FROM customer_merges WHERE id = ?", kMergeColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return std::optional<MergeRecord>{};
  CRM_TRY_ASSIGN(MergeRecord merge, merge_from_row(*row));
  return std::optional<MergeRecord>(std::move(merge));
}

Result<Page<MergeRecord>> MergeRepository::list(storage::Connection& db,
                                                std::optional<int64_t> customer_id,
                                                std::optional<int64_t> scope_owner_id, int limit,
                                                std::optional<int64_t> after_id) const {
  std::string where = "1 = 1";
  std::vector<storage::Value> params;
  if (customer_id) {
    where += " AND (survivor_id = ? OR merged_id = ?)";
    params.insert(params.end(), {*customer_id, *customer_id});
  }
  if (scope_owner_id) {
    where += " AND survivor_id IN (SELECT id FROM customers WHERE owner_id = ?)";
    params.push_back(*scope_owner_id);
  }
  Page<MergeRecord> page;
  CRM_TRY_ASSIGN(auto count,
                 db.query_values("SELECT COUNT(*) FROM customer_merges WHERE " + where, params));
  page.total = count.front().get_int(0);
  if (after_id) {
    where += " AND id < ?";
    params.push_back(*after_id);
  }
  CRM_TRY_ASSIGN(auto rows,
                 db.query_values(fmt::format("SELECT {} FROM customer_merges WHERE {} ORDER BY "
                                             "id DESC LIMIT {}", kMergeColumns, where, limit + 1),
                                 params));
  for (const auto& row : rows) {
    CRM_TRY_ASSIGN(MergeRecord merge, merge_from_row(row));
    page.items.push_back(std::move(merge));
  }
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.pop_back();
    page.next_after = std::to_string(page.items.back().id);
  }
  return page;
}

Result<void> MergeRepository::mark_undone(storage::Connection& tx, int64_t id, int64_t at_ms,
                                          int64_t by) const {
  CRM_TRY(tx.execute("UPDATE customer_merges SET undone_at_ms = ?, undone_by = ? WHERE id = ?",
                     at_ms, by, id));
  return {};
}

Result<void> MergeRepository::resolve_candidate(storage::Connection& tx, int64_t x, int64_t y,
                                                std::string_view from, std::string_view to,
                                                std::optional<int64_t> at_ms,
                                                std::optional<int64_t> by) const {
  CRM_TRY(tx.execute("UPDATE customer_duplicate_candidates SET status = ?, resolved_at_ms = ?, "
                     "resolved_by = ? WHERE customer_a = ? AND customer_b = ? AND status = ?",
                     to, at_ms, by, std::min(x, y), std::max(x, y), from));
  return {};
}

}  // namespace crm::customers
