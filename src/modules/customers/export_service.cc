// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/export_service.h"

#include <fmt/format.h>

#include "core/text.h"
#include "core/time_text.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/import_fields.h"
#include "modules/customers/import_service.h"
#include "modules/customers/tabular/table.h"

namespace crm::customers {

namespace {

constexpr int64_t kShanghaiOffsetMs = 8LL * 3600 * 1000;

Error invalid(std::string_view field, std::string message) {
  return invalid_input("export.invalid", std::move(message), std::string(field));
}

Error export_not_found() {
  return not_found("export.not_found", "The export does not exist or is not yours.");
}

// "YYYY-MM-DD HH:MM:SS" in merchant time (UTC+8).
std::string merchant_time(int64_t ms) {
  const int64_t local = ms + kShanghaiOffsetMs;
  int64_t seconds = (local % 86'400'000 + 86'400'000) % 86'400'000 / 1000;
  return fmt::format("{} {:02d}:{:02d}:{:02d}", merchant_date(ms), seconds / 3600,
                     seconds / 60 % 60, seconds % 60);
}

std::string gender_label(std::string_view gender) {
  if (gender == "male") return "男";
  if (gender == "female") return "女";
  return "未知";
}

std::string stage_label(std::string_view stage) {
  if (stage == "transacted") return "已成交";
  if (stage == "member") return "会员";
  return "潜在";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ";") + item;
  return out;
}

Result<std::optional<std::string>> filter_text(const Json& filters, std::string_view field) {
  const std::string key(field);
  if (!filters.contains(key) || filters[key].is_null()) return std::optional<std::string>{};
  if (!filters[key].is_string()) return invalid(field, key + " must be text.");
  std::string value(trim(filters[key].get<std::string>()));
  if (value.empty()) return std::optional<std::string>{};
  if (value.size() > 100) return invalid(field, key + " is longer than 100 characters.");
  return std::optional<std::string>(std::move(value));
}

Result<std::optional<int64_t>> filter_id(const Json& filters, std::string_view field) {
  const std::string key(field);
  if (!filters.contains(key) || filters[key].is_null()) return std::optional<int64_t>{};
  if (!filters[key].is_number_integer() || filters[key].get<int64_t>() < 1) {
    return invalid(field, key + " must be a positive integer.");
  }
  return std::optional<int64_t>(filters[key].get<int64_t>());
}

}  // namespace

Result<ListRequest> export_query(const Json& filters) {
  if (!filters.is_object()) return invalid("filters", "filters must be an object.");
  for (const auto& [key, value] : filters.items()) {
    static const std::set<std::string, std::less<>> kKnown = {
        "q", "phone", "email", "number", "category_id", "tag", "stage", "owner_id",
        "created_from", "created_to"};
    if (!kKnown.contains(key)) return invalid(key, "Unknown filter " + key + ".");
  }
  ListRequest out;
  CustomerFilter& f = out.query.filter;
  CRM_TRY_ASSIGN(f.q, filter_text(filters, "q"));
  CRM_TRY_ASSIGN(out.phone, filter_text(filters, "phone"));
  CRM_TRY_ASSIGN(out.email, filter_text(filters, "email"));
  CRM_TRY_ASSIGN(f.number, filter_text(filters, "number"));
  CRM_TRY_ASSIGN(f.tag, filter_text(filters, "tag"));
  CRM_TRY_ASSIGN(f.stage, filter_text(filters, "stage"));
  if (f.stage && *f.stage != "potential" && *f.stage != "transacted" && *f.stage != "member") {
    return invalid("stage", "stage must be potential, transacted or member.");
  }
  CRM_TRY_ASSIGN(f.category_id, filter_id(filters, "category_id"));
  CRM_TRY_ASSIGN(f.owner_id, filter_id(filters, "owner_id"));
  for (auto [key, target, end_of_day] :
       {std::tuple{"created_from", &f.created_from_ms, false},
        std::tuple{"created_to", &f.created_to_ms, true}}) {
    CRM_TRY_ASSIGN(auto text, filter_text(filters, key));
    if (!text) continue;
    *target = parse_time(*text, end_of_day);
    if (!*target) return invalid(key, fmt::format("{} must be a date (2026-11-01).", key));
  }
  out.query.sort = ListSort::kCreatedAsc;
  out.query.limit = ExportService::kPageSize;
  return out;
}

