// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/transfer_repository.h"

#include <fmt/format.h>

namespace crm::customers {

namespace {

constexpr std::string_view kImportColumns =
    "id, filename, format, status, dry_run, match_by, mapping, column_names, preview, "
    "suggested_mapping, row_count, processed, created, updated, error_count, errors, failure, "
    "created_at_ms, created_by, started_at_ms, finished_at_ms";

constexpr std::string_view kExportColumns =
    "id, format, status, unmask, filters, total, processed, filename, error, created_at_ms, "
    "created_by, finished_at_ms, expires_at_ms";

Json json_or(const std::string& text, Json fallback) {
  auto parsed = parse_json(text);
  return parsed ? std::move(parsed).value() : std::move(fallback);
}

ImportRecord import_from_row(const storage::Row& r) {
  ImportRecord i;
  i.id = r.get_int(0);
  i.filename = r.get_string(1);
  i.format = r.get_string(2);
  i.status = r.get_string(3);
  i.dry_run = r.get_bool(4);
  i.match_by = r.get_string(5);
  i.mapping = json_or(r.get_string(6), Json::object());
  i.columns = json_or(r.get_string(7), Json::array());
  i.preview = json_or(r.get_string(8), Json::array());
  i.suggested_mapping = json_or(r.get_string(9), Json::object());
  i.row_count = r.get_int(10);
  i.processed = r.get_int(11);
  i.created = r.get_int(12);
  i.updated = r.get_int(13);
  i.error_count = r.get_int(14);
  i.errors = json_or(r.get_string(15), Json::array());
  i.failure = r.get_string(16);
  i.created_at_ms = r.get_int(17);
  i.created_by = r.get_int(18);
  i.started_at_ms = r.get_optional_int(19);
  i.finished_at_ms = r.get_optional_int(20);
  return i;
}

ExportRecord export_from_row(const storage::Row& r) {
  ExportRecord e;
  e.id = r.get_int(0);
  e.format = r.get_string(1);
  e.status = r.get_string(2);
  e.unmask = r.get_bool(3);
  e.filters = json_or(r.get_string(4), Json::object());
  e.total = r.get_int(5);
  e.processed = r.get_int(6);
  e.filename = r.get_string(7);
  e.error = r.get_optional_string(8);
  e.created_at_ms = r.get_int(9);
  e.created_by = r.get_int(10);
  e.finished_at_ms = r.get_optional_int(11);
  e.expires_at_ms = r.get_int(12);
  return e;
}

Result<std::optional<std::string>> blob_column(storage::Connection& db, std::string_view sql,
                                               int64_t id) {
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row || row->is_null(0)) return std::optional<std::string>{};
  return std::optional<std::string>(row->get_blob(0).bytes);
}

}  // namespace

Result<int64_t> TransferRepository::insert_import(storage::Connection& tx,
                                                  const ImportRecord& i,
                                                  const std::string& file) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO customer_imports (filename, format, status, column_names, "
                              "preview, suggested_mapping, row_count, file, created_at_ms, "
                              "created_by) VALUES (?, ?, 'uploaded', ?, ?, ?, ?, ?, ?, ?) "
                              "RETURNING id",
                              i.filename, i.format, dump_json(i.columns), dump_json(i.preview),
                              dump_json(i.suggested_mapping), i.row_count, storage::Blob{file},
                              i.created_at_ms, i.created_by));
  return row.get_int(0);
}

Result<std::optional<ImportRecord>> TransferRepository::find_import(storage::Connection& db,
                                                                    int64_t id) const {
  static const std::string sql =
      fmt::format("SELECT {} FROM customer_imports WHERE id = ?", kImportColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return std::optional<ImportRecord>{};
  return std::optional<ImportRecord>(import_from_row(*row));
}

Result<std::vector<ImportRecord>> TransferRepository::list_imports(storage::Connection& db,
                                                                   int64_t created_by,
                                                                   int64_t before_id,
                                                                   int limit) const {
  static const std::string sql = fmt::format(
      "SELECT {} FROM customer_imports WHERE created_by = ? AND (? = 0 OR id < ?) "
      "ORDER BY id DESC LIMIT ?",
      kImportColumns);
  CRM_TRY_ASSIGN(auto rows, db.query(sql, created_by, before_id, before_id, limit));
  std::vector<ImportRecord> out;
  for (const auto& row : rows) out.push_back(import_from_row(row));
  return out;
}

Result<std::optional<std::string>> TransferRepository::import_file(storage::Connection& db,
                                                                   int64_t id) const {
  return blob_column(db, "SELECT file FROM customer_imports WHERE id = ?", id);
}

Result<bool> TransferRepository::queue_import(storage::Connection& tx,
                                              const ImportRecord& i) const {
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE customer_imports SET status = 'queued', dry_run = ?, "
                            "match_by = ?, mapping = ? WHERE id = ? AND status = 'uploaded'",
                            i.dry_run, i.match_by, dump_json(i.mapping), i.id));
  return changed == 1;
}

