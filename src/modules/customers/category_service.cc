// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/category_service.h"

#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_events.h"

namespace crm::customers {

namespace {

size_t char_count(std::string_view text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// Applies name / description from `body` onto `category`.
Result<void> apply(const Json& body, Category& category, bool creating) {
  if (creating || body.contains("name")) {
    CRM_TRY_ASSIGN(std::string name, required_string(body, "name"));
    name = std::string(trim(name));
    if (name.empty()) return invalid_input("validation.required", "name is required.", "name");
    if (char_count(name) > 32 || !is_valid_utf8(name)) {
      return invalid_input("validation.length", "name must be at most 32 characters.", "name");
    }
    category.name = std::move(name);
  }
  CRM_TRY_ASSIGN(auto description, optional_string(body, "description"));
  if (description) {
    if (char_count(*description) > 200 || !is_valid_utf8(*description)) {
      return invalid_input("validation.length", "description must be at most 200 characters.",
                           "description");
    }
    category.description = std::string(trim(*description));
  }
  return {};
}

}  // namespace

Result<Category> CategoryService::load(storage::Connection& db, int64_t id) const {
  CRM_TRY_ASSIGN(auto category, repository_.find(db, id));
  if (!category) return not_found("category.not_found", "The category does not exist.");
  return std::move(*category);
}

Result<void> CategoryService::record(storage::Connection& tx, const Caller& caller, int64_t id,
                                     std::string_view action, Json changes) const {
  audit::AuditEntry entry = caller.audit;
  entry.action = "category." + std::string(action);
  entry.target_type = "customer_category";
  entry.target_id = std::to_string(id);
  entry.changes = std::move(changes);
  return audit_.record(tx, entry);
}

Result<std::vector<Category>> CategoryService::list(const std::optional<std::string>& q,
                                                    CategorySort sort) {
  return db_.read([&](storage::Connection& db) { return repository_.list(db, q, sort); });
}

Result<Category> CategoryService::get(int64_t id) {
  return db_.read([&](storage::Connection& db) { return load(db, id); });
}

Result<Category> CategoryService::create(const Caller& caller, const Json& body) {
  Category category;
  CRM_TRY(apply(body, category, true));
  category.created_at_ms = category.updated_at_ms = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<Category> {
    CRM_TRY_ASSIGN(category.id, repository_.insert(tx, category));
    CRM_TRY(record(tx, caller, category.id, "created",
                   {{"name", {{"from", nullptr}, {"to", category.name}}},
                    {"description", {{"from", nullptr}, {"to", category.description}}}}));
    return category;
  });
}

Result<Category> CategoryService::update(const Caller& caller, int64_t id, const Json& body) {
  return db_.transaction([&](storage::Connection& tx) -> Result<Category> {
    CRM_TRY_ASSIGN(Category category, load(tx, id));
    const Category before = category;
    CRM_TRY(apply(body, category, false));
    Json changes = Json::object();
    if (before.name != category.name) changes["name"] = {{"from", before.name}, {"to", category.name}};
    if (before.description != category.description) {
      changes["description"] = {{"from", before.description}, {"to", category.description}};
    }
    if (changes.empty()) return category;
    category.updated_at_ms = clock_.now_ms();
    CRM_TRY(repository_.update(tx, category));
    CRM_TRY(record(tx, caller, id, "updated", std::move(changes)));
    return category;
  });
}

Result<void> CategoryService::remove(const Caller& caller, int64_t id) {
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(Category category, load(tx, id));
    if (category.customer_count > 0) {
      return conflict("category.in_use",
                      fmt::format("The category still has {} customers; remove them first.",
                                  category.customer_count));
    }
    CRM_TRY(repository_.remove(tx, id));
    return record(tx, caller, id, "deleted", {{"name", category.name}});
  });
}

Result<int64_t> CategoryService::add_members(const Caller& caller, int64_t id,
                                             const std::vector<int64_t>& ids) {
  return change_members(caller, id, ids, true);
}

Result<int64_t> CategoryService::remove_members(const Caller& caller, int64_t id,
                                                const std::vector<int64_t>& ids) {
  return change_members(caller, id, ids, false);
}

Result<int64_t> CategoryService::change_members(const Caller& caller, int64_t id,
                                                const std::vector<int64_t>& ids, bool add) {
  return db_.transaction([&](storage::Connection& tx) -> Result<int64_t> {
    CRM_TRY(load(tx, id));
    const auto owner = scope_owner(caller.actor);
    Json changed = Json::array();
    for (const int64_t customer_id : std::set<int64_t>(ids.begin(), ids.end())) {
      CRM_TRY_ASSIGN(auto customer, customers_.find(tx, customer_id));
      if (!customer || customer->deleted_at_ms || (owner && customer->owner_id != *owner)) continue;
      CRM_TRY_ASSIGN(const bool done, add ? repository_.add_member(tx, id, customer_id)
                                          : repository_.remove_member(tx, id, customer_id));
      if (done) changed.push_back(customer_id);
    }
    const auto count = static_cast<int64_t>(changed.size());
    if (count > 0) {
      CRM_TRY(publish_customer_event(tx, clock_, kCustomerCategoriesChanged,
                                     {{"category_id", id}, {"customer_ids", changed}}));
      CRM_TRY(record(tx, caller, id, add ? "members_added" : "members_removed",
                     {{"customer_ids", std::move(changed)}}));
    }
    return count;
  });
}

}  // namespace crm::customers
