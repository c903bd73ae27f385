// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/customers/customer.h"
#include "storage/connection.h"

namespace crm::customers {

enum class CategorySort { kName, kCreatedDesc, kCustomerCount };

// SQL for customer_categories and customer_category_members. Stateless.
class CategoryRepository {
 public:
  Result<std::vector<Category>> list(storage::Connection& db, const std::optional<std::string>& q,
                                     CategorySort sort) const;
  Result<std::optional<Category>> find(storage::Connection& db, int64_t id) const;
  // Errors: category.name_taken (kConflict, field "name").
  Result<int64_t> insert(storage::Connection& tx, const Category& category) const;
  Result<void> update(storage::Connection& tx, const Category& category) const;
  Result<void> remove(storage::Connection& tx, int64_t id) const;
  // Returns whether the membership was added / removed.
  Result<bool> add_member(storage::Connection& tx, int64_t category_id, int64_t customer_id) const;
  Result<bool> remove_member(storage::Connection& tx, int64_t category_id,
                             int64_t customer_id) const;
};

}  // namespace crm::customers
