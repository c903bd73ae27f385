// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_import.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/import_service.h"
#include "modules/customers/tabular/table.h"
#include "modules/orders/order_import_columns.h"
#include "modules/orders/order_import_rows.h"
#include "modules/orders/order_import_writer.h"
#include "storage/outbox.h"

namespace crm::orders {

namespace {

constexpr int64_t kProgressEveryMs = 1000;

Error import_not_found() {
  return not_found("import.not_found", "The import does not exist or is not yours.");
}

Json error_json(const ImportError& e) {
  return {{"row", e.row}, {"column", e.column}, {"code", e.code}, {"message", e.message}};
}

// Ends the write transaction when a row was refused while writing (nothing is kept).
const Error kRowsRefused{ErrorKind::kConflict, "order_import.rows_refused", "", ""};

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Json to_json(const OrderImportRecord& r) {
  auto optional_ms = [](const std::optional<int64_t>& ms) { return ms ? Json(*ms) : Json(nullptr); };
  return {{"id", r.id},
          {"filename", r.filename},
          {"format", r.format},
          {"status", r.status},
          {"phase", r.phase.empty() ? Json(nullptr) : Json(r.phase)},
          {"dry_run", r.dry_run},
          {"mapping", r.mapping},
          {"columns", r.columns},
          {"preview", r.preview},
          {"suggested_mapping", r.suggested_mapping},
          {"row_count", r.row_count},
          {"processed", r.processed},
          {"orders", r.order_count},
          {"created", r.created},
          {"skipped", r.skipped},
          {"error_count", r.error_count},
          {"errors", r.errors},
          {"failure", r.failure.empty() ? Json(nullptr) : Json(r.failure)},
          {"created_at", r.created_at_ms},
          {"created_by", r.created_by},
          {"started_at", optional_ms(r.started_at_ms)},
          {"finished_at", optional_ms(r.finished_at_ms)}};
}

Result<OrderImportRecord> OrderImport::upload(const customers::Caller& caller,
                                              std::string_view filename, std::string_view bytes) {
  const std::string name(trim(filename));
  if (name.empty()) {
    return invalid_input("validation.required", "filename is required.", "filename");
  }
  if (name.size() > 255 || !is_valid_utf8(name)) {
    return invalid_input("validation.length", "filename must be at most 255 bytes of text.",
                         "filename");
  }
  OrderImportRecord record;
  record.filename = name;
  record.format = tabular::detect_format(bytes) == tabular::Format::kXlsx ? "xlsx" : "csv";
  record.created_at_ms = env_.clock.now_ms();
  record.created_by = caller.actor.user_id;
  return env_.db.transaction([&](storage::Connection& tx) -> Result<OrderImportRecord> {
    CRM_TRY_ASSIGN(record.id, imports_.insert_import(tx, record));
    CRM_TRY_ASSIGN(SplitFile file,
                   split_file(bytes, kPartBytes, kPreviewRows, [&](const ImportPart& part) {
                     return imports_.insert_part(tx, record.id, part);
                   }));
    const auto header = tabular::unique_header(file.header);
    record.format = file.format;
    record.columns = header;
    record.suggested_mapping = suggest_mapping(header);
    record.preview = file.preview;
    record.row_count = file.row_count;
    CRM_TRY(imports_.describe_upload(tx, record));
    return record;
  });
}

void OrderImport::set_live(int64_t id, std::string phase, int64_t processed) {
  std::lock_guard lock(live_mutex_);
  live_[id] = {std::move(phase), processed};
}

void OrderImport::apply_live(OrderImportRecord& record) {
  std::lock_guard lock(live_mutex_);
  if (auto found = live_.find(record.id); found != live_.end() && record.status == "running") {
    record.phase = found->second.first;
    record.processed = found->second.second;
  }
}

Result<OrderImportRecord> OrderImport::get(const customers::Caller& caller, int64_t id) {
  CRM_TRY_ASSIGN(auto record, env_.db.read([&](storage::Connection& db) {
                   return imports_.find_import(db, id);
                 }));
  if (!record || record->created_by != caller.actor.user_id) return import_not_found();
  apply_live(*record);
  return std::move(*record);
}

Result<std::vector<OrderImportRecord>> OrderImport::list(const customers::Caller& caller,
                                                         int64_t before_id, int limit) {
  CRM_TRY_ASSIGN(auto records, env_.db.read([&](storage::Connection& db) {
                   return imports_.list_imports(db, caller.actor.user_id, before_id, limit);
                 }));
  for (auto& record : records) apply_live(record);
  return records;
}

Result<std::string> OrderImport::errors_csv(const customers::Caller& caller, int64_t id) {
  CRM_TRY(get(caller, id));
  CRM_TRY_ASSIGN(auto errors, env_.db.read([&](storage::Connection& db) {
                   return imports_.errors(db, id);
                 }));
  std::vector<std::vector<std::string>> rows;
  rows.reserve(errors.size());
  for (const auto& e : errors) rows.push_back({std::to_string(e.row), e.column, e.code, e.message});
  return tabular::write_csv({"行号", "列", "错误代码", "错误说明"}, rows);
}

Result<OrderImportRecord> OrderImport::start(const customers::Caller& caller, int64_t id,
                                             const Json& body, bool run_now) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  CRM_TRY_ASSIGN(OrderImportRecord record, get(caller, id));
  CRM_TRY_ASSIGN(record.mapping,
                 check_mapping(body.contains("mapping") ? body["mapping"] : Json(nullptr),
                               record.columns));
  if (body.contains("dry_run") && !body["dry_run"].is_boolean()) {
    return invalid_input("validation.type", "dry_run must be true or false.", "dry_run");
  }
  record.dry_run = body.value("dry_run", false);
  auto queued = env_.db.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(const bool changed, imports_.queue_import(tx, record));
    if (!changed) {
      return conflict("import.not_startable",
                      fmt::format("The import is already {}.", record.status));
    }
    if (!run_now) {
      Json payload = customers::caller_json(caller);
      payload["import_id"] = id;
      CRM_TRY(env_.jobs.enqueue(tx, kOrderImportQueue, dump_json(payload)));
    }
    return {};
  });
  if (!queued) return std::move(queued).error();
  if (run_now) {
    CRM_TRY(execute(id, caller, 1, 1));
    return get(caller, id);
  }
  record.status = "queued";
  return record;
}

