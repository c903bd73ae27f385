// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_import_repository.h"

#include <fmt/format.h>

namespace crm::orders {

namespace {

constexpr std::string_view kColumns =
    "id, filename, format, status, phase, dry_run, mapping, column_names, preview, "
    "suggested_mapping, row_count, processed, order_count, created, skipped, error_count, errors, "
    "failure, created_at_ms, created_by, started_at_ms, finished_at_ms";

Json json_or(const std::string& text, Json fallback) {
  auto parsed = parse_json(text);
  return parsed ? std::move(parsed).value() : std::move(fallback);
}

OrderImportRecord from_row(const storage::Row& r) {
  OrderImportRecord i;
  i.id = r.get_int(0);
  i.filename = r.get_string(1);
  i.format = r.get_string(2);
  i.status = r.get_string(3);
  i.phase = r.get_string(4);
  i.dry_run = r.get_bool(5);
  i.mapping = json_or(r.get_string(6), Json::object());
  i.columns = json_or(r.get_string(7), Json::array());
  i.preview = json_or(r.get_string(8), Json::array());
  i.suggested_mapping = json_or(r.get_string(9), Json::object());
  i.row_count = r.get_int(10);
  i.processed = r.get_int(11);
  i.order_count = r.get_int(12);
  i.created = r.get_int(13);
  i.skipped = r.get_int(14);
  i.error_count = r.get_int(15);
  i.errors = json_or(r.get_string(16), Json::array());
  i.failure = r.get_string(17);
  i.created_at_ms = r.get_int(18);
  i.created_by = r.get_int(19);
  i.started_at_ms = r.get_optional_int(20);
  i.finished_at_ms = r.get_optional_int(21);
  return i;
}

}  // namespace

Result<int64_t> OrderImportRepository::insert_import(storage::Connection& tx,
                                                     const OrderImportRecord& i) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO order_imports (filename, format, status, column_names, "
                              "preview, suggested_mapping, row_count, created_at_ms, created_by) "
                              "VALUES (?, ?, 'uploaded', ?, ?, ?, ?, ?, ?) RETURNING id",
                              i.filename, i.format, dump_json(i.columns), dump_json(i.preview),
                              dump_json(i.suggested_mapping), i.row_count, i.created_at_ms,
                              i.created_by));
  return row.get_int(0);
}

Result<void> OrderImportRepository::describe_upload(storage::Connection& tx,
                                                    const OrderImportRecord& i) const {
  CRM_TRY(tx.execute("UPDATE order_imports SET format = ?, column_names = ?, preview = ?, "
                     "suggested_mapping = ?, row_count = ? WHERE id = ?",
                     i.format, dump_json(i.columns), dump_json(i.preview),
                     dump_json(i.suggested_mapping), i.row_count, i.id));
  return {};
}

Result<void> OrderImportRepository::insert_part(storage::Connection& tx, int64_t id,
                                                const ImportPart& p) const {
  CRM_TRY(tx.execute("INSERT INTO order_import_parts (import_id, seq, first_row, bytes) "
                     "VALUES (?, ?, ?, ?)",
                     id, p.seq, p.first_row, storage::Blob{p.bytes}));
  return {};
}

Result<std::optional<ImportPart>> OrderImportRepository::part(storage::Connection& db, int64_t id,
                                                              int64_t seq) const {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT first_row, bytes FROM order_import_parts "
                                             "WHERE import_id = ? AND seq = ?",
                                             id, seq));
  if (!row) return std::optional<ImportPart>{};
  return std::optional<ImportPart>(ImportPart{seq, row->get_int(0), row->get_blob(1).bytes});
}

Result<std::optional<OrderImportRecord>> OrderImportRepository::find_import(storage::Connection& db,
                                                                           int64_t id) const {
  static const std::string sql = fmt::format("SELECT {} FROM order_imports WHERE id = ?", kColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return std::optional<OrderImportRecord>{};
  return std::optional<OrderImportRecord>(from_row(*row));
}

Result<std::vector<OrderImportRecord>> OrderImportRepository::list_imports(
    storage::Connection& db, int64_t created_by, int64_t before_id, int limit) const {
  static const std::string sql = fmt::format(
      "SELECT {} FROM order_imports WHERE created_by = ? AND (? = 0 OR id < ?) "
      "ORDER BY id DESC LIMIT ?",
      kColumns);
  CRM_TRY_ASSIGN(auto rows, db.query(sql, created_by, before_id, before_id, limit));
  std::vector<OrderImportRecord> out;
  for (const auto& row : rows) out.push_back(from_row(row));
  return out;
}

Result<bool> OrderImportRepository::queue_import(storage::Connection& tx,
                                                 const OrderImportRecord& i) const {
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE order_imports SET status = 'queued', dry_run = ?, mapping = ? "
                            "WHERE id = ? AND status = 'uploaded'",
                            i.dry_run, dump_json(i.mapping), i.id));
  return changed == 1;
}