Json to_json(const ExportRecord& e) {
  return {{"id", e.id},
          {"format", e.format},
          {"status", e.status},
          {"unmask", e.unmask},
          {"filters", e.filters},
          {"total", e.total},
          {"processed", e.processed},
          {"filename", e.filename},
          {"created_at", e.created_at_ms},
          {"created_by", e.created_by},
          {"finished_at", e.finished_at_ms ? Json(*e.finished_at_ms) : Json(nullptr)},
          {"expires_at", e.expires_at_ms},
          {"error", e.error ? Json(*e.error) : Json(nullptr)}};
}

Result<ExportRecord> ExportService::create(const Caller& caller, const Json& body,
                                           bool can_view_pii) {
  if (!body.is_object()) return invalid("body", "The body must be an object.");
  ExportRecord record;
  if (body.contains("format") && !body["format"].is_null()) {
    if (!body["format"].is_string()) return invalid("format", "format must be csv or xlsx.");
    record.format = body["format"].get<std::string>();
  } else {
    record.format = default_format_ ? default_format_() : "xlsx";
    if (record.format != "csv") record.format = "xlsx";
  }
  if (record.format != "csv" && record.format != "xlsx") {
    return invalid("format", "format must be csv or xlsx.");
  }
  record.filters = body.contains("filters") && !body["filters"].is_null() ? body["filters"]
                                                                          : Json::object();
  CRM_TRY(export_query(record.filters));
  if (body.contains("unmask") && !body["unmask"].is_null()) {
    if (!body["unmask"].is_boolean()) return invalid("unmask", "unmask must be true or false.");
    record.unmask = body["unmask"].get<bool>();
  }
  if (record.unmask && !can_view_pii) {
    return forbidden("customer.pii_forbidden",
                     "You may not export customers' personal data unmasked.");
  }
  const int64_t now = clock_.now_ms();
  std::string stamp = merchant_time(now);
  std::erase(stamp, '-');
  std::erase(stamp, ':');
  std::replace(stamp.begin(), stamp.end(), ' ', '-');
  record.filename = fmt::format("customers-{}.{}", stamp, record.format);
  record.created_at_ms = now;
  record.created_by = caller.actor.user_id;
  record.expires_at_ms = now + kKeepMs;
  return db_.transaction([&](storage::Connection& tx) -> Result<ExportRecord> {
    // Files are kept 24 hours; the next export cleans up the expired ones.
    CRM_TRY(transfers_.delete_expired_exports(tx, now));
    CRM_TRY_ASSIGN(record.id, transfers_.insert_export(tx, record));
    Json payload = caller_json(caller);
    payload["export_id"] = record.id;
    CRM_TRY(jobs_.enqueue(tx, kExportQueue, dump_json(payload)));
    return record;
  });
}

Result<ExportRecord> ExportService::get(const Caller& caller, int64_t id) {
  return db_.read([&](storage::Connection& db) -> Result<ExportRecord> {
    CRM_TRY_ASSIGN(auto record, transfers_.find_export(db, id));
    if (!record || record->created_by != caller.actor.user_id) return export_not_found();
    return std::move(*record);
  });
}

