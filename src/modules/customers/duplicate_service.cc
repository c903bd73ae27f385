// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/duplicate_service.h"

#include <fmt/format.h>

#include "core/text.h"

namespace crm::customers {

namespace {

// In order: a pair matched by several rules keeps the first (strongest) reason.
constexpr DuplicateRule kRules[] = {
    {"same_id_number", "id_number_index", "id_number_index IS NOT NULL"},
    {"same_name_birthday", "name_lower, birthday", "birthday IS NOT NULL"},
    {"same_name_address", "name_lower, province, city, district", "district <> ''"},
    // name_pinyin (migration 0002): full toneless pinyin, so 张三 and 章三 share a key.
    {"similar_name_address", "name_pinyin, province, city, district",
     "district <> '' AND name_pinyin <> ''"},
};

Error duplicate_not_found() {
  return not_found("duplicate.not_found", "The duplicate pair does not exist or is not visible to you.");
}

}  // namespace

Result<int64_t> DuplicateService::request_scan(const Caller& caller) {
  return db_.transaction([&](storage::Connection& tx) -> Result<int64_t> {
    CRM_TRY_ASSIGN(const int64_t job_id,
                   jobs_.enqueue(tx, kScanQueue,
                                 dump_json(Json{{"requested_by", caller.actor.user_id}})));
    audit::AuditEntry entry = caller.audit;
    entry.action = "customer.duplicate_scan_requested";
    entry.target_type = "job";
    entry.target_id = std::to_string(job_id);
    CRM_TRY(audit_.record(tx, entry));
    return job_id;
  });
}

Result<int64_t> DuplicateService::scan() {
  const int64_t now = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<int64_t> {
    int64_t added = 0;
    for (const DuplicateRule& rule : kRules) {
      CRM_TRY_ASSIGN(auto groups, duplicates_.groups(tx, rule));
      for (const auto& ids : groups) {
        size_t pairs = 0;
        for (size_t i = 0; i < ids.size() && pairs < kMaxPairsPerGroup; ++i) {
          for (size_t j = i + 1; j < ids.size() && pairs < kMaxPairsPerGroup; ++j, ++pairs) {
            CRM_TRY_ASSIGN(const bool is_new, duplicates_.add(tx, ids[i], ids[j], rule.reason, now));
            if (is_new) ++added;
          }
        }
      }
    }
    return added;
  });
}

Result<Page<DuplicatePair>> DuplicateService::list(const Caller& caller, std::string_view status,
                                                   int limit, std::optional<std::string> after) {
  if (status != "open" && status != "merged" && status != "dismissed") {
    return invalid_input("duplicate.invalid_status", "status must be open, merged or dismissed.",
                         "status");
  }
  std::optional<int64_t> after_id;
  if (after) {
    after_id = parse_int64(*after);
    if (!after_id) {
      return invalid_input("duplicate.invalid_cursor", "after is not a valid cursor.", "after");
    }
  }
  return db_.read([&](storage::Connection& db) -> Result<Page<DuplicatePair>> {
    CRM_TRY_ASSIGN(auto candidates,
                   duplicates_.list(db, status, scope_owner(caller.actor), limit, after_id));
    Page<DuplicatePair> page{{}, candidates.total, candidates.next_after};
    for (auto& candidate : candidates.items) {
      DuplicatePair pair{std::move(candidate), {}, {}};
      for (auto [id, out] : {std::pair{pair.candidate.customer_a, &pair.a},
                             std::pair{pair.candidate.customer_b, &pair.b}}) {
        CRM_TRY_ASSIGN(auto row, rows_.find(db, id));
        if (!row) return duplicate_not_found();  // joined above, so only an erase race
        CRM_TRY_ASSIGN(*out, customers_.unsealed(db, *row));
      }
      page.items.push_back(std::move(pair));
    }
    return page;
  });
}

Result<void> DuplicateService::dismiss(const Caller& caller, int64_t id) {
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(auto candidate, duplicates_.find(tx, id));
    if (!candidate) return duplicate_not_found();
    if (const auto owner = scope_owner(caller.actor)) {
      for (const int64_t customer : {candidate->customer_a, candidate->customer_b}) {
        CRM_TRY_ASSIGN(auto row, rows_.find(tx, customer));
        if (!row || row->owner_id != *owner) return duplicate_not_found();
      }
    }
    if (candidate->status == "dismissed") return {};
    if (candidate->status != "open") {
      return conflict("duplicate.not_open", "This pair was merged; undo the merge instead.");
    }
    CRM_TRY(duplicates_.dismiss(tx, id, clock_.now_ms(), caller.actor.user_id));
    audit::AuditEntry entry = caller.audit;
    entry.action = "customer.duplicate_dismissed";
    entry.target_type = "customer_duplicate";
    entry.target_id = std::to_string(id);
    entry.changes = {{"customer_ids", {candidate->customer_a, candidate->customer_b}},
                     {"reason", candidate->reason}};
    return audit_.record(tx, entry);
  });
}

}  // namespace crm::customers
