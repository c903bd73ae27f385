// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/product_service.h"

#include <string>

#include "modules/orders/product_category_service.h"

namespace crm::orders {

namespace {

Json category_json(const std::optional<int64_t>& id) { return id ? Json(*id) : Json(nullptr); }

// Applies the fields of `body` onto `p` (all required ones when creating).
Result<void> apply(storage::Connection& db, const Json& body, Product& p, bool creating) {
  if (creating || body.contains("sku")) {
    CRM_TRY_ASSIGN(auto sku, text_field(body, "sku", 64, true));
    if (sku->find_first_of(" \t\r\n") != std::string::npos) {
      return invalid_input("validation.format", "sku must not contain spaces.", "sku");
    }
    p.sku = std::move(*sku);
  }
  if (creating || body.contains("name")) {
    CRM_TRY_ASSIGN(auto name, text_field(body, "name", 100, true));
    p.name = std::move(*name);
  }
  if (creating && !body.contains("price_fen")) {
    return invalid_input("validation.required", "price_fen is required.", "price_fen");
  }
  if (body.contains("price_fen") && body.at("price_fen").is_null()) {
    return invalid_input("validation.required", "price_fen is required.", "price_fen");
  }
  CRM_TRY_ASSIGN(auto price, int_field(body, "price_fen", 0));
  if (price) p.price_fen = *price;
  CRM_TRY_ASSIGN(auto cost, int_field(body, "cost_fen", 0));
  if (cost) p.cost_fen = *cost;
  CRM_TRY_ASSIGN(auto barcode, text_field(body, "barcode", 64, false));
  if (barcode) p.barcode = std::move(*barcode);
  CRM_TRY_ASSIGN(auto status, optional_string(body, "status"));
  if (status) {
    if (*status != "active" && *status != "inactive") {
      return invalid_input("validation.enum", "status must be active or inactive.", "status");
    }
    p.status = *status;
  }
  if (body.contains("category_id")) {
    if (body.at("category_id").is_null()) {
      p.category_id.reset();
    } else {
      CRM_TRY_ASSIGN(auto category_id, int_field(body, "category_id", 1));
      CRM_TRY_ASSIGN(const bool found, ProductCategoryService::exists(db, *category_id));
      if (!found) {
        return invalid_input("product.unknown_category", "The product category does not exist.",
                             "category_id");
      }
      p.category_id = category_id;
    }
  }
  return {};
}

}  // namespace

Result<Product> ProductService::load(storage::Connection& db, int64_t id) const {
  CRM_TRY_ASSIGN(auto product, repository_.find(db, id));
  if (!product) return not_found("product.not_found", "The product does not exist.");
  return std::move(*product);
}

Result<CatalogPage<Product>> ProductService::list(const ProductFilter& filter) {
  return db_.read([&](storage::Connection& db) { return repository_.list(db, filter); });
}

Result<Product> ProductService::get(int64_t id) {
  return db_.read([&](storage::Connection& db) { return load(db, id); });
}

Result<Product> ProductService::create(const Caller& caller, const Json& body) {
  return db_.transaction([&](storage::Connection& tx) -> Result<Product> {
    Product p;
    CRM_TRY(apply(tx, body, p, true));
    p.created_at_ms = p.updated_at_ms = clock_.now_ms();
    CRM_TRY_ASSIGN(const int64_t id, repository_.insert(tx, p));
    CRM_TRY(record_audit(audit_, tx, caller, "product.created", "product", std::to_string(id),
                         {{"sku", change(nullptr, p.sku)},
                          {"name", change(nullptr, p.name)},
                          {"category_id", change(nullptr, category_json(p.category_id))},
                          {"price_fen", change(nullptr, p.price_fen)},
                          {"cost_fen", change(nullptr, p.cost_fen)},
                          {"barcode", change(nullptr, p.barcode)},
                          {"status", change(nullptr, p.status)}}));
    return load(tx, id);
  });
}

Result<Product> ProductService::update(const Caller& caller, int64_t id, const Json& patch,
                                       int64_t if_match_version) {
  return db_.transaction([&](storage::Connection& tx) -> Result<Product> {
    CRM_TRY_ASSIGN(Product p, load(tx, id));
    auto stale = [&] {
      return Error{ErrorKind::kPreconditionFailed, "product.version_mismatch",
                   "The product was changed by someone else; reload it and try again.",
                   "If-Match"};
    };
    if (p.version != if_match_version) return stale();
    const Product before = p;
    CRM_TRY(apply(tx, patch, p, false));
    Json changes = Json::object();
    if (before.sku != p.sku) changes["sku"] = change(before.sku, p.sku);
    if (before.name != p.name) changes["name"] = change(before.name, p.name);
    if (before.category_id != p.category_id) {
      changes["category_id"] = change(category_json(before.category_id),
                                      category_json(p.category_id));
    }
    if (before.price_fen != p.price_fen) changes["price_fen"] = change(before.price_fen, p.price_fen);
    if (before.cost_fen != p.cost_fen) changes["cost_fen"] = change(before.cost_fen, p.cost_fen);
    if (before.barcode != p.barcode) changes["barcode"] = change(before.barcode, p.barcode);
    if (before.status != p.status) changes["status"] = change(before.status, p.status);
    if (changes.empty()) return p;
    p.updated_at_ms = clock_.now_ms();
    CRM_TRY_ASSIGN(const bool written, repository_.update(tx, p, if_match_version));
    if (!written) return stale();
    CRM_TRY(record_audit(audit_, tx, caller, "product.updated", "product", std::to_string(id),
                         std::move(changes)));
    return load(tx, id);
  });
}

}  // namespace crm::orders