Result<std::pair<ExportRecord, std::string>> ExportService::file(const Caller& caller,
                                                                 int64_t id) {
  CRM_TRY_ASSIGN(ExportRecord record, get(caller, id));
  if (record.status != "succeeded") {
    return conflict("export.not_ready", "The export is not finished yet.");
  }
  CRM_TRY_ASSIGN(auto bytes, db_.read([&](storage::Connection& db) {
                   return transfers_.export_file(db, id);
                 }));
  if (!bytes || record.expires_at_ms <= clock_.now_ms()) {
    return not_found("export.expired", "Exported files are kept 24 hours; export again.");
  }
  return std::pair{std::move(record), std::move(*bytes)};
}

Result<void> ExportService::run(const storage::Job& job) {
  CRM_TRY_ASSIGN(Json payload, parse_json(job.payload));
  const int64_t id = payload.value("export_id", int64_t{0});
  const Caller caller = caller_from_json(payload);
  CRM_TRY_ASSIGN(auto found, db_.read([&](storage::Connection& db) {
                   return transfers_.find_export(db, id);
                 }));
  if (!found || (found->status != "queued" && found->status != "running")) return {};
  ExportRecord record = std::move(*found);
  CRM_TRY_ASSIGN(ListRequest request, export_query(record.filters));
  const bool masked = !record.unmask;
  auto show = [&](const std::optional<std::string>& value,
                  std::string (*mask)(std::string_view)) -> std::string {
    if (!value) return "";
    return masked ? mask(*value) : *value;
  };
  std::vector<std::vector<std::string>> rows;
  std::map<int64_t, std::string> owner_cache;
  bool first = true;
  while (true) {
    CRM_TRY_ASSIGN(auto page, customers_.list(caller, request.query, request.phone,
                                              request.email));
    if (first) {
      record.total = page.total;
      CRM_TRY(db_.transaction([&](storage::Connection& tx) {
        return transfers_.set_export_running(tx, id, record.total);
      }));
      first = false;
    }
    for (const auto& c : page.items) {
      const CustomerFields& f = c.fields;
      auto owner = owner_cache.find(c.owner_id);
      if (owner == owner_cache.end()) {
        auto name = owner_names_ ? owner_names_(c.owner_id) : std::nullopt;
        owner = owner_cache.emplace(c.owner_id, name.value_or(std::to_string(c.owner_id))).first;
      }
      std::vector<std::string> categories;
      for (const auto& category : c.categories) categories.push_back(category.name);
      rows.push_back({c.number, f.name, gender_label(f.gender), f.birthday.value_or(""),
                      show(f.phone, mask_phone), show(f.email, mask_email),
                      show(f.id_number, mask_id_number), f.address.province, f.address.city,
                      f.address.district, show(f.address.detail, mask_detail), f.source_channel,
                      stage_label(f.stage), owner->second, join(categories), join(c.tags),
                      f.hobbies, f.notes, f.consent.sms ? "是" : "否",
                      f.consent.email ? "是" : "否", f.consent.phone ? "是" : "否",
                      merchant_time(c.created_at_ms)});
    }
    record.processed = static_cast<int64_t>(rows.size());
    CRM_TRY(db_.transaction([&](storage::Connection& tx) {
      return transfers_.set_export_progress(tx, id, record.processed);
    }));
    if (!page.next_after) break;
    request.query.after = page.next_after;
  }
  std::string bytes;
  if (record.format == "csv") {
    bytes = tabular::write_csv(export_columns(), rows);
  } else {
    CRM_TRY_ASSIGN(bytes, tabular::write_xlsx("客户", export_columns(), rows));
  }
  rows.clear();
  record.status = "succeeded";
  record.total = std::max(record.total, record.processed);
  record.finished_at_ms = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(const bool finished, transfers_.finish_export(tx, record, bytes));
    if (!finished) return {};  // an earlier attempt finished it
    audit::AuditEntry entry = caller.audit;
    entry.action = "customer.exported";
    entry.target_type = "customer_export";
    entry.target_id = std::to_string(id);
    entry.changes = {{"filters", record.filters}, {"count", record.processed},
                     {"unmask", record.unmask}, {"format", record.format}};
    return audit_.record(tx, entry);
  });
}

}  // namespace crm::customers
