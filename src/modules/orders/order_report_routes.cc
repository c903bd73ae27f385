// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_report_routes.h"

#include <fmt/format.h>

#include "core/json.h"
#include "http/query_params.h"

namespace crm::orders {

namespace {

constexpr int64_t kMaxRangeDays = 1096;  // three years

http::QueryParams params_of(const http::Request& request) {
  return http::QueryParams(request, "order_report.invalid_parameter");
}

// from / to: merchant dates (YYYY-MM-DD, UTC+8), both included; by default the 30 days ending
// today.
Result<DayRange> parse_range(const http::Request& request, const Clock& clock) {
  const http::QueryParams params = params_of(request);
  DayRange range;
  range.to_day = merchant_day(clock.now_ms());
  if (auto to = params.text("to")) {
    const auto day = parse_merchant_date(*to);
    if (!day) return params.invalid("to", "to must be a date such as 2026-11-18.");
    range.to_day = *day;
  }
  range.from_day = range.to_day - 29;
  if (auto from = params.text("from")) {
    const auto day = parse_merchant_date(*from);
    if (!day) return params.invalid("from", "from must be a date such as 2026-11-01.");
    range.from_day = *day;
  }
  if (range.from_day > range.to_day) return params.invalid("from", "from must not be after to.");
  if (range.to_day - range.from_day + 1 > kMaxRangeDays) {
    return params.invalid("from", fmt::format("The range is limited to {} days.", kMaxRangeDays));
  }
  return range;
}

Json figures_json(const SalesFigures& f) {
  return {{"orders", f.orders},
          {"items", f.items},
          {"sales_fen", f.sales_fen},
          {"refunds_fen", f.refunds_fen},
          {"average_order_fen", f.average_order_fen}};
}

Json range_json(const DayRange& r) {
  return {{"from", merchant_day_label(r.from_day)}, {"to", merchant_day_label(r.to_day)}};
}

Json optional_json(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

void OrderReportRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.get("/api/v1/order-reports/sales", "orders.reports",
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const DayRange range, parse_range(request, clock_));
               const http::QueryParams params = params_of(request);
               CRM_TRY_ASSIGN(const auto group_param,
                              params.choice("group", {"day", "week", "month"}));
               const std::string group = group_param.value_or("day");
               const ReportGroup g = group == "week"    ? ReportGroup::kWeek
                                     : group == "month" ? ReportGroup::kMonth
                                                        : ReportGroup::kDay;
               CRM_TRY_ASSIGN(const auto by_param,
                              params.choice("by", {"channel", "category", "region", "none"}));
               const std::string by_text = by_param.value_or("none");
               const ReportBy by = by_text == "channel"    ? ReportBy::kChannel
                                   : by_text == "category" ? ReportBy::kCategory
                                   : by_text == "region"   ? ReportBy::kRegion
                                                           : ReportBy::kNone;
               const http::Actor actor = request.context().actor().value_or(http::Actor{});
               CRM_TRY_ASSIGN(auto rows, reports_.sales(actor, range, g, by));
               Json items = Json::array();
               for (const auto& row : rows) {
                 Json item = figures_json(row.figures);
                 item["period"] = row.period;
                 item["key"] = row.key;
                 items.push_back(std::move(item));
               }
               Json out = range_json(range);
               out["group"] = group;
               out["by"] = by_text;
               out["time_zone"] = "UTC+8";
               out["items"] = std::move(items);
               return Response::json(Status::kOk, out);
             });
  router.get("/api/v1/order-reports/summary", "orders.reports",
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const DayRange range, parse_range(request, clock_));
               const http::Actor actor = request.context().actor().value_or(http::Actor{});
               CRM_TRY_ASSIGN(const SalesSummary s, reports_.summary(actor, range));
               Json current = figures_json(s.current);
               current.update(range_json(s.current_range));
               Json previous = figures_json(s.previous);
               previous.update(range_json(s.previous_range));
               return Response::json(Status::kOk, {{"current", current},
                                                   {"previous", previous},
                                                   {"time_zone", "UTC+8"}});
             });
  router.get("/api/v1/customers/{id}/orders", "orders.view",
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               const http::QueryParams params(request, "order.invalid_filter");
               CRM_TRY_ASSIGN(const int limit, params.limit(20));
               const http::Actor actor = request.context().actor().value_or(http::Actor{});
               CRM_TRY_ASSIGN(auto orders, history_.customer_orders(actor, id, limit,
                                                                    params.text("after")));
               Json items = Json::array();
               for (const auto& o : orders.items) {
                 items.push_back({{"id", o.id},
                                  {"number", o.number},
                                  {"platform", o.platform},
                                  {"channel", o.channel},
                                  {"status", o.status},
                                  {"total_fen", o.total_fen},
                                  {"paid_fen", o.paid_fen},
                                  {"refunded_fen", o.refunded_fen},
                                  {"items", o.items},
                                  {"placed_at", o.placed_at_ms}});
               }
               const CustomerOrderTotals& t = orders.totals;
               return Response::json(
                   Status::kOk,
                   {{"customer_id", id},
                    {"summary", {{"orders", t.orders},
                                 {"sales_fen", t.sales_fen},
                                 {"refunds_fen", t.refunds_fen},
                                 {"first_order_at", optional_json(t.first_order_at_ms)},
                                 {"last_order_at", optional_json(t.last_order_at_ms)}}},
                    {"items", items},
                    {"total", orders.total},
                    {"next_after", orders.next_after ? Json(*orders.next_after) : Json(nullptr)}});
             });
}

}  // namespace crm::orders
