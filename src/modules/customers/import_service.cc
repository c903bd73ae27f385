// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_service.h"

#include <pthread.h>

#include <algorithm>
#include <exception>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/log.h"
#include "core/stopwatch.h"
#include "core/text.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/import_fields.h"
#include "modules/customers/tabular/table.h"

namespace crm::customers {

namespace {

constexpr size_t kErrorsShown = 50;
constexpr size_t kPreviewRows = 10;

Error import_not_found() {
  return not_found("import.not_found", "The import does not exist or is not yours.");
}

Error mapping_invalid(std::string message) {
  return invalid_input("import.mapping_invalid", std::move(message), "mapping");
}

Json error_json(const ImportError& e) {
  return {{"row", e.row}, {"column", e.column}, {"field", e.field}, {"code", e.code},
          {"message", e.message}};
}

}  // namespace

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
  const auto header = tabular::unique_header(table.header);
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
    overlay_progress(*record);
    return std::move(*record);
  });
}

Result<std::vector<ImportRecord>> ImportService::list(const Caller& caller, int64_t before_id,
                                                      int limit) {
  CRM_TRY_ASSIGN(auto records, db_.read([&](storage::Connection& db) {
                   return transfers_.list_imports(db, caller.actor.user_id, before_id, limit);
                 }));
  for (auto& record : records) overlay_progress(record);
  return records;
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

Result<ImportPlan> ImportService::check_while_writing(const Caller& caller,
                                                      const ImportRecord& record,
                                                      ImportRecord& written_record,
                                                      Result<void>& written) {
  PlanStream stream;
  std::thread writer([&] {
    pthread_setname_np(pthread_self(), "crm-import-wr");  // for top -H and perf
    try {
      written = writer_.write(caller, written_record, stream);
    } catch (const std::exception& e) {
      stream.stop();
      written = internal_error(std::string("import write: ") + e.what());
    }
  });
  ImportChecker::Progress progress;
  if (db_.dialect() == storage::Dialect::kSqlite) {
    // The write holds SQLite's only write lock until it commits: progress is kept here.
    progress = [this, id = record.id](int64_t processed) -> Result<void> {
      std::lock_guard lock(live_mutex_);
      live_progress_[id] = processed;
      return {};
    };
  }
  auto checked = checker_.check(caller, record, &stream, progress);
  if (checked && checked->errors.empty()) {
    stream.finish(checked->processed);
  } else {
    stream.abort();
  }
  writer.join();
  std::lock_guard lock(live_mutex_);
  live_progress_.erase(record.id);
  return checked;
}

void ImportService::overlay_progress(ImportRecord& record) const {
  if (record.status != "running") return;
  std::lock_guard lock(live_mutex_);
  const auto live = live_progress_.find(record.id);
  if (live != live_progress_.end()) record.processed = std::max(record.processed, live->second);
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
  ImportPlan plan;
  Result<void> outcome = {};
  Result<void> written = {};
  ImportRecord written_record = record;  // the write's own copy (its thread fills it in)
  Stopwatch watch;
  auto checked = record.dry_run ? checker_.check(caller, record)
                                : check_while_writing(caller, record, written_record, written);
  log::info("customers.import_checked",
            {{"import_id", id}, {"ok", static_cast<bool>(checked)}, {"timings", watch.lap()}});
  if (!checked) {
    outcome = std::move(checked).error();
  } else {
    plan = std::move(checked).value();
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
      outcome = written;
      if (written) record = std::move(written_record);
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