Result<bool> TransferRepository::mark_import_running(storage::Connection& tx, int64_t id,
                                                     int64_t at_ms) const {
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE customer_imports SET status = 'running', processed = 0, "
                            "started_at_ms = COALESCE(started_at_ms, ?) "
                            "WHERE id = ? AND status IN ('queued', 'running')",
                            at_ms, id));
  return changed == 1;
}

Result<void> TransferRepository::set_import_progress(storage::Connection& tx, int64_t id,
                                                     int64_t processed) const {
  CRM_TRY(tx.execute("UPDATE customer_imports SET processed = ? WHERE id = ?", processed, id));
  return {};
}

Result<bool> TransferRepository::finish_import(storage::Connection& tx,
                                               const ImportRecord& i) const {
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE customer_imports SET status = ?, processed = ?, created = ?, "
                            "updated = ?, error_count = ?, errors = ?, failure = ?, "
                            "finished_at_ms = ?, file = NULL WHERE id = ? AND status = 'running'",
                            i.status, i.processed, i.created, i.updated, i.error_count,
                            dump_json(i.errors), i.failure, i.finished_at_ms, i.id));
  return changed == 1;
}

Result<void> TransferRepository::replace_import_errors(
    storage::Connection& tx, int64_t id, const std::vector<ImportError>& errors) const {
  CRM_TRY(tx.execute("DELETE FROM customer_import_errors WHERE import_id = ?", id));
  int64_t seq = 0;
  for (const auto& e : errors) {
    CRM_TRY(tx.execute("INSERT INTO customer_import_errors (import_id, seq, row_number, "
                       "column_name, field, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       id, ++seq, e.row, e.column, e.field, e.code, e.message));
  }
  return {};
}

Result<std::vector<ImportError>> TransferRepository::import_errors(storage::Connection& db,
                                                                   int64_t id) const {
  CRM_TRY_ASSIGN(auto rows, db.query("SELECT row_number, column_name, field, code, message FROM "
                                     "customer_import_errors WHERE import_id = ? ORDER BY seq",
                                     id));
  std::vector<ImportError> out;
  for (const auto& r : rows) {
    out.push_back({r.get_int(0), r.get_string(1), r.get_string(2), r.get_string(3),
                   r.get_string(4)});
  }
  return out;
}

Result<int64_t> TransferRepository::insert_export(storage::Connection& tx,
                                                  const ExportRecord& e) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO customer_exports (format, status, unmask, filters, "
                              "filename, created_at_ms, created_by, expires_at_ms) "
                              "VALUES (?, 'queued', ?, ?, ?, ?, ?, ?) RETURNING id",
                              e.format, e.unmask, dump_json(e.filters), e.filename,
                              e.created_at_ms, e.created_by, e.expires_at_ms));
  return row.get_int(0);
}

Result<std::optional<ExportRecord>> TransferRepository::find_export(storage::Connection& db,
                                                                    int64_t id) const {
  static const std::string sql =
      fmt::format("SELECT {} FROM customer_exports WHERE id = ?", kExportColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return std::optional<ExportRecord>{};
  return std::optional<ExportRecord>(export_from_row(*row));
}

Result<std::optional<std::string>> TransferRepository::export_file(storage::Connection& db,
                                                                   int64_t id) const {
  return blob_column(db, "SELECT file FROM customer_exports WHERE id = ?", id);
}

Result<void> TransferRepository::set_export_running(storage::Connection& tx, int64_t id,
                                                    int64_t total) const {
  CRM_TRY(tx.execute("UPDATE customer_exports SET status = 'running', total = ?, processed = 0 "
                     "WHERE id = ? AND status IN ('queued', 'running')",
                     total, id));
  return {};
}

Result<void> TransferRepository::set_export_progress(storage::Connection& tx, int64_t id,
                                                     int64_t processed) const {
  CRM_TRY(tx.execute("UPDATE customer_exports SET processed = ? WHERE id = ?", processed, id));
  return {};
}

Result<bool> TransferRepository::finish_export(storage::Connection& tx, const ExportRecord& e,
                                               const std::optional<std::string>& file) const {
  std::optional<storage::Blob> blob;
  if (file) blob = storage::Blob{*file};
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE customer_exports SET status = ?, total = ?, processed = ?, "
                            "error = ?, file = ?, finished_at_ms = ? "
                            "WHERE id = ? AND status IN ('queued', 'running')",
                            e.status, e.total, e.processed, e.error, blob, e.finished_at_ms, e.id));
  return changed == 1;
}

Result<int64_t> TransferRepository::delete_expired_exports(storage::Connection& tx,
                                                           int64_t now_ms) const {
  return tx.execute("UPDATE customer_exports SET file = NULL WHERE expires_at_ms <= ? AND "
                    "file IS NOT NULL",
                    now_ms);
}

}  // namespace crm::customers
