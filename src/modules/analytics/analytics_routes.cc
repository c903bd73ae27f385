// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/analytics_routes.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/analytics/engine/calendar.h"
#include "modules/customers/tabular/table.h"

namespace crm::analytics {
namespace {

using http::Request;
using http::Response;
using http::Status;

constexpr std::string_view kView = "analytics.view";
constexpr std::string_view kExport = "analytics.export";
constexpr size_t kMaxExportRows = 100'000;

Result<RfmOptions> rfm_options(const Request& request, const Filter& filter) {
  RfmOptions options;
  CRM_TRY_ASSIGN(auto bins, int_param(request, "bins", 2, 10));
  options.bins = static_cast<int>(bins.value_or(5));
  if (auto text = request.query("reference"); text && !trim(*text).empty()) {
    auto day = parse_date(trim(*text));
    if (!day) return bad_parameter("reference", "reference must be a date like 2026-03-02.");
    if (*day < filter.from_day) return bad_parameter("reference", "reference must not be before from.");
    options.reference_day = *day;
  }
  return options;
}

Result<ValueOptions> value_options(const Request& request) {
  ValueOptions options;
  CRM_TRY_ASSIGN(auto measure, choice_param(request, "measure", {"monetary", "profit"}));
  if (measure == "profit") options.measure = ValueMeasure::kProfit;
  CRM_TRY_ASSIGN(auto high, int_param(request, "high_percent", 0, 100));
  CRM_TRY_ASSIGN(auto mid, int_param(request, "mid_percent", 0, 100));
  CRM_TRY_ASSIGN(auto top, int_param(request, "pareto_top_percent", 1, 100));
  options.high_percent = static_cast<int>(high.value_or(options.high_percent));
  options.mid_percent = static_cast<int>(mid.value_or(options.mid_percent));
  options.pareto_top_percent = static_cast<int>(top.value_or(options.pareto_top_percent));
  if (options.high_percent + options.mid_percent > 100) {
    return bad_parameter("mid_percent", "high_percent + mid_percent must not be over 100.");
  }
  return options;
}

Result<Period> period_param(const Request& request, Period fallback) {
  CRM_TRY_ASSIGN(auto group, choice_param(request, "group", {"day", "week", "month", "year"}));
  return group ? *parse_period(*group) : fallback;
}

std::optional<Segment> parse_segment(std::string_view name) {
  for (int s = 0; s < kSegmentCount; ++s) {
    if (segment_name(static_cast<Segment>(s)) == name) return static_cast<Segment>(s);
  }
  return std::nullopt;
}

}  // namespace

Result<Response> AnalyticsRoutes::run(Request& request, const Build& build) {
  CRM_TRY_ASSIGN(auto view, deps_.state.view());
  const int32_t today = day_from_ms(deps_.clock.now_ms());
  CRM_TRY_ASSIGN(AnalyticsQuery query, parse_query(request, *view, today));
  if (query.format != ExportFormat::kNone && !request.context().can(kExport)) {
    return forbidden("analytics.export_forbidden", "Exporting analytics needs the analytics.export permission.");
  }
  CRM_TRY(apply_tier_filter(view->store, query));
  CRM_TRY_ASSIGN(Report report, build(request, *view, query));
  if (query.format == ExportFormat::kNone) {
    report.json["data_as_of"] = view->loaded_at_ms;
    return Response::json(Status::kOk, report.json);
  }
  return export_file(request, query, report);
}

Result<Response> AnalyticsRoutes::export_file(Request& request, const AnalyticsQuery& query, const Report& report) {
  const bool csv = query.format == ExportFormat::kCsv;
  std::string bytes;
  if (csv) {
    bytes = tabular::write_csv(report.header, report.rows);
  } else {
    CRM_TRY_ASSIGN(bytes, tabular::write_xlsx("analytics", report.header, report.rows));
  }
  audit::AuditEntry entry = audit::AuditEntry::from(request);
  entry.action = "analytics.exported";
  entry.target_type = "analytics";
  entry.target_id = report.name;
  entry.changes = query.echo;
  entry.changes["path"] = std::string(request.path());
  entry.changes["format"] = csv ? "csv" : "xlsx";
  entry.changes["rows"] = report.rows.size();
  CRM_TRY(deps_.db.transaction([&](storage::Connection& tx) { return deps_.audit.record(tx, entry); }));
  const std::string filename = fmt::format("{}-{}-{}.{}", report.name, query.echo["from"].get<std::string>(),
                                           query.echo["to"].get<std::string>(), csv ? "csv" : "xlsx");
  Response response(Status::kOk, std::move(bytes),
                    csv ? "text/csv; charset=utf-8"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<Report> AnalyticsRoutes::segment_customers(Request& request, const LoadedStore& loaded, AnalyticsQuery& query) {
  const auto segment_text = request.path_param("segment").value_or("");
  const auto segment = parse_segment(segment_text);
  if (!segment) return not_found("analytics.unknown_segment", "There is no such RFM segment.");
  CRM_TRY_ASSIGN(auto options, rfm_options(request, query.filter));
  CRM_TRY_ASSIGN(auto limit, int_param(request, "limit", 1, 200));
  CRM_TRY_ASSIGN(auto after, int_param(request, "after", 0, INT64_MAX));
  CRM_TRY_ASSIGN(RfmResult rfm, compute_rfm(loaded.store, query.filter, options));

  const customers::Caller caller = customers::Caller::from(request);
  const auto owner = customers::scope_owner(caller.actor);
  std::set<int64_t> owned;
  if (owner) {
    // Data scope: the caller's live customers (one indexed query; ids only).
    CRM_TRY_ASSIGN(auto rows, deps_.db.read([&](storage::Connection& db) {
      return db.query("SELECT id FROM customers WHERE owner_id = ? AND deleted_at_ms IS NULL", *owner);
    }));
    for (const auto& r : rows) owned.insert(r.get_int(0));
  }
  std::vector<const RfmRow*> candidates;  // ascending by customer id
  for (const auto& row : rfm.customers) {
    if (row.segment == *segment && (!owner || owned.contains(row.customer_id))) candidates.push_back(&row);
  }

  const bool exporting = query.format != ExportFormat::kNone;
  if (exporting && candidates.size() > kMaxExportRows) {
    return bad_parameter("format", fmt::format("At most {} customers can be exported; narrow the filters.",
                                               kMaxExportRows));
  }
  auto first = candidates.begin();
  if (after) {
    first = std::upper_bound(candidates.begin(), candidates.end(), *after,
                             [](int64_t id, const RfmRow* row) { return id < row->customer_id; });
  }
  const size_t page = exporting ? candidates.size() : static_cast<size_t>(limit.value_or(50));
  const auto last = first + static_cast<std::ptrdiff_t>(std::min<size_t>(page, candidates.end() - first));

  Report report{.name = "analytics-rfm-" + std::string(segment_text)};
  report.header = {"customer_number", "customer_name"};
  for (auto& h : rfm_row_header()) report.header.push_back(std::move(h));
  Json items = Json::array();
  CRM_TRY(deps_.db.read([&](storage::Connection& db) -> Result<void> {
    for (auto it = first; it != last; ++it) {
      const RfmRow& row = **it;
      auto ref = deps_.customers.get_visible_in(db, caller.actor, row.customer_id);
      if (!ref && ref.error().kind != ErrorKind::kNotFound) return std::move(ref).error();
      Json item = rfm_row_json(row);
      item["customer_number"] = ref ? Json(ref->number) : Json(nullptr);
      item["customer_name"] = ref ? Json(ref->name) : Json(nullptr);
      items.push_back(std::move(item));
      std::vector<std::string> cells = {ref ? ref->number : "", ref ? ref->name : ""};
      for (auto& c : rfm_row_cells(row)) cells.push_back(std::move(c));
      report.rows.push_back(std::move(cells));
    }
    return {};
  }));
  const bool more = last != candidates.end();
  report.json = {{"segment", segment_text},
                 {"reference", format_day(rfm.reference_day)},
                 {"items", std::move(items)},
                 {"total", candidates.size()},
                 {"next_after", more && last != first ? Json(std::to_string((*(last - 1))->customer_id))
                                                      : Json(nullptr)}};
  return report;
}

void AnalyticsRoutes::add_to(http::Router& router) {
  const std::string view(kView);
  router.get("/api/v1/analytics/kpis", view, [this](Request& request) {
    return run(request, [this](Request&, const LoadedStore& loaded, AnalyticsQuery& q) -> Result<Report> {
      CRM_TRY_ASSIGN(Kpis kpis, compute_kpis(loaded.store, q.filter, deps_.churn_threshold_days()));
      return kpis_report(kpis);
    });
  });
  router.get("/api/v1/analytics/consumption", view, [this](Request& request) {
    return run(request, [](Request& r, const LoadedStore& loaded, AnalyticsQuery& q) -> Result<Report> {
      CRM_TRY_ASSIGN(Period period, period_param(r, Period::kMonth));
      CRM_TRY_ASSIGN(Consumption consumption, compute_consumption(loaded.store, q.filter, period));
      CRM_TRY_ASSIGN(Seasonality seasonality, compute_seasonality(loaded.store, q.filter));
      return consumption_report(consumption, seasonality, loaded.names);
    });
  });
  router.get("/api/v1/analytics/rfm", view, [this](Request& request) {
    return run(request, [this](Request& r, const LoadedStore& loaded, AnalyticsQuery& q) -> Result<Report> {
      CRM_TRY_ASSIGN(auto options, rfm_options(r, q.filter));
      CRM_TRY_ASSIGN(auto customer_id, int_param(r, "customer_id", 1, INT64_MAX));
      if (customer_id) {
        // Out of the caller's data scope reads as missing (404 customer.not_found).
        CRM_TRY(deps_.customers.get_visible(customers::Caller::from(r).actor, *customer_id));
      }
      CRM_TRY_ASSIGN(RfmResult rfm, compute_rfm(loaded.store, q.filter, options));
      const auto row = customer_id ? find_rfm(rfm, *customer_id) : std::nullopt;
      return rfm_report(rfm, row, customer_id.has_value());
    });
  });
  router.get("/api/v1/analytics/rfm/segments/{segment}/customers", view, [this](Request& request) {
    return run(request, [this](Request& r, const LoadedStore& loaded, AnalyticsQuery& q) {
      return segment_customers(r, loaded, q);
    });
  });
  router.get("/api/v1/analytics/value", view, [this](Request& request) {
    return run(request, [](Request& r, const LoadedStore& loaded, AnalyticsQuery& q) -> Result<Report> {
      CRM_TRY_ASSIGN(auto options, value_options(r));
      CRM_TRY_ASSIGN(ValueResult value, compute_value(loaded.store, q.filter, options));
      return value_report(value);
    });
  });
  router.get("/api/v1/analytics/churn", view, [this](Request& request) {
    return run(request, [this](Request& r, const LoadedStore& loaded, AnalyticsQuery& q) -> Result<Report> {
      ChurnOptions options;
      CRM_TRY_ASSIGN(options.period, period_param(r, Period::kMonth));
      CRM_TRY_ASSIGN(auto by, choice_param(r, "by", {"channel", "region", "tier"}));
      options.threshold_days = deps_.churn_threshold_days();
      CRM_TRY_ASSIGN(ChurnResult churn, compute_churn(loaded.store, q.filter, options));
      return churn_report(churn, by.value_or(""));
    });
  });
  router.get("/api/v1/analytics/cohorts", view, [this](Request& request) {
    return run(request, [](Request&, const LoadedStore& loaded, AnalyticsQuery& q) -> Result<Report> {
      CRM_TRY_ASSIGN(CohortResult cohorts, compute_cohorts(loaded.store, q.filter));
      return cohorts_report(cohorts);
    });
  });
}

}  // namespace crm::analytics
