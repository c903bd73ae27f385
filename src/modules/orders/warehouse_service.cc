// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/warehouse_service.h"

#include <string>

#include "storage/storage_error.h"

namespace crm::orders {

namespace {

constexpr std::string_view kSelect =
    "SELECT id, code, name, address, enabled, is_default, created_at_ms, updated_at_ms "
    "FROM warehouses ";

Warehouse from_row(const storage::Row& r) {
  return Warehouse{r.get_int(0),  r.get_string(1), r.get_string(2), r.get_string(3),
                   r.get_bool(4), r.get_bool(5),   r.get_int(6),    r.get_int(7)};
}

Error map_conflict(Error error) {
  if (storage::is_unique_violation(error)) {
    return conflict("warehouse.duplicate_code", "A warehouse with this code already exists.",
                    "code");
  }
  return error;
}

// Applies code / name / address / enabled from `body`; returns the requested is_default.
Result<std::optional<bool>> apply(const Json& body, Warehouse& w, bool creating) {
  if (creating || body.contains("code")) {
    CRM_TRY_ASSIGN(auto code, text_field(body, "code", 32, true));
    if (code->find_first_of(" \t\r\n") != std::string::npos) {
      return invalid_input("validation.format", "code must not contain spaces.", "code");
    }
    w.code = std::move(*code);
  }
  if (creating || body.contains("name")) {
    CRM_TRY_ASSIGN(auto name, text_field(body, "name", 64, true));
    w.name = std::move(*name);
  }
  CRM_TRY_ASSIGN(auto address, text_field(body, "address", 200, false));
  if (address) w.address = std::move(*address);
  CRM_TRY_ASSIGN(auto enabled, optional_bool(body, "enabled"));
  if (enabled) w.enabled = *enabled;
  return optional_bool(body, "is_default");
}

Json changes_between(const Warehouse& a, const Warehouse& b) {
  Json changes = Json::object();
  if (a.code != b.code) changes["code"] = change(a.code, b.code);
  if (a.name != b.name) changes["name"] = change(a.name, b.name);
  if (a.address != b.address) changes["address"] = change(a.address, b.address);
  if (a.enabled != b.enabled) changes["enabled"] = change(a.enabled, b.enabled);
  return changes;
}

}  // namespace

Result<Warehouse> WarehouseService::load(storage::Connection& db, int64_t id) {
  static const std::string sql = std::string(kSelect) + "WHERE id = ?";
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return not_found("warehouse.not_found", "The warehouse does not exist.");
  return from_row(*row);
}

Result<std::vector<Warehouse>> WarehouseService::list() {
  return db_.read([&](storage::Connection& db) -> Result<std::vector<Warehouse>> {
    static const std::string sql = std::string(kSelect) + "ORDER BY is_default DESC, code, id";
    CRM_TRY_ASSIGN(auto rows, db.query(sql));
    std::vector<Warehouse> out;
    for (const auto& row : rows) out.push_back(from_row(row));
    return out;
  });
}

Result<Warehouse> WarehouseService::get(int64_t id) {
  return db_.read([&](storage::Connection& db) { return load(db, id); });
}

// Clears the old default (audited) and sets `id` as the default.
Result<void> WarehouseService::make_default(storage::Connection& tx, const Caller& caller,
                                            int64_t id, int64_t now) const {
  CRM_TRY_ASSIGN(auto old, tx.query("SELECT id FROM warehouses WHERE is_default = 1 AND id <> ?",
                                    id));
  CRM_TRY(tx.execute("UPDATE warehouses SET is_default = 0, updated_at_ms = ? "
                     "WHERE is_default = 1 AND id <> ?", now, id));
  for (const auto& row : old) {
    CRM_TRY(record_audit(audit_, tx, caller, "warehouse.updated", "warehouse",
                         std::to_string(row.get_int(0)), {{"is_default", change(true, false)}}));
  }
  CRM_TRY(tx.execute("UPDATE warehouses SET is_default = 1, updated_at_ms = ? WHERE id = ?", now,
                     id));
  return {};
}

Result<Warehouse> WarehouseService::create(const Caller& caller, const Json& body) {
  Warehouse w;
  CRM_TRY_ASSIGN(auto wants_default, apply(body, w, true));
  w.created_at_ms = w.updated_at_ms = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<Warehouse> {
    CRM_TRY_ASSIGN(auto any_default,
                   tx.query_optional("SELECT id FROM warehouses WHERE is_default = 1"));
    w.is_default = wants_default.value_or(false) || !any_default;
    if (w.is_default && !w.enabled) {
      return conflict("warehouse.default_disabled", "The default warehouse must be enabled.",
                      "enabled");
    }
    auto row = tx.query_one("INSERT INTO warehouses (code, name, address, enabled, is_default, "
                            "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, 0, ?, ?) "
                            "RETURNING id",
                            w.code, w.name, w.address, w.enabled, w.created_at_ms,
                            w.updated_at_ms);
    if (!row) return map_conflict(std::move(row).error());
    w.id = row->get_int(0);
    Json changes = {{"code", change(nullptr, w.code)},
                    {"name", change(nullptr, w.name)},
                    {"address", change(nullptr, w.address)},
                    {"enabled", change(nullptr, w.enabled)},
                    {"is_default", change(nullptr, w.is_default)}};
    CRM_TRY(record_audit(audit_, tx, caller, "warehouse.created", "warehouse",
                         std::to_string(w.id), std::move(changes)));
    if (w.is_default) CRM_TRY(make_default(tx, caller, w.id, w.created_at_ms));
    return load(tx, w.id);
  });
}

Result<Warehouse> WarehouseService::update(const Caller& caller, int64_t id, const Json& body) {
  return db_.transaction([&](storage::Connection& tx) -> Result<Warehouse> {
    CRM_TRY_ASSIGN(Warehouse w, load(tx, id));
    const Warehouse before = w;
    CRM_TRY_ASSIGN(auto wants_default, apply(body, w, false));
    if (before.is_default && wants_default == false) {
      return conflict("warehouse.default_required",
                      "There must be a default warehouse; make another warehouse the default "
                      "instead.",
                      "is_default");
    }
    const bool becomes_default = !before.is_default && wants_default == true;
    if ((before.is_default || becomes_default) && !w.enabled) {
      return conflict("warehouse.default_disabled",
                      "The default warehouse cannot be disabled; make another one the default "
                      "first.",
                      "enabled");
    }
    Json changes = changes_between(before, w);
    const int64_t now = clock_.now_ms();
    if (!changes.empty()) {
      auto updated = tx.execute("UPDATE warehouses SET code = ?, name = ?, address = ?, "
                                "enabled = ?, updated_at_ms = ? WHERE id = ?",
                                w.code, w.name, w.address, w.enabled, now, id);
      if (!updated) return map_conflict(std::move(updated).error());
    }
    if (becomes_default) {
      changes["is_default"] = change(false, true);
      CRM_TRY(make_default(tx, caller, id, now));
    }
    if (changes.empty()) return w;
    CRM_TRY(record_audit(audit_, tx, caller, "warehouse.updated", "warehouse", std::to_string(id),
                         std::move(changes)));
    return load(tx, id);
  });
}

}  // namespace crm::orders