Result<bool> OrderImportRepository::mark_running(storage::Connection& tx, int64_t id,
                                                 int64_t at_ms) const {
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE order_imports SET status = 'running', phase = 'checking', "
                            "processed = 0, started_at_ms = COALESCE(started_at_ms, ?) "
                            "WHERE id = ? AND status IN ('queued', 'running')",
                            at_ms, id));
  return changed == 1;
}

Result<void> OrderImportRepository::set_progress(storage::Connection& tx, int64_t id,
                                                 std::string_view phase,
                                                 int64_t processed) const {
  CRM_TRY(tx.execute("UPDATE order_imports SET phase = ?, processed = ? WHERE id = ?", phase,
                     processed, id));
  return {};
}

Result<bool> OrderImportRepository::finish_import(storage::Connection& tx,
                                                  const OrderImportRecord& i) const {
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE order_imports SET status = ?, phase = '', row_count = ?, "
                            "processed = ?, order_count = ?, created = ?, skipped = ?, "
                            "error_count = ?, errors = ?, failure = ?, finished_at_ms = ? "
                            "WHERE id = ? AND status = 'running'",
                            i.status, i.row_count, i.processed, i.order_count, i.created,
                            i.skipped, i.error_count, dump_json(i.errors), i.failure,
                            i.finished_at_ms, i.id));
  if (changed == 1) {
    CRM_TRY(tx.execute("DELETE FROM order_import_parts WHERE import_id = ?", i.id));
  }
  return changed == 1;
}

Result<void> OrderImportRepository::replace_errors(storage::Connection& tx, int64_t id,
                                                   const std::vector<ImportError>& errors) const {
  CRM_TRY(tx.execute("DELETE FROM order_import_errors WHERE import_id = ?", id));
  int64_t seq = 0;
  for (const auto& e : errors) {
    CRM_TRY(tx.execute("INSERT INTO order_import_errors (import_id, seq, row_number, column_name, "
                       "code, message) VALUES (?, ?, ?, ?, ?, ?)",
                       id, ++seq, e.row, e.column, e.code, e.message));
  }
  return {};
}

Result<std::vector<ImportError>> OrderImportRepository::errors(storage::Connection& db,
                                                               int64_t id) const {
  CRM_TRY_ASSIGN(auto rows, db.query("SELECT row_number, column_name, code, message FROM "
                                     "order_import_errors WHERE import_id = ? ORDER BY seq",
                                     id));
  std::vector<ImportError> out;
  for (const auto& r : rows) {
    out.push_back({r.get_int(0), r.get_string(1), r.get_string(2), r.get_string(3)});
  }
  return out;
}

Result<std::set<std::string>> OrderImportRepository::existing_external_ids(
    storage::Connection& db, std::string_view platform,
    const std::vector<std::string>& external_ids) const {
  std::set<std::string> found;
  if (external_ids.empty()) return found;
  // Always kLookupBatch placeholders (the last id repeated), so the statement is prepared once.
  static const std::string sql = [] {
    std::string text =
        "SELECT external_id FROM orders WHERE platform = ? AND external_id IN (?";
    for (size_t i = 1; i < kLookupBatch; ++i) text += ", ?";
    return text + ")";
  }();
  std::vector<storage::Value> params;
  params.reserve(kLookupBatch + 1);
  params.emplace_back(std::string(platform));
  for (size_t i = 0; i < kLookupBatch; ++i) {
    params.emplace_back(external_ids[std::min(i, external_ids.size() - 1)]);
  }
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
  for (const auto& row : rows) found.insert(row.get_string(0));
  return found;
}

Result<int64_t> OrderImportRepository::reserve_numbers(storage::Connection& tx,
                                                       std::string_view day,
                                                       int64_t count) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO order_number_counters (day, last_value) VALUES (?, ?) "
                              "ON CONFLICT (day) DO UPDATE SET "
                              "last_value = order_number_counters.last_value + ? "
                              "RETURNING last_value",
                              day, count, count));
  return row.get_int(0) - count + 1;
}

}  // namespace crm::orders
