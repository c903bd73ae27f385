// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/product_category_service.h"

#include <string>

#include "storage/storage_error.h"

namespace crm::orders {

namespace {

constexpr std::string_view kSelect =
    "SELECT c.id, c.name, c.description, c.sort_order, c.created_at_ms, c.updated_at_ms, "
    "(SELECT COUNT(*) FROM products p WHERE p.category_id = c.id) FROM product_categories c ";

ProductCategory from_row(const storage::Row& r) {
  return ProductCategory{r.get_int(0), r.get_string(1), r.get_string(2), r.get_int(3),
                         r.get_int(6), r.get_int(4),    r.get_int(5)};
}

Error map_conflict(Error error) {
  if (storage::is_unique_violation(error)) {
    return conflict("product_category.name_taken", "A product category with this name exists.",
                    "name");
  }
  return error;
}

// Applies name / description / sort_order from `body` onto `category`.
Result<void> apply(const Json& body, ProductCategory& category, bool creating) {
  if (creating || body.contains("name")) {
    CRM_TRY_ASSIGN(auto name, text_field(body, "name", 32, true));
    category.name = std::move(*name);
  }
  CRM_TRY_ASSIGN(auto description, text_field(body, "description", 200, false));
  if (description) category.description = std::move(*description);
  CRM_TRY_ASSIGN(auto sort_order, int_field(body, "sort_order", 0));
  if (sort_order) category.sort_order = *sort_order;
  return {};
}

}  // namespace

Result<bool> ProductCategoryService::exists(storage::Connection& db, int64_t id) {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT 1 FROM product_categories WHERE id = ?", id));
  return row.has_value();
}

Result<ProductCategory> ProductCategoryService::load(storage::Connection& db, int64_t id) const {
  static const std::string sql = std::string(kSelect) + "WHERE c.id = ?";
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return not_found("product_category.not_found", "The product category does not exist.");
  return from_row(*row);
}

Result<std::vector<ProductCategory>> ProductCategoryService::list() {
  return db_.read([&](storage::Connection& db) -> Result<std::vector<ProductCategory>> {
    static const std::string sql = std::string(kSelect) + "ORDER BY c.sort_order, c.name, c.id";
    CRM_TRY_ASSIGN(auto rows, db.query(sql));
    std::vector<ProductCategory> out;
    for (const auto& row : rows) out.push_back(from_row(row));
    return out;
  });
}

Result<ProductCategory> ProductCategoryService::create(const Caller& caller, const Json& body) {
  ProductCategory category;
  CRM_TRY(apply(body, category, true));
  category.created_at_ms = category.updated_at_ms = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<ProductCategory> {
    auto row = tx.query_one("INSERT INTO product_categories (name, description, sort_order, "
                            "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?) RETURNING id",
                            category.name, category.description, category.sort_order,
                            category.created_at_ms, category.updated_at_ms);
    if (!row) return map_conflict(std::move(row).error());
    category.id = row->get_int(0);
    CRM_TRY(record_audit(audit_, tx, caller, "product_category.created", "product_category",
                         std::to_string(category.id),
                         {{"name", change(nullptr, category.name)},
                          {"description", change(nullptr, category.description)},
                          {"sort_order", change(nullptr, category.sort_order)}}));
    return category;
  });
}

Result<ProductCategory> ProductCategoryService::update(const Caller& caller, int64_t id,
                                                       const Json& body) {
  return db_.transaction([&](storage::Connection& tx) -> Result<ProductCategory> {
    CRM_TRY_ASSIGN(ProductCategory category, load(tx, id));
    const ProductCategory before = category;
    CRM_TRY(apply(body, category, false));
    Json changes = Json::object();
    if (before.name != category.name) changes["name"] = change(before.name, category.name);
    if (before.description != category.description) {
      changes["description"] = change(before.description, category.description);
    }
    if (before.sort_order != category.sort_order) {
      changes["sort_order"] = change(before.sort_order, category.sort_order);
    }
    if (changes.empty()) return category;
    category.updated_at_ms = clock_.now_ms();
    auto updated = tx.execute("UPDATE product_categories SET name = ?, description = ?, "
                              "sort_order = ?, updated_at_ms = ? WHERE id = ?",
                              category.name, category.description, category.sort_order,
                              category.updated_at_ms, id);
    if (!updated) return map_conflict(std::move(updated).error());
    CRM_TRY(record_audit(audit_, tx, caller, "product_category.updated", "product_category",
                         std::to_string(id), std::move(changes)));
    return category;
  });
}

Result<std::optional<int64_t>> ProductCategoryService::remove(const Caller& caller, int64_t id) {
  return db_.transaction([&](storage::Connection& tx) -> Result<std::optional<int64_t>> {
    CRM_TRY_ASSIGN(ProductCategory category, load(tx, id));
    if (category.product_count > 0) return std::optional<int64_t>(category.product_count);
    auto deleted = tx.execute("DELETE FROM product_categories WHERE id = ?", id);
    if (!deleted && storage::is_foreign_key_violation(deleted.error())) {
      // A product took the category after the count above (PostgreSQL, concurrent writer).
      return conflict("product_category.in_use", "Products still use this category.");
    }
    CRM_TRY(deleted);
    CRM_TRY(record_audit(audit_, tx, caller, "product_category.deleted", "product_category",
                         std::to_string(id), {{"name", change(category.name, nullptr)}}));
    return std::optional<int64_t>();
  });
}

}  // namespace crm::orders
