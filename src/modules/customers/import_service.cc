// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/import_fields.h"
#include "modules/customers/tabular/table.h"

namespace crm::customers {

namespace {

constexpr size_t kErrorsShown = 50;
constexpr size_t kPreviewRows = 10;
constexpr size_t kLookupChunk = 500;  // values per IN (…): well under both dialects' limits
constexpr size_t kMaxCategoryName = 32;

Error import_not_found() {
  return not_found("import.not_found", "The import does not exist or is not yours.");
}

Error mapping_invalid(std::string message) {
  return invalid_input("import.mapping_invalid", std::move(message), "mapping");
}

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
  for (size_t start = 0; start < keys.size(); start += kLookupChunk) {
    const size_t n = std::min(kLookupChunk, keys.size() - start);
    std::string sql = fmt::format(
        "SELECT {}, id, number, owner_id, deleted_at_ms FROM customers WHERE {} IN (", column,
        column);
    for (size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
    std::vector<storage::Value> params(keys.begin() + static_cast<std::ptrdiff_t>(start),
                                       keys.begin() + static_cast<std::ptrdiff_t>(start + n));
    CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
    for (const auto& r : rows) {
      found[r.get_string(0)] = {r.get_int(1), r.get_string(2), r.get_int(3), !r.is_null(4)};
    }
  }
  return found;
}

Json error_json(const ImportError& e) {
  return {{"row", e.row}, {"column", e.column}, {"field", e.field}, {"code", e.code},
          {"message", e.message}};
}

bool visible(const Existing& existing, const Caller& caller) {
  const auto owner = scope_owner(caller.actor);
  return !existing.deleted && (!owner || existing.owner_id == *owner);
}

}  // namespace

// One checked row, ready to write.
struct PlannedRow {
  int64_t row = 0;
  CustomerFields fields;
  std::optional<StoredCustomer> existing;  // set: an update of this stored row
  CustomerFields before;                   // the existing row's plaintext fields
  std::optional<std::string> phone_index, email_index;
  std::vector<std::string> tags, categories;
};

struct ImportService::Plan {
  std::vector<PlannedRow> rows;
  std::vector<ImportError> errors;
  int64_t processed = 0;
};

Json caller_json(const Caller& caller) {
  const auto& a = caller.actor;
  const auto& e = caller.audit;
  return {{"actor",
           {{"user_id", a.user_id}, {"username", a.username}, {"display_name", a.display_name},
            {"department_id", a.department_id}, {"data_scope", a.data_scope}}},
          {"audit",
           {{"actor_id", e.actor_id ? Json(*e.actor_id) : Json(nullptr)},
            {"actor_name", e.actor_name}, {"ip", e.ip}, {"request_id", e.request_id}}}};
}

Caller caller_from_json(const Json& json) {
  Caller caller;
  const Json actor = json.value("actor", Json::object());
  caller.actor.user_id = actor.value("user_id", int64_t{0});
  caller.actor.username = actor.value("username", "");
  caller.actor.display_name = actor.value("display_name", "");
  caller.actor.department_id = actor.value("department_id", int64_t{0});
  // A payload without a scope sees only its own customers, never everything.
  caller.actor.data_scope = actor.value("data_scope", "own");
  const Json audit = json.value("audit", Json::object());
  if (audit.contains("actor_id") && audit["actor_id"].is_number_integer()) {
    caller.audit.actor_id = audit["actor_id"].get<int64_t>();
  }
  caller.audit.actor_name = audit.value("actor_name", "");
  caller.audit.ip = audit.value("ip", "");
  caller.audit.request_id = audit.value("request_id", "");
  return caller;
}

Json to_json(const ImportRecord& r) {
  auto optional_ms = [](const std::optional<int64_t>& ms) { return ms ? Json(*ms) : Json(nullptr); };
  return {{"id", r.id},
          {"filename", r.filename},
          {"format", r.format},
          {"status", r.status},
          {"dry_run", r.dry_run},
          {"match_by", r.match_by},
          {"mapping", r.mapping},
          {"columns", r.columns},
          {"preview", r.preview},
          {"suggested_mapping", r.suggested_mapping},
          {"row_count", r.row_count},
          {"processed", r.processed},
          {"created", r.created},
          {"updated", r.updated},
          {"error_count", r.error_count},
          {"errors", r.errors},
          {"failure", r.failure.empty() ? Json(nullptr) : Json(r.failure)},
          {"created_at", r.created_at_ms},
          {"created_by", r.created_by},
          {"started_at", optional_ms(r.started_at_ms)},
          {"finished_at", optional_ms(r.finished_at_ms)}};
}

Result<ImportRecord> ImportService::upload(const Caller& caller, std::string_view filename,
                                           std::string_view bytes) {
  const std::string name(trim(filename));
  if (name.empty()) {
    return invalid_input("validation.required", "filename is required.", "filename");
  }
  if (name.size() > 255 || !is_valid_utf8(name)) {
    return invalid_input("validation.length", "filename must be at most 255 bytes of text.",
                         "filename");
  }
  tabular::Format format = tabular::Format::kCsv;
  CRM_TRY_ASSIGN(tabular::Table table, tabular::read_table(bytes, &format));
  ImportRecord record;
  record.filename = name;
  record.format = format == tabular::Format::kXlsx ? "xlsx" : "csv";
  const auto header = unique_header(table.header);
  record.columns = header;
  record.suggested_mapping = suggest_mapping(header);
  record.row_count = static_cast<int64_t>(table.rows.size());
  for (size_t i = 0; i < table.rows.size() && i < kPreviewRows; ++i) {
    auto row = table.rows[i];
    row.resize(header.size());
    record.preview.push_back(row);
  }
  record.created_at_ms = clock_.now_ms();
  record.created_by = caller.actor.user_id;
  const std::string file(bytes);
  return db_.transaction([&](storage::Connection& tx) -> Result<ImportRecord> {
    CRM_TRY_ASSIGN(record.id, transfers_.insert_import(tx, record, file));
    return record;
  });
}

Result<ImportRecord> ImportService::get(const Caller& caller, int64_t id) {
  return db_.read([&](storage::Connection& db) -> Result<ImportRecord> {
    CRM_TRY_ASSIGN(auto record, transfers_.find_import(db, id));
    if (!record || record->created_by != caller.actor.user_id) return import_not_found();
    return std::move(*record);
  });
}

Result<std::vector<ImportRecord>> ImportService::list(const Caller& caller, int64_t before_id,
                                                      int limit) {
  return db_.read([&](storage::Connection& db) {
    return transfers_.list_imports(db, caller.actor.user_id, before_id, limit);
  });
}

Result<std::string> ImportService::errors_csv(const Caller& caller, int64_t id) {
  CRM_TRY(get(caller, id));
  CRM_TRY_ASSIGN(auto errors, db_.read([&](storage::Connection& db) {
                   return transfers_.import_errors(db, id);
                 }));
  std::vector<std::vector<std::string>> rows;
  rows.reserve(errors.size());
  for (const auto& e : errors) {
    rows.push_back({std::to_string(e.row), e.column, e.field, e.code, e.message});
  }
  return tabular::write_csv({"行号", "列", "字段", "错误代码", "错误说明"}, rows);
}

Result<ImportRecord> ImportService::start(const Caller& caller, int64_t id, const Json& body) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  CRM_TRY_ASSIGN(ImportRecord record, get(caller, id));
  if (!body.contains("mapping") || !body["mapping"].is_object()) {
    return mapping_invalid("mapping must be an object {column: field}.");
  }
  Json mapping = Json::object();
  std::set<std::string> fields;
  for (const auto& [column, field] : body["mapping"].items()) {
    const auto& columns = record.columns;
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      return mapping_invalid(fmt::format("The file has no column \"{}\".", column));
    }
    if (field.is_null()) continue;
    if (!field.is_string() || !is_import_field(field.get<std::string>())) {
      return mapping_invalid(fmt::format("Column \"{}\" is mapped to an unknown field.", column));
    }
    if (!fields.insert(field.get<std::string>()).second) {
      return mapping_invalid(
          fmt::format("Field {} is mapped to more than one column.", field.get<std::string>()));
    }
    mapping[column] = field;
  }
  if (!fields.contains("name")) return mapping_invalid("Map a column to the field name.");
  CRM_TRY_ASSIGN(auto match_by, optional_string(body, "match_by"));
  record.match_by = match_by.value_or("phone");
  if (record.match_by != "phone" && record.match_by != "email" && record.match_by != "number" &&
      record.match_by != "none") {
    return invalid_input("validation.enum", "match_by must be phone, email, number or none.",
                         "match_by");
  }
  if (record.match_by == "number" && !fields.contains("number")) {
    return mapping_invalid("match_by number needs a column mapped to the field number.");
  }
  CRM_TRY_ASSIGN(auto dry_run, optional_bool(body, "dry_run"));
  record.dry_run = dry_run.value_or(false);
  record.mapping = mapping;
  return db_.transaction([&](storage::Connection& tx) -> Result<ImportRecord> {
    CRM_TRY_ASSIGN(const bool queued, transfers_.queue_import(tx, record));
    if (!queued) {
      return conflict("import.not_startable",
                      fmt::format("The import is already {}.", record.status));
    }
    Json payload = caller_json(caller);
    payload["import_id"] = id;
    CRM_TRY(jobs_.enqueue(tx, kImportQueue, dump_json(payload)));
    record.status = "queued";
    return record;
  });
}

