// SPDX-License-Identifier: Apache-2.0
#include "demo/catalog_writer.h"

namespace crm::demo {

Result<void> write_catalog(storage::Connection& tx, DemoStore& store, int64_t at_ms) {
  int sort_order = 0;
  for (const auto name : product_category_names()) {
    CRM_TRY_ASSIGN(auto row, tx.query_one("INSERT INTO product_categories (name, sort_order, "
                                          "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?) "
                                          "RETURNING id",
                                          name, ++sort_order, at_ms, at_ms));
    store.category_ids.push_back(row.get_int(0));
  }
  for (const auto& p : store.products) {
    CRM_TRY_ASSIGN(auto row, tx.query_one("INSERT INTO products (sku, name, category_id, price_fen, "
                                          "cost_fen, barcode, created_at_ms, updated_at_ms) VALUES "
                                          "(?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                          p.sku, p.name, store.category_ids[p.category],
                                          p.price_fen, p.cost_fen, p.barcode, at_ms, at_ms));
    store.product_ids.push_back(row.get_int(0));
  }
  // The first warehouse is the default unless the database already has one.
  CRM_TRY_ASSIGN(auto has_default,
                 tx.query_optional("SELECT id FROM warehouses WHERE is_default = 1"));
  struct W {
    const char *code, *name, *address;
  };
  const W warehouses[] = {{"DEMO-HZ", "杭州主仓", "浙江省杭州市余杭区仓前街道仓储路8号"},
                          {"DEMO-GZ", "广州分仓", "广东省广州市白云区太和镇物流园3号库"}};
  bool first = true;
  for (const auto& w : warehouses) {
    CRM_TRY_ASSIGN(auto row, tx.query_one("INSERT INTO warehouses (code, name, address, enabled, "
                                          "is_default, created_at_ms, updated_at_ms) VALUES "
                                          "(?, ?, ?, 1, ?, ?, ?) RETURNING id",
                                          w.code, w.name, w.address, first && !has_default,
                                          at_ms, at_ms));
    store.warehouse_ids.push_back(row.get_int(0));
    first = false;
  }
  return {};
}

}  // namespace crm::demo
