// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_routes.h"

#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/audit/audit_types.h"
#include "modules/orders/order_json.h"

namespace crm::orders {

namespace {

using http::Request;
using http::Response;
using http::Status;

constexpr std::string_view kView = "orders.view";
constexpr std::string_view kCreate = "orders.create";
constexpr std::string_view kEdit = "orders.edit";
constexpr std::string_view kAudit = "orders.audit";
constexpr size_t kMaxImportBytes = 100u * 1024 * 1024;

Error bad_filter(std::string_view field, std::string message) {
  return invalid_input("order.invalid_filter", std::move(message), std::string(field));
}

std::optional<std::string> text_param(const Request& request, std::string_view field) {
  auto text = request.query(field);
  if (!text) return std::nullopt;
  std::string trimmed(trim(*text));
  if (trimmed.empty()) return std::nullopt;
  return trimmed;
}

Result<std::optional<int64_t>> int_param(const Request& request, std::string_view field,
                                         int64_t min, int64_t max) {
  const auto text = text_param(request, field);
  if (!text) return std::optional<int64_t>{};
  const auto value = parse_int64(*text);
  if (!value || *value < min || *value > max) {
    return bad_filter(field, fmt::format("{} must be an integer from {} to {}.", field, min, max));
  }
  return value;
}

Result<std::optional<int64_t>> time_param(const Request& request, std::string_view field,
                                          bool end_of_day) {
  const auto text = text_param(request, field);
  if (!text) return std::optional<int64_t>{};
  const auto ms = audit::parse_time(*text, end_of_day);
  if (!ms) return bad_filter(field, fmt::format("{} must be a date (2026-11-01) or ms.", field));
  return ms;
}

bool flag_param(const Request& request, std::string_view field) {
  const auto text = text_param(request, field);
  return text && (*text == "true" || *text == "1");
}

// If-Match: "3" (or W/"3") -> 3; absent -> nullopt.
Result<std::optional<int64_t>> if_match(const Request& request) {
  const auto header = request.header("If-Match");
  if (!header) return std::optional<int64_t>{};
  std::string_view text = trim(*header);
  if (starts_with(text, "W/")) text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  const auto version = parse_int64(text);
  if (!version) {
    return Error{ErrorKind::kPreconditionFailed, "order.version_mismatch",
                 "If-Match does not name a version of this order.", "If-Match"};
  }
  return version;
}

Result<Json> optional_body(const Request& request) {
  if (trim(request.body()).empty()) return Json::object();
  return request.json_body();
}

Result<Json> array_of_ids(std::string_view text) {
  Json ids = Json::array();
  for (const auto part : split(text, ',')) {
    const auto id = parse_int64(trim(part));
    if (!id || *id <= 0) return bad_filter("ids", "ids must be comma-separated order ids.");
    ids.push_back(*id);
  }
  if (ids.size() > 1000) return bad_filter("ids", "At most 1000 ids.");
  return ids;
}

// Adds customer_name and customer_number to rendered orders (one lookup per distinct customer;
// null when the customer is no longer visible, e.g. erased).
void add_customer_names(customers::CustomerService& customers, const http::Actor& actor,
                        Json& orders) {
  std::map<int64_t, std::optional<customers::CustomerRef>> refs;
  for (Json& o : orders) {
    const int64_t id = o.value("customer_id", int64_t{0});
    auto found = refs.find(id);
    if (found == refs.end()) {
      auto ref = customers.get_visible(actor, id);
      found = refs.emplace(id, ref ? std::optional(*ref) : std::nullopt).first;
    }
    o["customer_name"] = found->second ? Json(found->second->name) : Json(nullptr);
    o["customer_number"] = found->second ? Json(found->second->number) : Json(nullptr);
  }
}

}  // namespace

Result<Response> OrderRoutes::render(const Request& request, Status status,
                                     const Order& order) {
  Json body = order_summary_json(order, env_.keyring, Masking::kMasked);
  {
    Json one = Json::array({std::move(body)});
    add_customer_names(env_.customers, customers::Caller::from(request).actor, one);
    body = std::move(one.at(0));
  }
  Json items = Json::array();
  for (const OrderItem& i : order.items) {
    items.push_back({{"line_no", i.line_no}, {"product_id", i.product_id}, {"sku", i.sku},
                     {"name", i.name}, {"quantity", i.quantity},
                     {"unit_price_fen", i.unit_price_fen}, {"discount_fen", i.discount_fen},
                     {"amount_fen", i.amount_fen}});
  }
  body["items"] = std::move(items);
  Response response = Response::json(status, body);
  response.set_header("ETag", fmt::format("\"{}\"", order.version));
  return response;
}

Result<Response> OrderRoutes::list(Request& request, bool audit_queue) {
  OrderQuery query;
  OrderFilter& f = query.filter;
  f.status = text_param(request, "status");
  if (audit_queue) f.status = "pending_audit";
  if (f.status && !is_status(*f.status)) {
    return bad_filter("status", "status is not an order status.");
  }
  CRM_TRY_ASSIGN(f.customer_id, int_param(request, "customer_id", 1, INT64_MAX));
  f.q = text_param(request, "q");
  if (f.q && f.q->size() > 64) return bad_filter("q", "q is longer than 64 characters.");
  f.platform = text_param(request, "platform");
  f.channel = text_param(request, "channel");
  f.payment_method = text_param(request, "payment_method");
  if (f.payment_method && *f.payment_method != "online" && *f.payment_method != "cod") {
    return bad_filter("payment_method", "payment_method must be online or cod.");
  }
  CRM_TRY_ASSIGN(f.from_ms, time_param(request, "from", false));
  CRM_TRY_ASSIGN(f.to_ms, time_param(request, "to", true));
  CRM_TRY_ASSIGN(auto limit, int_param(request, "limit", 1, 200));
  query.limit = static_cast<int>(limit.value_or(50));
  query.after = text_param(request, "after");
  CRM_TRY_ASSIGN(OrderPage page, reads_.list(customers::Caller::from(request), query));
  Json items = Json::array();
  for (const Order& o : page.items) {
    items.push_back(order_summary_json(o, env_.keyring, Masking::kMasked));
  }
  add_customer_names(env_.customers, customers::Caller::from(request).actor, items);
  return Response::json(Status::kOk,
                        {{"items", items},
                         {"total", page.total},
                         {"next_after", page.next_after ? Json(*page.next_after) : Json(nullptr)}});
}

Result<Response> OrderRoutes::create(Request& request) {
  CRM_TRY_ASSIGN(Json body, request.json_body());
  std::optional<std::string> key;
  if (auto header = request.header("Idempotency-Key")) key = std::string(trim(*header));
  CRM_TRY_ASSIGN(IntakeResult result,
                 intake_.create(customers::Caller::from(request), body, key));
  CRM_TRY_ASSIGN(Response response,
                 render(request, result.created ? Status::kCreated : Status::kOk, result.order));
  response.set_header("Location", fmt::format("/api/v1/orders/{}", result.order.id));
  return response;
}

Result<Response> OrderRoutes::show(Request& request) {
  CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
  const bool reveal = flag_param(request, "reveal");
  CRM_TRY_ASSIGN(OrderDetail detail,
                 reads_.get(customers::Caller::from(request), id, reveal,
                            request.context().can("customers.view_pii")));
  Response response = Response::json(
      Status::kOk, order_json(detail.order, detail.events, detail.tracking, env_.keyring,
                              reveal ? Masking::kRevealed : Masking::kMasked));
  response.set_header("ETag", fmt::format("\"{}\"", detail.order.version));
  return response;
}

Result<Response> OrderRoutes::act(Request& request, OrderAction action) {
  CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
  CRM_TRY_ASSIGN(Json body, optional_body(request));
  CRM_TRY_ASSIGN(auto version, if_match(request));
  CRM_TRY_ASSIGN(Order order,
                 actions_.apply(customers::Caller::from(request), id, action, body, version));
  return render(request, Status::kOk, order);
}

Result<Response> OrderRoutes::pick_list(Request& request) {
  const std::string status = text_param(request, "status").value_or("paid");
  if (!is_status(status)) return bad_filter("status", "status is not an order status.");
  std::vector<int64_t> ids;
  if (auto text = text_param(request, "ids")) {
    CRM_TRY_ASSIGN(Json parsed, array_of_ids(*text));
    for (const auto& id : parsed) ids.push_back(id.get<int64_t>());
  }
  CRM_TRY_ASSIGN(auto lines, reads_.pick_list(customers::Caller::from(request), status, ids));
  Json items = Json::array();
  for (const PickLine& l : lines) {
    items.push_back({{"product_id", l.product_id}, {"sku", l.sku}, {"name", l.name},
                     {"quantity", l.quantity}, {"order_count", l.order_count}});
  }
  return Response::json(Status::kOk, {{"items", items}, {"total", items.size()}});
}

void OrderRoutes::add_to(http::Router& router) {
  router.get("/api/v1/orders", std::string(kView),
             [this](Request& r) { return list(r, false); });
  router.post("/api/v1/orders", std::string(kCreate), [this](Request& r) { return create(r); });
  router.get("/api/v1/orders/audit-queue", std::string(kAudit),
             [this](Request& r) { return list(r, true); });
  router.get("/api/v1/orders/pick-list", std::string(kView),
             [this](Request& r) { return pick_list(r); });
  router.post(
      "/api/v1/orders/import", std::string(kCreate),
      [this](Request& r) -> Result<Response> {
        CRM_TRY_ASSIGN(ImportReport report,
                       imports_.run(customers::Caller::from(r), r.body(), flag_param(r, "dry_run")));
        const Json body = import_report_json(report);
        if (!report.errors.empty()) return Response::json(Status::kUnprocessable, body);
        return Response::json(report.dry_run ? Status::kOk : Status::kCreated, body);
      },
      http::RouteOptions{.max_body_bytes = kMaxImportBytes});
  router.get("/api/v1/orders/{id}", std::string(kView), [this](Request& r) { return show(r); });
  for (const OrderAction action : kAllActions) {
    const bool audit = action == OrderAction::kApprove || action == OrderAction::kReject;
    router.post(fmt::format("/api/v1/orders/{{id}}/{}", to_string(action)),
                std::string(audit ? kAudit : kEdit),
                [this, action](Request& r) { return act(r, action); });
  }
  router.get("/api/v1/orders/{id}/tracking", std::string(kView),
             [this](Request& r) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, r.path_id("id"));
               CRM_TRY_ASSIGN(auto events, reads_.tracking(customers::Caller::from(r), id));
               Json items = Json::array();
               for (const auto& e : events) items.push_back(tracking_json(e));
               return Response::json(Status::kOk, {{"items", items}});
             });
  router.post("/api/v1/orders/{id}/tracking", std::string(kEdit),
              [this](Request& r) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t id, r.path_id("id"));
                CRM_TRY_ASSIGN(Json body, r.json_body());
                CRM_TRY_ASSIGN(Order order,
                               actions_.add_tracking(customers::Caller::from(r), id, body));
                return render(r, Status::kCreated, order);
              });
  router.post("/api/v1/logistics/tracking", std::string(kEdit),
              [this](Request& r) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, r.json_body());
                CRM_TRY_ASSIGN(Order order,
                               actions_.push_tracking(customers::Caller::from(r), body));
                return render(r, Status::kCreated, order);
              });
  auto rules_json = [](const std::vector<AuditRule>& rules) {
    Json items = Json::array();
    for (const auto& rule : rules) items.push_back(rule_json(rule));
    return Json{{"items", items}};
  };
  router.get("/api/v1/order-audit-rules", std::string(kAudit),
             [this, rules_json](Request&) -> Result<Response> {
               CRM_TRY_ASSIGN(auto rules, rules_.rules());
               return Response::json(Status::kOk, rules_json(rules));
             });
  router.put("/api/v1/order-audit-rules", std::string(kAudit),
             [this, rules_json](Request& r) -> Result<Response> {
               CRM_TRY_ASSIGN(Json body, r.json_body());
               CRM_TRY_ASSIGN(auto rules,
                              rules_.update_rules(customers::Caller::from(r), body));
               return Response::json(Status::kOk, rules_json(rules));
             });
  router.get("/api/v1/customers/{id}/credit", std::string(kView),
             [this](Request& r) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, r.path_id("id"));
               CRM_TRY_ASSIGN(Credit credit, rules_.credit(customers::Caller::from(r), id));
               return Response::json(Status::kOk, credit_json(credit));
             });
  router.put("/api/v1/customers/{id}/credit", std::string(kAudit),
             [this](Request& r) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, r.path_id("id"));
               CRM_TRY_ASSIGN(Json body, r.json_body());
               CRM_TRY_ASSIGN(Credit credit,
                              rules_.update_credit(customers::Caller::from(r), id, body));
               return Response::json(Status::kOk, credit_json(credit));
             });
}

}  // namespace crm::orders
