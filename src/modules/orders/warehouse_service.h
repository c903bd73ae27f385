// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/orders/catalog_common.h"
#include "modules/orders/catalog_types.h"
#include "storage/database.h"

namespace crm::orders {

// Warehouses. Exactly one warehouse is the default once any exists: the first one created
// becomes it, setting is_default on another clears the old one, and the default can be neither
// unset directly nor disabled. Every write is one transaction with its audit row
// (warehouse.created / warehouse.updated). Thread-safe.
// Errors: warehouse.not_found (kNotFound); validation.* for code (1..32, no spaces), name (1..64),
// address (up to 200), enabled / is_default (booleans); warehouse.duplicate_code (kConflict,
// field code); warehouse.default_required (kConflict, field is_default);
// warehouse.default_disabled (kConflict, field enabled).
class WarehouseService {
 public:
  WarehouseService(storage::Database& db, const Clock& clock, audit::AuditService& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  Result<std::vector<Warehouse>> list();
  Result<Warehouse> get(int64_t id);
  Result<Warehouse> create(const Caller& caller, const Json& body);
  Result<Warehouse> update(const Caller& caller, int64_t id, const Json& body);

  // For stock writes, on `db`: the warehouse (warehouse.not_found otherwise).
  static Result<Warehouse> load(storage::Connection& db, int64_t id);

 private:
  Result<void> make_default(storage::Connection& tx, const Caller& caller, int64_t id,
                            int64_t now) const;

  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
};

}  // namespace crm::orders
