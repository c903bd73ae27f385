// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_report_routes.h"

#include <fmt/format.h>

#include "core/json.h"
#include "core/text.h"

namespace crm::orders {

namespace {

constexpr int64_t kMaxRangeDays = 1096;  // three years

Error bad_param(std::string_view field, std::string message) {
  return invalid_input("order_report.invalid_parameter", std::move(message), std::string(field));
}

std::optional<std::string> text_param(const http::Request& request, std::string_view field) {
  auto text = request.query(field);
  if (!text) return std::nullopt;
  std::string trimmed(trim(*text));
  if (trimmed.empty()) return std::nullopt;
  return trimmed;
}

// from / to: merchant dates (YYYY-MM-DD, UTC+8), both included; by default the 30 days ending
// today.
Result<DayRange> parse_range(const http::Request& request, const Clock& clock) {
  DayRange range;
  range.to_day = merchant_day(clock.now_ms());
  if (auto to = text_param(request, "to")) {
    const auto day = parse_merchant_date(*to);
    if (!day) return bad_param("to", "to must be a date such as 2026-11-18.");
    range.to_day = *day;
  }
  range.from_day = range.to_day - 29;
  if (auto from = text_param(request, "from")) {
    const auto day = parse_merchant_date(*from);
    if (!day) return bad_param("from", "from must be a date such as 2026-11-01.");
    range.from_day = *day;
  }
  if (range.from_day > range.to_day) return bad_param("from", "from must not be after to.");
  if (range.to_day - range.from_day + 1 > kMaxRangeDays) {
    return bad_param("from", fmt::format("The range is limited to {} days.", kMaxRangeDays));
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
               const std::string group = text_param(request, "group").value_or("day");
               ReportGroup g = ReportGroup::kDay;
               if (group == "week") g = ReportGroup::kWeek;
               else if (group == "month") g = ReportGroup::kMonth;
               else if (group != "day") return bad_param("group", "group must be day, week or month.");
               const std::string by_text = text_param(request, "by").value_or("none");
               ReportBy by = ReportBy::kNone;
               if (by_text == "channel") by = ReportBy::kChannel;
               else if (by_text == "category") by = ReportBy::kCategory;
               else if (by_text == "region") by = ReportBy::kRegion;
               else if (by_text != "none") {
                 return bad_param("by", "by must be channel, category, region or none.");
               }
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
               int limit = 20;
               if (auto text = text_param(request, "limit")) {
                 const auto value = parse_int64(*text);
                 if (!value || *value < 1 || *value > 200) {
                   return invalid_input("order.invalid_filter",
                                        "limit must be an integer from 1 to 200.", "limit");
                 }
                 limit = static_cast<int>(*value);
               }
               const http::Actor actor = request.context().actor().value_or(http::Actor{});
               CRM_TRY_ASSIGN(auto orders, history_.customer_orders(
                                               actor, id, limit, text_param(request, "after")));
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
