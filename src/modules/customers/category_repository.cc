// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/category_repository.h"

#include "core/text.h"
#include "storage/storage_error.h"

namespace crm::customers {

namespace {

constexpr std::string_view kSelect =
    "SELECT c.id, c.name, c.description, c.created_at_ms, c.updated_at_ms, "
    "(SELECT COUNT(*) FROM customer_category_members m WHERE m.category_id = c.id) "
    "AS customer_count FROM customer_categories c ";

Category from_row(const storage::Row& r) {
  return Category{r.get_int(0), r.get_string(1), r.get_string(2), r.get_int(5), r.get_int(3),
                  r.get_int(4)};
}

Error map_conflict(Error error) {
  if (storage::is_unique_violation(error)) {
    return conflict("category.name_taken", "A category with this name already exists.", "name");
  }
  return error;
}

}  // namespace

Result<std::vector<Category>> CategoryRepository::list(storage::Connection& db,
                                                       const std::optional<std::string>& q,
                                                       CategorySort sort) const {
  std::string sql(kSelect);
  std::vector<storage::Value> params;
  if (q) {
    std::string pattern = "%";
    for (const char c : *q) {
      if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
      pattern.push_back(c);
    }
    pattern.push_back('%');
    sql += "WHERE c.name LIKE ? ESCAPE '\\' OR c.description LIKE ? ESCAPE '\\' ";
    params.push_back(pattern);
    params.push_back(pattern);
  }
  switch (sort) {
    case CategorySort::kName: sql += "ORDER BY c.name, c.id"; break;
    case CategorySort::kCreatedDesc: sql += "ORDER BY c.created_at_ms DESC, c.id DESC"; break;
    case CategorySort::kCustomerCount: sql += "ORDER BY customer_count DESC, c.name, c.id"; break;
  }
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
  std::vector<Category> out;
  for (const auto& row : rows) out.push_back(from_row(row));
  return out;
}

Result<std::optional<Category>> CategoryRepository::find(storage::Connection& db,
                                                         int64_t id) const {
  static const std::string sql = std::string(kSelect) + "WHERE c.id = ?";
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return std::optional<Category>{};
  return std::optional<Category>(from_row(*row));
}

Result<int64_t> CategoryRepository::insert(storage::Connection& tx, const Category& c) const {
  auto row = tx.query_one("INSERT INTO customer_categories (name, description, created_at_ms, "
                          "updated_at_ms) VALUES (?, ?, ?, ?) RETURNING id",
                          c.name, c.description, c.created_at_ms, c.updated_at_ms);
  if (!row) return map_conflict(std::move(row).error());
  return row->get_int(0);
}

Result<void> CategoryRepository::update(storage::Connection& tx, const Category& c) const {
  auto updated = tx.execute("UPDATE customer_categories SET name = ?, description = ?, "
                            "updated_at_ms = ? WHERE id = ?",
                            c.name, c.description, c.updated_at_ms, c.id);
  if (!updated) return map_conflict(std::move(updated).error());
  return {};
}

Result<void> CategoryRepository::remove(storage::Connection& tx, int64_t id) const {
  CRM_TRY(tx.execute("DELETE FROM customer_categories WHERE id = ?", id));
  return {};
}

Result<bool> CategoryRepository::add_member(storage::Connection& tx, int64_t category_id,
                                            int64_t customer_id) const {
  CRM_TRY_ASSIGN(const int64_t added,
                 tx.execute("INSERT INTO customer_category_members (category_id, customer_id) "
                            "VALUES (?, ?) ON CONFLICT DO NOTHING", category_id, customer_id));
  return added > 0;
}

Result<bool> CategoryRepository::remove_member(storage::Connection& tx, int64_t category_id,
                                               int64_t customer_id) const {
  CRM_TRY_ASSIGN(const int64_t removed,
                 tx.execute("DELETE FROM customer_category_members WHERE category_id = ? AND "
                            "customer_id = ?", category_id, customer_id));
  return removed > 0;
}

}  // namespace crm::customers
