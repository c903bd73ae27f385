// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/category_repository.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_service.h"
#include "storage/database.h"

namespace crm::customers {

// Customer categories (SPEC CAT): CRUD, refusal to delete while in use, bulk membership.
// Every write is one transaction with its audit row. Thread-safe.
// Common errors: category.not_found (kNotFound).
class CategoryService {
 public:
  CategoryService(storage::Database& db, const Clock& clock, audit::AuditService& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  Result<std::vector<Category>> list(const std::optional<std::string>& q, CategorySort sort);
  Result<Category> get(int64_t id);
  // Errors: validation.* (name 1..32 characters, description up to 200), category.name_taken.
  Result<Category> create(const Caller& caller, const Json& body);
  Result<Category> update(const Caller& caller, int64_t id, const Json& body);
  // Errors: category.in_use (kConflict; the message has the number of customers in it).
  Result<void> remove(const Caller& caller, int64_t id);
  // Only live customers in the caller's data scope are added / removed; others are skipped.
  Result<int64_t> add_members(const Caller& caller, int64_t id, const std::vector<int64_t>& ids);
  Result<int64_t> remove_members(const Caller& caller, int64_t id,
                                 const std::vector<int64_t>& ids);

 private:
  Result<Category> load(storage::Connection& db, int64_t id) const;
  Result<int64_t> change_members(const Caller& caller, int64_t id,
                                 const std::vector<int64_t>& ids, bool add);
  Result<void> record(storage::Connection& tx, const Caller& caller, int64_t id,
                      std::string_view action, Json changes) const;

  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  CategoryRepository repository_;
  CustomerRepository customers_;
};

}  // namespace crm::customers