Result<void> OrderImport::run(const storage::Job& job) {
  CRM_TRY_ASSIGN(Json payload, parse_json(job.payload));
  return execute(payload.value("import_id", int64_t{0}), customers::caller_from_json(payload),
                 job.attempts, job.max_attempts);
}

Result<void> OrderImport::finish(OrderImportRecord& record,
                                 const std::vector<ImportError>* errors) {
  record.finished_at_ms = env_.clock.now_ms();
  if (errors) {
    record.errors = Json::array();
    for (size_t i = 0; i < errors->size() && i < kErrorsShown; ++i) {
      record.errors.push_back(error_json((*errors)[i]));
    }
  }
  auto done = env_.db.transaction([&](storage::Connection& tx) -> Result<void> {
    if (errors) CRM_TRY(imports_.replace_errors(tx, record.id, *errors));
    CRM_TRY(imports_.finish_import(tx, record));
    return {};
  });
  std::lock_guard lock(live_mutex_);
  live_.erase(record.id);
  return done;
}

Result<void> OrderImport::execute(int64_t id, const customers::Caller& caller, int attempts,
                                  int max_attempts) {
  CRM_TRY_ASSIGN(const bool running, env_.db.transaction([&](storage::Connection& tx) {
                   return imports_.mark_running(tx, id, env_.clock.now_ms());
                 }));
  if (!running) return {};  // finished by an earlier attempt (at-least-once delivery)
  CRM_TRY_ASSIGN(auto found, env_.db.read([&](storage::Connection& db) {
                   return imports_.find_import(db, id);
                 }));
  if (!found) return {};
  OrderImportRecord record = std::move(*found);
  const ColumnIndex index = column_index(record.mapping, record.columns);
  const int64_t now = env_.clock.now_ms();

  int64_t last_progress = steady_ms();
  auto progress = [&](std::string_view phase, int64_t rows) -> Result<void> {
    set_live(id, std::string(phase), rows);
    if (steady_ms() - last_progress < kProgressEveryMs || phase != "checking") return {};
    last_progress = steady_ms();
    return env_.db.transaction([&](storage::Connection& tx) {
      return imports_.set_progress(tx, id, phase, rows);
    });
  };

  // Phase 1: every row checked (intake rules, products, existing orders); nothing written.
  auto checked = [&]() -> Result<OrderStream> {
    OrderStream stream(
        [&](int64_t seq) {
          return env_.db.read([&](storage::Connection& db) { return imports_.part(db, id, seq); });
        },
        index, now);
    ImportProducts products(env_.repository);
    while (true) {
      CRM_TRY_ASSIGN(auto batch, stream.next(kBatchOrders));
      if (batch.empty()) break;
      auto existing = env_.db.read([&](storage::Connection& db) -> Result<int64_t> {
        for (const ParsedOrder& order : batch) {
          CRM_TRY(price_order(db, products, order, stream));
        }
        CRM_TRY_ASSIGN(auto exists, find_existing(db, imports_, batch));
        return static_cast<int64_t>(std::count(exists.begin(), exists.end(), true));
      });
      if (!existing) return std::move(existing).error();
      record.skipped += *existing;
      CRM_TRY(progress("checking", stream.rows()));
    }
    return stream;
  };
  auto outcome = [&]() -> Result<void> {
    CRM_TRY_ASSIGN(OrderStream check, checked());
    record.row_count = check.rows();
    record.processed = check.rows();
    record.order_count = check.orders();
    record.error_count = check.error_count();
    if (check.error_count() > 0) {
      record.status = "failed";
      record.skipped = 0;
      return finish(record, &check.errors());
    }
    if (record.dry_run) {
      record.status = "succeeded";
      record.created = record.order_count - record.skipped;
      return finish(record, nullptr);
    }
    // Phase 2: all new orders in one transaction, with the audit row and the final status.
    OrderStream again(
        [](int64_t /*seq*/) -> Result<std::optional<ImportPart>> { return std::optional<ImportPart>{}; },
        index, now);
    auto written = env_.db.transaction([&](storage::Connection& tx) -> Result<void> {
      again = OrderStream([&](int64_t seq) { return imports_.part(tx, id, seq); }, index, now);
      again.trust_checked();  // the same parts passed the check without a row error
      OrderImportWriter writer(tx, env_, caller, now);
      while (true) {
        CRM_TRY_ASSIGN(auto batch, again.next(kBatchOrders));
        if (batch.empty()) break;
        CRM_TRY(writer.write(batch, again));
        if (again.error_count() > 0) return kRowsRefused;
        set_live(id, "writing", again.rows());
      }
      if (again.error_count() > 0) return kRowsRefused;
      record.status = "succeeded";
      record.created = writer.created();
      record.skipped = writer.skipped();
      record.finished_at_ms = env_.clock.now_ms();
      audit::AuditEntry entry = caller.audit;
      entry.action = "orders.imported";
      entry.target_type = "order_import";
      entry.target_id = std::to_string(id);
      entry.changes = Json{{"rows", record.row_count}, {"orders", record.created},
                           {"skipped", record.skipped}, {"file", record.filename}};
      CRM_TRY(env_.audit.record(tx, entry));
      if (record.created > 0) {  // analytics rebuilds its store (too many orders for one event each)
        CRM_TRY(storage::Outbox::append(
            tx, env_.clock, kOrdersImported,
            dump_json(Json{{"import_id", id}, {"orders", record.created}})));
      }
      CRM_TRY(imports_.finish_import(tx, record));
      return {};
    });
    if (written) {
      std::lock_guard lock(live_mutex_);
      live_.erase(id);
      return {};
    }
    if (written.error().code != kRowsRefused.code) return std::move(written).error();
    // Something changed since the check (a product retired, a customer's phone taken).
    record.status = "failed";
    record.created = record.skipped = 0;
    record.error_count = again.error_count();
    std::vector<ImportError> refused = again.errors();  // a batch's price, then customer errors
    std::stable_sort(refused.begin(), refused.end(),
                     [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
    return finish(record, &refused);
  }();
  if (outcome) return {};
  // Bad input never gets better: fail now. Anything else (storage down) is retried until the
  // last attempt, then the import is failed with the reason.
  const Error& error = outcome.error();
  if (error.kind != ErrorKind::kInvalidInput && attempts < max_attempts) {
    std::lock_guard lock(live_mutex_);
    live_.erase(id);
    return error;
  }
  record.status = "failed";
  record.created = record.skipped = 0;
  record.failure = error.message.empty() ? error.code : error.message;
  return finish(record, nullptr);
}

}  // namespace crm::orders
