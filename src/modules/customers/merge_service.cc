// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/merge_service.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_events.h"
#include "modules/customers/customer_json.h"

namespace crm::customers {

namespace {

Error merge_not_found() {
  return not_found("merge.not_found", "The merge does not exist or is not visible to you.");
}

Error changed_underneath() {
  return conflict("merge.conflict", "A customer was changed at the same time; try again.");
}

int stage_rank(std::string_view stage) {
  if (stage == "member") return 2;
  if (stage == "transacted") return 1;
  return 0;
}

// The fields with each present personal value replaced by a marker, so that diff_fields (which
// redacts personal values as "***") sees which ones the merge filled without any plaintext.
CustomerFields presence(const StoredCustomer& row) {
  CustomerFields f = row.fields;
  auto mark = [](const std::optional<std::string>& cipher) {
    return cipher ? std::optional<std::string>("sealed") : std::nullopt;
  };
  f.phone = mark(row.phone.cipher);
  f.email = mark(row.email.cipher);
  f.id_number = mark(row.id_number.cipher);
  f.address.detail = mark(row.address_cipher);
  return f;
}

bool address_empty(const StoredCustomer& row) {
  const Address& a = row.fields.address;
  return a.province.empty() && a.city.empty() && a.district.empty() && !row.address_cipher;
}

// The survivor's row after taking `merged`'s values where its own are empty (contract rules);
// consent, owner and name stay the survivor's.
StoredCustomer fill_from(StoredCustomer survivor, const StoredCustomer& merged) {
  CustomerFields& s = survivor.fields;
  const CustomerFields& m = merged.fields;
  // Sealed values move with their blind index; the caller clears them on the merged row first
  // because the phone and email indexes are unique.
  if (!survivor.phone.cipher) survivor.phone = merged.phone;
  if (!survivor.email.cipher) survivor.email = merged.email;
  if (!survivor.id_number.cipher) survivor.id_number = merged.id_number;
  // An address is taken whole: parts of two addresses would name a place that does not exist.
  if (address_empty(survivor)) {
    s.address = m.address;
    survivor.address_cipher = merged.address_cipher;
  }
  if (s.gender == "unknown") s.gender = m.gender;
  if (!s.birthday) s.birthday = m.birthday;
  if (s.source_channel.empty()) s.source_channel = m.source_channel;
  if (s.hobbies.empty()) s.hobbies = m.hobbies;
  if (s.notes.empty()) s.notes = m.notes;
  if (stage_rank(m.stage) > stage_rank(s.stage)) s.stage = m.stage;
  return survivor;
}

Json snapshot(const MergeSubject& subject) {
  return {{"row", stored_to_json(subject.row)},
          {"tags", subject.tags},
          {"category_ids", subject.category_ids}};
}

template <typename T>
std::vector<T> united(const std::vector<T>& a, const std::vector<T>& b) {
  std::set<T> all(a.begin(), a.end());
  all.insert(b.begin(), b.end());
  return {all.begin(), all.end()};
}

template <typename T>
std::vector<T> missing_from(const std::vector<T>& have, const std::vector<T>& other) {
  std::vector<T> out;
  for (const auto& item : other) {
    if (std::find(have.begin(), have.end(), item) == have.end()) out.push_back(item);
  }
  return out;
}

// The checks of one pair against the loaded (and, within a chunk, already updated) subjects.
Result<void> check(const Caller& caller, const std::map<int64_t, MergeSubject>& subjects,
                   const MergePair& pair) {
  if (pair.survivor_id == pair.merged_id) {
    return invalid_input("merge.same_customer", "A customer cannot be merged into itself.",
                         "merged_id");
  }
  const auto owner = scope_owner(caller.actor);
  for (const int64_t id : {pair.survivor_id, pair.merged_id}) {
    const auto found = subjects.find(id);
    if (found == subjects.end() || (owner && found->second.row.owner_id != *owner)) {
      return customer_not_found();
    }
    if (found->second.merged_into) {
      return conflict("merge.already_merged",
                      fmt::format("Customer {} was already merged into another customer.",
                                  found->second.row.number));
    }
    if (found->second.row.deleted_at_ms) return customer_not_found();
  }
  return {};
}

}  // namespace

Json moved_counts(const Json& moved) {
  Json out = Json::object();
  for (const auto& [name, ids] : moved.items()) out[name] = ids.size();
  return out;
}

Result<void> MergeService::record(storage::Connection& tx, const Caller& caller,
                                  int64_t customer_id, std::string_view action,
                                  const Json& changes) const {
  return customers_.add_history(tx, customer_id,
                                HistoryEntry{clock_.now_ms(), caller.audit.actor_id,
                                             caller.audit.actor_name, std::string(action),
                                             dump_json(changes)});
}

Result<void> MergeService::audit(storage::Connection& tx, const Caller& caller,
                                 std::string_view action, int64_t customer_id,
                                 const Json& changes) const {
  audit::AuditEntry entry = caller.audit;
  entry.action = std::string(action);
  entry.target_type = "customer";
  entry.target_id = std::to_string(customer_id);
  entry.changes = changes;
  return audit_.record(tx, entry);
}

Result<int64_t> MergeService::apply(storage::Connection& tx, const Caller& caller,
                                    MergeSubject& survivor, MergeSubject& merged, int64_t now) {
  const int64_t by = caller.actor.user_id;
  MergeRecord merge;
  merge.survivor_id = survivor.row.id;
  merge.merged_id = merged.row.id;
  merge.survivor_number = survivor.row.number;
  merge.merged_number = merged.row.number;
  merge.merged_at_ms = now;
  merge.merged_by = by;
  merge.survivor_before = snapshot(survivor);
  merge.merged_before = snapshot(merged);

  // The merged row first gives up its sealed, indexed values (unique phone/email indexes).
  StoredCustomer gone = merged.row;
  gone.phone = {};
  gone.email = {};
  gone.id_number = {};
  gone.version = merged.row.version + 1;
  gone.updated_at_ms = now;
  gone.updated_by = by;
  gone.deleted_at_ms = now;
  gone.deleted_by = by;
  CRM_TRY_ASSIGN(const bool merged_written,
                 merges_.write(tx, gone, survivor.row.id, merged.row.version));
  if (!merged_written) return changed_underneath();

  StoredCustomer after = fill_from(survivor.row, merged.row);
  after.version = survivor.row.version + 1;
  after.updated_at_ms = now;
  after.updated_by = by;
  CRM_TRY_ASSIGN(const bool survivor_written,
                 merges_.write(tx, after, std::nullopt, survivor.row.version));
  if (!survivor_written) return changed_underneath();
  CRM_TRY(merges_.move_tags_and_categories(tx, merged.row.id, survivor.row.id));

  for (const auto& participant : participants_.all()) {
    if (!participant.move) continue;
    CRM_TRY_ASSIGN(auto ids, participant.move(tx, merged.row.id, survivor.row.id));
    merge.moved[participant.name] = ids;
  }
  for (const auto& participant : participants_.all()) {
    if (participant.owner_changed) {
      CRM_TRY(participant.owner_changed(tx, survivor.row.id, after.owner_id));
    }
  }
  merge.survivor_version = after.version;
  CRM_TRY_ASSIGN(merge.id, merges_.insert(tx, merge));
  CRM_TRY(merges_.resolve_candidate(tx, survivor.row.id, merged.row.id, "open", "merged", now,
                                    by));

  Json changes = diff_fields(presence(survivor.row), presence(after));
  changes["merged"] = {{"id", merged.row.id}, {"number", merged.row.number}, {"merge_id", merge.id}};
  const auto added_tags = missing_from(survivor.tags, merged.tags);
  const auto added_categories = missing_from(survivor.category_ids, merged.category_ids);
  if (!added_tags.empty()) changes["tags"] = {{"added", added_tags}};
  if (!added_categories.empty()) changes["category_ids"] = {{"added", added_categories}};
  CRM_TRY(record(tx, caller, survivor.row.id, "merged", changes));
  CRM_TRY(record(tx, caller, merged.row.id, "merged_into",
                 {{"survivor", {{"id", survivor.row.id}, {"number", survivor.row.number}}},
                  {"merge_id", merge.id}}));
  CRM_TRY(audit(tx, caller, "customer.merged", survivor.row.id,
                {{"merge_id", merge.id},
                 {"survivor_number", survivor.row.number},
                 {"merged_id", merged.row.id},
                 {"merged_number", merged.row.number},
                 {"moved", moved_counts(merge.moved)}}));
  CRM_TRY(publish_customer_event(tx, clock_, kCustomerMerged,
                                 {{"merge_id", merge.id},
                                  {"survivor_id", survivor.row.id},
                                  {"merged_id", merged.row.id}}));

  // Later pairs of the same transaction see the state this merge left.
  survivor.tags = united(survivor.tags, merged.tags);
  survivor.category_ids = united(survivor.category_ids, merged.category_ids);
  survivor.row = std::move(after);
  merged.row = std::move(gone);
  merged.merged_into = survivor.row.id;
  merged.tags.clear();
  merged.category_ids.clear();
  return merge.id;
}

void MergeService::apply_chunk(const Caller& caller, std::span<const MergePair> pairs,
                               size_t first, BulkMergeResult& out) {
  std::vector<int64_t> ids;
  ids.reserve(pairs.size() * 2);
  for (const auto& pair : pairs) ids.insert(ids.end(), {pair.survivor_id, pair.merged_id});
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

  std::vector<int64_t> merge_ids;
  std::vector<BulkMergeResult::PairError> rejected;
  const int64_t now = clock_.now_ms();
  auto done = db_.transaction([&](storage::Connection& tx) -> Result<void> {
    merge_ids.clear();
    rejected.clear();
    CRM_TRY_ASSIGN(auto subjects, merges_.load(tx, ids));
    for (size_t i = 0; i < pairs.size(); ++i) {
      // Every check of a pair comes before its first write, so a rejected pair leaves nothing
      // behind and the transaction goes on with the next one.
      if (auto checked = check(caller, subjects, pairs[i]); !checked) {
        rejected.push_back({first + i, std::move(checked).error()});
        continue;
      }
      CRM_TRY_ASSIGN(const int64_t merge_id,
                     apply(tx, caller, subjects.at(pairs[i].survivor_id),
                           subjects.at(pairs[i].merged_id), now));
      merge_ids.push_back(merge_id);
    }
    return {};
  });
  if (done) {
    out.merge_ids.insert(out.merge_ids.end(), merge_ids.begin(), merge_ids.end());
    out.errors.insert(out.errors.end(), rejected.begin(), rejected.end());
    return;
  }
  // The transaction rolled back: the pairs that passed their checks were not merged either.
  size_t next_rejected = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (next_rejected < rejected.size() && rejected[next_rejected].index == first + i) {
      out.errors.push_back(std::move(rejected[next_rejected++]));
    } else {
      out.errors.push_back({first + i, done.error()});
    }
  }
}

