// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_checker.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/import_fields.h"
#include "modules/customers/import_parallel.h"
#include "modules/customers/tabular/table.h"

namespace crm::customers {

namespace {

constexpr size_t kLookupChunk = 500;  // values per IN (…): well under both dialects' limits
constexpr size_t kMaxCategoryName = 32;

// An existing customer found by a blind index or number.
struct Existing {
  int64_t id = 0;
  std::string number;
  int64_t owner_id = 0;
  bool deleted = false;
};

// Looks up customers whose `column` is one of `keys`, in chunks; keyed by that column's value.
Result<std::unordered_map<std::string, Existing>> lookup(storage::Connection& db,
                                                         std::string_view column,
                                                         const std::vector<std::string>& keys) {
  std::unordered_map<std::string, Existing> found;
  std::vector<storage::Value> params;
  for (size_t start = 0; start < keys.size(); start += kLookupChunk) {
    const size_t n = std::min(kLookupChunk, keys.size() - start);
    std::string sql = fmt::format(
        "SELECT {}, id, number, owner_id, deleted_at_ms FROM customers WHERE {} IN (", column,
        column);
    for (size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
    params.assign(keys.begin() + static_cast<std::ptrdiff_t>(start),
                  keys.begin() + static_cast<std::ptrdiff_t>(start + n));
    CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
    for (const auto& r : rows) {
      found[r.get_string(0)] = {r.get_int(1), r.get_string(2), r.get_int(3), !r.is_null(4)};
    }
  }
  return found;
}

bool visible(const Existing& existing, const Caller& caller) {
  const auto owner = scope_owner(caller.actor);
  return !existing.deleted && (!owner || existing.owner_id == *owner);
}

// A row's non-empty cells and the key it is matched by.
struct Draft {
  int64_t row = 0;
  std::vector<std::pair<std::string, ImportCell>> cells;
  std::optional<std::string> key;
};

// What one row's checks found that does not depend on other rows.
struct RowOutcome {
  bool skip = false;  // matched nothing usable or failed before parse_fields: not planned
  int64_t existing_id = 0;
  PlannedRow planned;
  std::vector<ImportError> errors;  // column filled in by the serial pass
  std::optional<Error> fatal;       // a stored row that cannot be opened fails the job
};

}  // namespace

Result<ImportPlan> ImportChecker::check(const Caller& caller, const ImportRecord& record,
                                        PlanStream* stream, const Progress& progress) const {
  ImportPlan plan;
  CRM_TRY_ASSIGN(auto file, db_.read([&](storage::Connection& db) {
                   return transfers_.import_file(db, record.id);
                 }));
  if (!file) return invalid_input("import.file_missing", "The uploaded file is gone.");
  CRM_TRY_ASSIGN(tabular::Table table, tabular::read_table(*file));
  file.reset();
  const auto header = tabular::unique_header(table.header);
  const unsigned threads = import_threads(kMaxThreads);

  // Column index -> field, and field -> column title for error reports.
  std::vector<std::pair<size_t, std::string>> mapped;
  std::map<std::string, std::string, std::less<>> column_of;
  for (size_t i = 0; i < header.size(); ++i) {
    const auto found = record.mapping.find(header[i]);
    if (found == record.mapping.end() || !found->is_string()) continue;
    mapped.emplace_back(i, found->get<std::string>());
    column_of[found->get<std::string>()] = header[i];
  }
  auto add_error = [&](ImportError error) {
    const auto column = column_of.find(error.field);
    if (column != column_of.end()) error.column = column->second;
    plan.errors.push_back(std::move(error));
  };

  // Phase 1: each row's cells and the key it is matched by (blind indexes: in parallel).
  std::vector<Draft> drafts(table.rows.size());
  parallel_ranges(table.rows.size(), threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      Draft& draft = drafts[i];
      draft.row = static_cast<int64_t>(i) + 2;
      auto& cells = table.rows[i];
      for (const auto& [index, field] : mapped) {
        if (index >= cells.size()) continue;
        std::string value(trim(cells[index]));
        if (value.empty()) continue;
        if (field == "number" && record.match_by == "number") draft.key = value;
        if (field == "phone" && record.match_by == "phone") {
          if (auto phone = normalize_phone(value)) draft.key = keyring_.blind_index("phone", *phone);
        }
        if (field == "email" && record.match_by == "email") {
          if (auto email = normalize_email(value)) draft.key = keyring_.blind_index("email", *email);
        }
        draft.cells.emplace_back(field, ImportCell{std::move(value), header[index]});
      }
      cells = {};  // the drafts hold what is needed; keep memory flat on big files
    }
  });
  // A blank line is not a customer.
  std::erase_if(drafts, [](const Draft& d) { return d.cells.empty(); });
  std::vector<std::string> keys;
  for (const auto& draft : drafts) {
    if (draft.key) keys.push_back(*draft.key);
  }