Result<void> ImportService::check(const Caller& caller, const ImportRecord& record, Plan& plan) {
  CRM_TRY_ASSIGN(auto file, db_.read([&](storage::Connection& db) {
                   return transfers_.import_file(db, record.id);
                 }));
  if (!file) return invalid_input("import.file_missing", "The uploaded file is gone.");
  CRM_TRY_ASSIGN(tabular::Table table, tabular::read_table(*file));
  file.reset();
  const auto header = unique_header(table.header);

  // Column index -> field, and field -> column title for error reports.
  std::vector<std::pair<size_t, std::string>> mapped;
  std::map<std::string, std::string, std::less<>> column_of;
  for (size_t i = 0; i < header.size(); ++i) {
    const auto found = record.mapping.find(header[i]);
    if (found == record.mapping.end() || !found->is_string()) continue;
    mapped.emplace_back(i, found->get<std::string>());
    column_of[found->get<std::string>()] = header[i];
  }
  auto add_error = [&](int64_t row, std::string field, std::string code, std::string message) {
    const auto column = column_of.find(field);
    plan.errors.push_back({row, column == column_of.end() ? "" : column->second, std::move(field),
                           std::move(code), std::move(message)});
  };

  // Phase 1: each row's cells and the key it is matched by.
  struct Draft {
    int64_t row = 0;
    std::vector<std::pair<std::string, ImportCell>> cells;
    std::optional<std::string> key;
  };
  std::vector<Draft> drafts;
  drafts.reserve(table.rows.size());
  std::vector<std::string> keys;
  for (size_t i = 0; i < table.rows.size(); ++i) {
    Draft draft;
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
    cells = {};  // the plan holds what is needed; keep memory flat on big files
    if (draft.cells.empty()) continue;  // a blank line is not a customer
    if (draft.key) keys.push_back(*draft.key);
    drafts.push_back(std::move(draft));
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

  // Phase 3: the create/update rules on every row, progress every kProgressEvery rows.
  const std::string today = merchant_date(clock_.now_ms());
  std::unordered_map<std::string, int64_t> phones_seen, emails_seen;
  std::unordered_map<int64_t, int64_t> matched_seen;
  for (size_t start = 0; start < drafts.size(); start += kProgressEvery) {
    const size_t end = std::min(drafts.size(), start + static_cast<size_t>(kProgressEvery));
    CRM_TRY(db_.read([&](storage::Connection& db) -> Result<void> {
      for (size_t i = start; i < end; ++i) {
        Draft& draft = drafts[i];
        PlannedRow planned;
        planned.row = draft.row;
        if (draft.key) {
          const auto found = matches.find(*draft.key);
          if (found != matches.end() && visible(found->second, caller)) {
            const auto [seen, fresh] = matched_seen.emplace(found->second.id, draft.row);
            if (!fresh) {
              add_error(draft.row, record.match_by, "import.duplicate_in_file",
                        fmt::format("Row {} already updates customer {}.", seen->second,
                                    found->second.number));
              continue;
            }
            CRM_TRY_ASSIGN(auto stored, repository_.find(db, found->second.id));
            if (!stored) continue;  // erased meanwhile: the write phase would fail; skip row
            CRM_TRY_ASSIGN(Customer current, customers_.opened(*stored));
            planned.before = current.fields;
            planned.existing = std::move(*stored);
          } else if (record.match_by == "number") {
            add_error(draft.row, "number", "import.number_not_found",
                      fmt::format("There is no customer {} that you can see.", *draft.key));
            continue;
          }
          // A phone/email match outside the caller's scope is reported as taken below.
        }
        auto body = row_body(draft.cells);
        if (!body) {
          const std::string field = body.error().field;
          add_error(draft.row, field, body.error().code, body.error().message);
          continue;
        }
        auto fields = parse_fields(body->body, planned.before, !planned.existing, today);
        if (!fields) {
          add_error(draft.row, import_field_of(fields.error().field), fields.error().code,
                    fields.error().message);
          continue;
        }
        planned.fields = std::move(fields).value();
        if (body->has_tags) {
          auto tags = normalize_tags(body->tags);
          if (!tags) {
            add_error(draft.row, "tags", tags.error().code, tags.error().message);
          } else {
            planned.tags = std::move(tags).value();
          }
        }
        for (auto& category : body->categories) {
          const size_t chars = static_cast<size_t>(std::count_if(
              category.begin(), category.end(),
              [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
          if (chars > kMaxCategoryName || !is_valid_utf8(category)) {
            add_error(draft.row, "categories", "validation.length",
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
          const auto [seen, fresh] = phones_seen.emplace(*planned.phone_index, draft.row);
          if (!fresh) {
            add_error(draft.row, "phone", "import.duplicate_in_file",
                      fmt::format("Row {} has the same phone number.", seen->second));
          }
        }
        if (planned.fields.email) {
          planned.email_index = keyring_.blind_index("email", *planned.fields.email);
          const auto [seen, fresh] = emails_seen.emplace(*planned.email_index, draft.row);
          if (!fresh) {
            add_error(draft.row, "email", "import.duplicate_in_file",
                      fmt::format("Row {} has the same email address.", seen->second));
          }
        }
        // Kept even with an error so that phase 4 reports its conflicts too; any error means
        // nothing is written.
        plan.rows.push_back(std::move(planned));
      }
      return {};
    }));
    plan.processed = static_cast<int64_t>(end);
    CRM_TRY(db_.transaction([&](storage::Connection& tx) {
      return transfers_.set_import_progress(tx, record.id, plan.processed);
    }));
  }
  drafts.clear();

  // Phase 4: phones and emails already owned by another customer than the matched one.
  std::vector<std::string> phone_keys, email_keys;
  for (const auto& row : plan.rows) {
    if (row.phone_index) phone_keys.push_back(*row.phone_index);
    if (row.email_index) email_keys.push_back(*row.email_index);
  }
  CRM_TRY_ASSIGN(auto phone_owners, db_.read([&](storage::Connection& db) {
                   return lookup(db, "phone_index", phone_keys);
                 }));
  CRM_TRY_ASSIGN(auto email_owners, db_.read([&](storage::Connection& db) {
                   return lookup(db, "email_index", email_keys);
                 }));
  for (const auto& row : plan.rows) {
    const int64_t self = row.existing ? row.existing->id : 0;
    if (row.phone_index) {
      const auto owner = phone_owners.find(*row.phone_index);
      if (owner != phone_owners.end() && owner->second.id != self) {
        add_error(row.row, "phone", "customer.phone_taken",
                  fmt::format("Customer {} already has this phone number.", owner->second.number));
      }
    }
    if (row.email_index) {
      const auto owner = email_owners.find(*row.email_index);
      if (owner != email_owners.end() && owner->second.id != self) {
        add_error(row.row, "email", "customer.email_taken",
                  fmt::format("Customer {} already has this email address.", owner->second.number));
      }
    }
  }
  std::stable_sort(plan.errors.begin(), plan.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
  plan.processed = static_cast<int64_t>(table.rows.size());
  return {};
}

Result<void> ImportService::write(const Caller& caller, ImportRecord& record, Plan& plan) {
  const int64_t now = clock_.now_ms();
  std::string day = merchant_date(now);
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    // Category names -> ids; unknown names are created.
    std::unordered_map<std::string, int64_t> category_ids;
    CRM_TRY_ASSIGN(auto existing_categories, tx.query("SELECT id, name FROM customer_categories"));
    for (const auto& r : existing_categories) category_ids[r.get_string(1)] = r.get_int(0);
    int64_t created = 0, updated = 0;
    for (auto& planned : plan.rows) {
      Json changes;
      int64_t id = 0;
      if (planned.existing) {
        StoredCustomer row = std::move(*planned.existing);
        id = row.id;
        changes = diff_fields(planned.before, planned.fields);
        if (!changes.empty()) {
          customers_.seal(row, planned.before, planned.fields);
          row.version += 1;
          row.updated_at_ms = now;
          row.updated_by = caller.actor.user_id;
          CRM_TRY_ASSIGN(const bool written, repository_.update(tx, row));
          if (!written) {
            return conflict("import.changed_meanwhile",
                            fmt::format("Customer {} changed during the import; it runs again.",
                                        row.number));
          }
        }
        ++updated;
      } else {
        StoredCustomer row;
        CRM_TRY_ASSIGN(row.number, repository_.next_number(tx, day));
        customers_.seal(row, CustomerFields{}, planned.fields);
        row.owner_id = caller.actor.user_id;
        row.created_at_ms = row.updated_at_ms = now;
        row.created_by = row.updated_by = caller.actor.user_id;
        row.version = 1;
        CRM_TRY_ASSIGN(id, repository_.insert(tx, row));
        changes = diff_fields(CustomerFields{}, planned.fields);
        ++created;
      }
      Json added_tags = Json::array();
      for (const auto& tag : planned.tags) {
        CRM_TRY_ASSIGN(const bool added, repository_.add_tag(tx, id, tag));
        if (added) added_tags.push_back(tag);
      }
      if (!added_tags.empty()) changes["tags"] = {{"added", added_tags}};
      Json added_categories = Json::array();
      for (const auto& name : planned.categories) {
        auto found = category_ids.find(name);
        if (found == category_ids.end()) {
          Category category;
          category.name = name;
          category.created_at_ms = category.updated_at_ms = now;
          CRM_TRY_ASSIGN(const int64_t category_id, categories_.insert(tx, category));
          found = category_ids.emplace(name, category_id).first;
        }
        CRM_TRY_ASSIGN(const bool added, categories_.add_member(tx, found->second, id));
        if (added) added_categories.push_back(name);
      }
      if (!added_categories.empty()) changes["categories"] = {{"added", added_categories}};
      changes["import_id"] = record.id;
      CRM_TRY(repository_.add_history(tx, id, HistoryEntry{now, caller.audit.actor_id,
                                                           caller.audit.actor_name, "imported",
                                                           dump_json(changes)}));
    }
    audit::AuditEntry entry = caller.audit;
    entry.action = "customer.imported";
    entry.target_type = "customer_import";
    entry.target_id = std::to_string(record.id);
    entry.changes = {{"filename", record.filename}, {"created", created}, {"updated", updated},
                     {"match_by", record.match_by}};
    CRM_TRY(audit_.record(tx, entry));
    record.status = "succeeded";
    record.created = created;
    record.updated = updated;
    record.processed = plan.processed;
    record.finished_at_ms = now;
    CRM_TRY_ASSIGN(const bool finished, transfers_.finish_import(tx, record));
    if (!finished) return conflict("import.not_running", "The import finished elsewhere.");
    return {};
  });
}

Result<void> ImportService::finish_failed(ImportRecord& record,
                                          const std::vector<ImportError>& errors) {
  record.status = "failed";
  record.error_count = static_cast<int64_t>(errors.size());
  record.errors = Json::array();
  for (size_t i = 0; i < errors.size() && i < kErrorsShown; ++i) {
    record.errors.push_back(error_json(errors[i]));
  }
  record.finished_at_ms = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(transfers_.replace_import_errors(tx, record.id, errors));
    CRM_TRY(transfers_.finish_import(tx, record));
    return {};
  });
}

Result<void> ImportService::run(const storage::Job& job) {
  CRM_TRY_ASSIGN(Json payload, parse_json(job.payload));
  const int64_t id = payload.value("import_id", int64_t{0});
  const Caller caller = caller_from_json(payload);
  CRM_TRY_ASSIGN(const bool running, db_.transaction([&](storage::Connection& tx) {
                   return transfers_.mark_import_running(tx, id, clock_.now_ms());
                 }));
  if (!running) return {};  // finished by an earlier attempt (at-least-once delivery)
  CRM_TRY_ASSIGN(auto found, db_.read([&](storage::Connection& db) {
                   return transfers_.find_import(db, id);
                 }));
  if (!found) return {};
  ImportRecord record = std::move(*found);
  Plan plan;
  Result<void> outcome = check(caller, record, plan);
  if (outcome) {
    record.processed = plan.processed;
    if (!plan.errors.empty()) {
      outcome = finish_failed(record, plan.errors);
    } else if (record.dry_run) {
      record.status = "succeeded";
      for (const auto& row : plan.rows) ++(row.existing ? record.updated : record.created);
      record.finished_at_ms = clock_.now_ms();
      outcome = db_.transaction([&](storage::Connection& tx) -> Result<void> {
        CRM_TRY(transfers_.finish_import(tx, record));
        return {};
      });
    } else {
      outcome = write(caller, record, plan);
    }
  }
  if (outcome) return {};
  // Bad input never gets better: fail now. Anything else (storage down, a customer changed
  // meanwhile) is retried until the last attempt, then the import is failed with the reason.
  const Error& error = outcome.error();
  if (error.kind != ErrorKind::kInvalidInput && job.attempts < job.max_attempts) return error;
  record.status = "failed";
  record.failure = error.message;
  record.finished_at_ms = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(transfers_.finish_import(tx, record));
    return {};
  });
}

}  // namespace crm::customers
