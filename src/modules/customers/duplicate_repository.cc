// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/duplicate_repository.h"

#include <algorithm>

#include <fmt/format.h>

namespace crm::customers {

namespace {

constexpr std::string_view kCandidateColumns =
    "d.id, d.customer_a, d.customer_b, d.reason, d.status, d.found_at_ms";

DuplicateCandidate from_row(const storage::Row& r) {
  return {r.get_int(0), r.get_int(1), r.get_int(2), r.get_string(3), r.get_string(4),
          r.get_int(5)};
}

}  // namespace

Result<std::vector<std::vector<int64_t>>> DuplicateRepository::groups(
    storage::Connection& db, const DuplicateRule& rule) const {
  // A merged customer always has deleted_at_ms set, so "live" needs no merged_into term. One pass
  // with a window count: a join of the customers to their grouped keys could not use the rule's
  // partial index on the customers side and scanned the table once per group
  // (bench/customers_merge: 183 s for 100k customers).
  const size_t key_count =
      1 + static_cast<size_t>(std::count(rule.key_columns.begin(), rule.key_columns.end(), ','));
  const std::string sql = fmt::format(
      "SELECT id, {keys} FROM (SELECT id, {keys}, COUNT(*) OVER (PARTITION BY {keys}) AS n "
      "FROM customers WHERE deleted_at_ms IS NULL AND {cond}) grouped WHERE n > 1 "
      "ORDER BY {keys}, id",
      fmt::arg("keys", rule.key_columns), fmt::arg("cond", rule.condition));
  CRM_TRY_ASSIGN(auto rows, db.query(sql));
  std::vector<std::vector<int64_t>> out;
  std::vector<std::string> previous;
  for (const auto& row : rows) {
    std::vector<std::string> key;
    for (size_t i = 1; i <= key_count; ++i) key.push_back(row.get_string(i));
    if (out.empty() || key != previous) out.emplace_back();
    out.back().push_back(row.get_int(0));
    previous = std::move(key);
  }
  return out;
}

Result<bool> DuplicateRepository::add(storage::Connection& tx, int64_t x, int64_t y,
                                      std::string_view reason, int64_t found_at_ms) const {
  CRM_TRY_ASSIGN(const int64_t added,
                 tx.execute("INSERT INTO customer_duplicate_candidates (customer_a, customer_b, "
                            "reason, status, found_at_ms) VALUES (?, ?, ?, 'open', ?) "
                            "ON CONFLICT (customer_a, customer_b) DO NOTHING",
                            std::min(x, y), std::max(x, y), reason, found_at_ms));
  return added > 0;
}

Result<Page<DuplicateCandidate>> DuplicateRepository::list(storage::Connection& db,
                                                           std::string_view status,
                                                           std::optional<int64_t> scope_owner_id,
                                                           int limit,
                                                           std::optional<int64_t> after_id) const {
  std::string where = "d.status = ?";
  std::vector<storage::Value> params{std::string(status)};
  if (status == "open") where += " AND a.deleted_at_ms IS NULL AND b.deleted_at_ms IS NULL";
  if (scope_owner_id) {
    where += " AND a.owner_id = ? AND b.owner_id = ?";
    params.insert(params.end(), {*scope_owner_id, *scope_owner_id});
  }
  const std::string from =
      "FROM customer_duplicate_candidates d JOIN customers a ON a.id = d.customer_a "
      "JOIN customers b ON b.id = d.customer_b WHERE ";
  Page<DuplicateCandidate> page;
  CRM_TRY_ASSIGN(auto count, db.query_values("SELECT COUNT(*) " + from + where, params));
  page.total = count.front().get_int(0);
  if (after_id) {
    where += " AND d.id < ?";
    params.push_back(*after_id);
  }
  CRM_TRY_ASSIGN(auto rows, db.query_values(fmt::format("SELECT {} {}{} ORDER BY d.id DESC "
                                                        "LIMIT {}", kCandidateColumns, from,
                                                        where, limit + 1), params));
  for (const auto& row : rows) page.items.push_back(from_row(row));
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.pop_back();
    page.next_after = std::to_string(page.items.back().id);
  }
  return page;
}

Result<std::optional<DuplicateCandidate>> DuplicateRepository::find(storage::Connection& db,
                                                                    int64_t id) const {
  static const std::string sql = fmt::format(
      "SELECT {} FROM customer_duplicate_candidates d WHERE d.id = ?", kCandidateColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return std::optional<DuplicateCandidate>{};
  return std::optional<DuplicateCandidate>(from_row(*row));
}

Result<void> DuplicateRepository::dismiss(storage::Connection& tx, int64_t id, int64_t at_ms,
                                          int64_t by) const {
  CRM_TRY(tx.execute("UPDATE customer_duplicate_candidates SET status = 'dismissed', "
                     "resolved_at_ms = ?, resolved_by = ? WHERE id = ? AND status = 'open'",
                     at_ms, by, id));
  return {};
}

}  // namespace crm::customers