  // Phase 2: the matched customers, in batches.
  const std::string key_column = record.match_by == "number" ? "number"
                                 : record.match_by == "email" ? "email_index"
                                                              : "phone_index";
  std::unordered_map<std::string, Existing> matches;
  if (record.match_by != "none") {
    CRM_TRY_ASSIGN(matches, db_.read([&](storage::Connection& db) {
                     return lookup(db, key_column, keys);
                   }));
  }
  keys = {};
  if (stream != nullptr) {
    // The rows that will create customers if nothing fails: those without a visible match.
    stream->expect(std::count_if(drafts.begin(), drafts.end(), [&](const Draft& draft) {
      if (!draft.key) return true;
      const auto found = matches.find(*draft.key);
      return found == matches.end() || !visible(found->second, caller);
    }));
  }
  bool aborted = false;  // the stream was told: later rows are checked for their errors only

  // Phase 3: the create/update rules on every row, kProgressEvery rows at a time.
  const std::string today = merchant_date(clock_.now_ms());
  std::unordered_map<std::string, int64_t> phones_seen, emails_seen;
  std::unordered_map<int64_t, int64_t> matched_seen;
  std::vector<RowOutcome> outcomes;
  // Rows are large (fields, the matched row and its fields): growing the vector would move all
  // of them and fault in fresh memory at every doubling (1M rows: gigabytes).
  if (stream == nullptr) plan.rows.reserve(drafts.size());
  for (size_t start = 0; start < drafts.size(); start += kProgressEvery) {
    const size_t end = std::min(drafts.size(), start + static_cast<size_t>(kProgressEvery));
    outcomes.assign(end - start, RowOutcome{});
    // 3a (in row order): which customer a row updates; the first row matching one wins.
    for (size_t i = start; i < end; ++i) {
      const Draft& draft = drafts[i];
      RowOutcome& outcome = outcomes[i - start];
      outcome.planned.row = draft.row;
      if (!draft.key) continue;
      const auto found = matches.find(*draft.key);
      if (found != matches.end() && visible(found->second, caller)) {
        const auto [seen, fresh] = matched_seen.emplace(found->second.id, draft.row);
        if (!fresh) {
          outcome.skip = true;
          add_error({draft.row, "", record.match_by, "import.duplicate_in_file",
                     fmt::format("Row {} already updates customer {}.", seen->second,
                                 found->second.number)});
          continue;
        }
        outcome.existing_id = found->second.id;
      } else if (record.match_by == "number") {
        outcome.skip = true;
        add_error({draft.row, "", "number", "import.number_not_found",
                   fmt::format("There is no customer {} that you can see.", *draft.key)});
      }
      // A phone/email match outside the caller's scope is reported as taken in 3e.
    }
    // 3b: the stored rows being updated.
    CRM_TRY(db_.read([&](storage::Connection& db) -> Result<void> {
      for (auto& outcome : outcomes) {
        if (outcome.skip || outcome.existing_id == 0) continue;
        CRM_TRY_ASSIGN(auto stored, repository_.find(db, outcome.existing_id));
        if (!stored) {
          outcome.skip = true;  // erased meanwhile: the write phase would fail; skip row
        } else {
          outcome.planned.existing = std::move(*stored);
        }
      }
      return {};
    }));
    // 3c (in parallel): each row on its own.
    parallel_ranges(outcomes.size(), threads, [&](size_t begin, size_t stop) {
      for (size_t k = begin; k < stop; ++k) {
        RowOutcome& outcome = outcomes[k];
        if (outcome.skip) continue;
        const Draft& draft = drafts[start + k];
        PlannedRow& planned = outcome.planned;
        auto error = [&](std::string field, std::string code, std::string message) {
          outcome.errors.push_back(
              {draft.row, "", std::move(field), std::move(code), std::move(message)});
        };
        if (planned.existing) {
          auto current = customers_.opened(*planned.existing);
          if (!current) {
            outcome.fatal = std::move(current).error();
            outcome.skip = true;
            continue;
          }
          planned.before = std::move(current->fields);
        }
        auto body = row_body(draft.cells);
        if (!body) {
          error(body.error().field, body.error().code, body.error().message);
          outcome.skip = true;
          continue;
        }
        auto fields = parse_fields(body->body, planned.before, !planned.existing, today);
        if (!fields) {
          error(import_field_of(fields.error().field), fields.error().code,
                fields.error().message);
          outcome.skip = true;
          continue;
        }
        planned.fields = std::move(fields).value();
        if (body->has_tags) {
          auto tags = normalize_tags(body->tags);
          if (!tags) {
            error("tags", tags.error().code, tags.error().message);
          } else {
            planned.tags = std::move(tags).value();
          }
        }
        for (auto& category : body->categories) {
          const size_t chars = static_cast<size_t>(std::count_if(
              category.begin(), category.end(),
              [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
          if (chars > kMaxCategoryName || !is_valid_utf8(category)) {
            error("categories", "validation.length",
                  "Category names must be at most 32 characters.");
            break;
          }
          if (std::find(planned.categories.begin(), planned.categories.end(), category) ==
              planned.categories.end()) {
            planned.categories.push_back(category);
          }
        }
        if (planned.fields.phone) {
          planned.phone_index = keyring_.blind_index("phone", *planned.fields.phone);
        }
        if (planned.fields.email) {
          planned.email_index = keyring_.blind_index("email", *planned.fields.email);
        }
      }
    });
    // 3d (in row order): errors, duplicates within the file, the plan.
    std::vector<PlannedRow> checked;
    checked.reserve(outcomes.size());
    for (auto& outcome : outcomes) {
      if (outcome.fatal) return std::move(*outcome.fatal);
      for (auto& error : outcome.errors) add_error(std::move(error));
      if (outcome.skip) continue;
      PlannedRow& planned = outcome.planned;
      if (planned.phone_index) {
        const auto [seen, fresh] = phones_seen.emplace(*planned.phone_index, planned.row);
        if (!fresh) {
          add_error({planned.row, "", "phone", "import.duplicate_in_file",
                     fmt::format("Row {} has the same phone number.", seen->second)});
        }
      }
      if (planned.email_index) {
        const auto [seen, fresh] = emails_seen.emplace(*planned.email_index, planned.row);
        if (!fresh) {
          add_error({planned.row, "", "email", "import.duplicate_in_file",
                     fmt::format("Row {} has the same email address.", seen->second)});
        }
      }
      // Kept even with an error so that 3e reports its conflicts too; any error means nothing
      // is written.
      checked.push_back(std::move(planned));
    }
    // 3e: phones and emails already owned by another customer than the matched one.
    CRM_TRY(check_taken(checked, add_error));
    if (stream == nullptr) {
      for (auto& row : checked) plan.rows.push_back(std::move(row));
    } else if (!aborted && !plan.errors.empty()) {
      stream->abort();
      aborted = true;
    } else if (!aborted) {
      stream->push(std::move(checked));  // false: the write failed; its error is the outcome
    }
    plan.processed = static_cast<int64_t>(end);
    if (progress) {
      CRM_TRY(progress(plan.processed));
    } else {
      CRM_TRY(db_.transaction([&](storage::Connection& tx) {
        return transfers_.set_import_progress(tx, record.id, plan.processed);
      }));
    }
  }
  drafts = {};
  outcomes = {};
  std::stable_sort(plan.errors.begin(), plan.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
  plan.processed = static_cast<int64_t>(table.rows.size());
  return plan;
}

Result<void> ImportChecker::check_taken(
    const std::vector<PlannedRow>& rows,
    const std::function<void(ImportError)>& add_error) const {
  std::vector<std::string> phone_keys, email_keys;
  for (const auto& row : rows) {
    if (row.phone_index) phone_keys.push_back(*row.phone_index);
    if (row.email_index) email_keys.push_back(*row.email_index);
  }
  CRM_TRY_ASSIGN(auto phone_owners, db_.read([&](storage::Connection& db) {
                   return lookup(db, "phone_index", phone_keys);
                 }));
  CRM_TRY_ASSIGN(auto email_owners, db_.read([&](storage::Connection& db) {
                   return lookup(db, "email_index", email_keys);
                 }));
  for (const auto& row : rows) {
    const int64_t self = row.existing ? row.existing->id : 0;
    if (row.phone_index) {
      const auto owner = phone_owners.find(*row.phone_index);
      if (owner != phone_owners.end() && owner->second.id != self) {
        add_error({row.row, "", "phone", "customer.phone_taken",
                   fmt::format("Customer {} already has this phone number.",
                               owner->second.number)});
      }
    }
    if (row.email_index) {
      const auto owner = email_owners.find(*row.email_index);
      if (owner != email_owners.end() && owner->second.id != self) {
        add_error({row.row, "", "email", "customer.email_taken",
                   fmt::format("Customer {} already has this email address.",
                               owner->second.number)});
      }
    }
  }
  return {};
}

}  // namespace crm::customers