Result<MergeRecord> MergeService::merge(const Caller& caller, MergePair pair) {
  BulkMergeResult result;
  apply_chunk(caller, std::span<const MergePair>(&pair, 1), 0, result);
  if (!result.errors.empty()) return std::move(result.errors.front().error);
  return db_.read([&](storage::Connection& db) -> Result<MergeRecord> {
    CRM_TRY_ASSIGN(auto merge, merges_.find(db, result.merge_ids.front()));
    if (!merge) return merge_not_found();
    return std::move(*merge);
  });
}

Result<BulkMergeResult> MergeService::bulk_merge(const Caller& caller,
                                                 std::span<const MergePair> pairs) {
  if (pairs.empty()) return invalid_input("validation.required", "pairs is empty.", "pairs");
  if (pairs.size() > kMaxBulkPairs) {
    return invalid_input("validation.too_many", "At most 5000 pairs at a time.", "pairs");
  }
  BulkMergeResult result;
  for (size_t first = 0; first < pairs.size(); first += kPairsPerTransaction) {
    apply_chunk(caller, pairs.subspan(first, std::min(kPairsPerTransaction, pairs.size() - first)),
                first, result);
  }
  return result;
}

Result<MergeRecord> MergeService::undo(const Caller& caller, int64_t merge_id) {
  const int64_t now = clock_.now_ms();
  const int64_t by = caller.actor.user_id;
  return db_.transaction([&](storage::Connection& tx) -> Result<MergeRecord> {
    CRM_TRY_ASSIGN(auto merge, merges_.find(tx, merge_id));
    if (!merge) return merge_not_found();
    CRM_TRY_ASSIGN(auto subjects, merges_.load(tx, {merge->survivor_id, merge->merged_id}));
    const auto survivor = subjects.find(merge->survivor_id);
    const auto merged = subjects.find(merge->merged_id);
    const auto owner = scope_owner(caller.actor);
    if (survivor == subjects.end() || (owner && survivor->second.row.owner_id != *owner)) {
      return merge_not_found();
    }
    if (merge->undone_at_ms) {
      return conflict("merge.already_undone", "This merge was undone already.");
    }
    if (survivor->second.row.version != merge->survivor_version) {
      return conflict("merge.survivor_changed",
                      fmt::format("Customer {} was changed after the merge; undoing it would lose "
                                  "that change.", merge->survivor_number));
    }
    // The snapshots hold the person's data as it was: bringing them back after an anonymisation
    // would undo the erasure.
    CRM_TRY_ASSIGN(auto anonymised,
                   tx.query("SELECT number FROM customers WHERE id IN (?, ?) AND "
                            "anonymised_at_ms IS NOT NULL ORDER BY id LIMIT 1",
                            merge->survivor_id, merge->merged_id));
    if (!anonymised.empty()) {
      return conflict("merge.anonymised",
                      fmt::format("Customer {} was anonymised after the merge; undoing it would "
                                  "bring the erased personal data back.",
                                  anonymised.front().get_string(0)));
    }
    if (merged == subjects.end() || merged->second.merged_into != merge->survivor_id) {
      return conflict("merge.not_undoable",
                      fmt::format("Customer {} no longer exists as a merged record.",
                                  merge->merged_number));
    }
    CRM_TRY_ASSIGN(StoredCustomer survivor_row,
                   stored_from_json(merge->survivor_before.at("row")));
    CRM_TRY_ASSIGN(StoredCustomer merged_row, stored_from_json(merge->merged_before.at("row")));
    // Versions only go up: the restored rows get a new version, not their old one.
    for (auto* row : {&survivor_row, &merged_row}) {
      row->version = subjects.at(row->id).row.version + 1;
      row->updated_at_ms = now;
      row->updated_by = by;
      row->deleted_at_ms.reset();
      row->deleted_by.reset();
    }
    // The survivor first gives back the merged record's phone and email (unique indexes).
    CRM_TRY_ASSIGN(const bool survivor_written, merges_.write(tx, survivor_row, std::nullopt,
                                                              merge->survivor_version));
    if (!survivor_written) return changed_underneath();
    CRM_TRY_ASSIGN(const bool merged_written, merges_.write(tx, merged_row, std::nullopt,
                                                            merged->second.row.version));
    if (!merged_written) return changed_underneath();
    for (const auto* before : {&merge->survivor_before, &merge->merged_before}) {
      const int64_t id = before->at("row").at("id").get<int64_t>();
      CRM_TRY(merges_.set_tags_and_categories(
          tx, id, before->at("tags").get<std::vector<std::string>>(),
          before->at("category_ids").get<std::vector<int64_t>>()));
    }
    for (const auto& participant : participants_.all()) {
      if (!participant.move_back || !merge->moved.contains(participant.name)) continue;
      CRM_TRY(participant.move_back(
          tx, merge->moved.at(participant.name).get<std::vector<int64_t>>(), merge->merged_id));
    }
    for (const auto& participant : participants_.all()) {
      if (!participant.owner_changed) continue;
      CRM_TRY(participant.owner_changed(tx, survivor_row.id, survivor_row.owner_id));
      CRM_TRY(participant.owner_changed(tx, merged_row.id, merged_row.owner_id));
    }
    CRM_TRY(merges_.mark_undone(tx, merge_id, now, by));
    CRM_TRY(merges_.resolve_candidate(tx, survivor_row.id, merged_row.id, "merged", "open",
                                      std::nullopt, std::nullopt));
    const Json changes = {{"merge_id", merge_id},
                          {"survivor", {{"id", survivor_row.id}, {"number", survivor_row.number}}},
                          {"merged", {{"id", merged_row.id}, {"number", merged_row.number}}}};
    CRM_TRY(record(tx, caller, survivor_row.id, "merge_undone", changes));
    CRM_TRY(record(tx, caller, merged_row.id, "merge_undone", changes));
    CRM_TRY(audit(tx, caller, "customer.merge_undone", survivor_row.id, changes));
    CRM_TRY(publish_customer_event(tx, clock_, kCustomerMergeUndone,
                                   {{"merge_id", merge_id},
                                    {"survivor_id", survivor_row.id},
                                    {"merged_id", merged_row.id}}));
    merge->undone_at_ms = now;
    merge->undone_by = by;
    return std::move(*merge);
  });
}

Result<Page<MergeRecord>> MergeService::list(const Caller& caller,
                                             std::optional<int64_t> customer_id, int limit,
                                             std::optional<std::string> after) {
  std::optional<int64_t> after_id;
  if (after) {
    after_id = parse_int64(*after);
    if (!after_id) return invalid_input("merge.invalid_cursor", "after is not a valid cursor.", "after");
  }
  return db_.read([&](storage::Connection& db) {
    return merges_.list(db, customer_id, scope_owner(caller.actor), limit, after_id);
  });
}

}  // namespace crm::customers
