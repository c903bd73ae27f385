// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_routes.h"

#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/text.h"
#include "http/if_match.h"
#include "http/query_params.h"
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

http::QueryParams params_of(const Request& request) {
  return http::QueryParams(request, "order.invalid_filter");
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
  const http::QueryParams params = params_of(request);
  OrderQuery query;
  OrderFilter& f = query.filter;
  f.status = params.text("status");
  if (audit_queue) f.status = "pending_audit";
  if (f.status && !is_status(*f.status)) {
    return bad_filter("status", "status is not an order status.");
  }
  CRM_TRY_ASSIGN(f.customer_id, params.integer("customer_id", 1, INT64_MAX));
  f.q = params.text("q");
  if (f.q && f.q->size() > 64) return bad_filter("q", "q is longer than 64 characters.");
  f.platform = params.text("platform");
  f.channel = params.text("channel");
  CRM_TRY_ASSIGN(f.payment_method, params.choice("payment_method", {"online", "cod"}));
  CRM_TRY_ASSIGN(f.from_ms, params.time("from", false));
  CRM_TRY_ASSIGN(f.to_ms, params.time("to", true));
  CRM_TRY_ASSIGN(query.limit, params.limit());
  query.after = params.text("after");
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
  CRM_TRY_ASSIGN(const bool reveal, params_of(request).flag("reveal"));
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
  CRM_TRY_ASSIGN(auto version, http::optional_if_match_version(request, "order", "order"));
  CRM_TRY_ASSIGN(Order order,
                 actions_.apply(customers::Caller::from(request), id, action, body, version));
  return render(request, Status::kOk, order);
}

Result<Response> OrderRoutes::pick_list(Request& request) {
  const http::QueryParams params = params_of(request);
  const std::string status = params.text("status").value_or("paid");
  if (!is_status(status)) return bad_filter("status", "status is not an order status.");
  std::vector<int64_t> ids;
  if (auto text = params.text("ids")) {
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

namespace {

// The synchronous POST /api/v1/orders/import answers in its original shape.
Json legacy_report(const OrderImportRecord& r) {
  Json out{{"dry_run", r.dry_run}, {"rows", r.row_count}, {"orders", r.order_count},
           {"created", r.status == "succeeded" ? r.created : 0},
           {"skipped", r.status == "succeeded" ? r.skipped : 0}, {"errors", r.errors},
           {"import_id", r.id}};
  if (!r.errors.empty()) {
    const Json& first = r.errors.front();
    out["error"] = {{"code", "order_import.invalid_rows"},
                    {"message", fmt::format("Row {} ({}): {} Nothing was imported.",
                                            first["row"].get<int64_t>(),
                                            first["column"].get<std::string>(),
                                            first["message"].get<std::string>())},
                    {"field", first["column"]}};
  }
  return out;
}

http::Response csv_attachment(std::string body, std::string_view filename) {
  Response response =
      Response::text(Status::kOk, std::move(body), std::string("text/csv; charset=utf-8"));
  response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
  return response;
}

}  // namespace

void OrderRoutes::add_import_routes(http::Router& router) {
  // Synchronous, for scripts and small files: upload, start with the suggested mapping, run here.
  router.post(
      "/api/v1/orders/import", std::string(kCreate),
      [this](Request& r) -> Result<Response> {
        const auto caller = customers::Caller::from(r);
        CRM_TRY_ASSIGN(OrderImportRecord uploaded,
                       imports_.upload(caller, r.query("filename").value_or("orders.csv"),
                                       r.body()));
        CRM_TRY_ASSIGN(const bool dry_run, params_of(r).flag("dry_run"));
        const Json body{{"mapping", uploaded.suggested_mapping}, {"dry_run", dry_run}};
        CRM_TRY_ASSIGN(OrderImportRecord record, imports_.start(caller, uploaded.id, body, true));
        if (!record.failure.empty()) {
          return Error{ErrorKind::kInternal, "order_import.failed", record.failure, ""};
        }
        const Json report = legacy_report(record);
        if (!record.errors.empty()) return Response::json(Status::kUnprocessable, report);
        return Response::json(record.dry_run ? Status::kOk : Status::kCreated, report);
      },
      http::RouteOptions{.max_body_bytes = kMaxImportBytes});
  router.post(
      "/api/v1/order-imports", std::string(kCreate),
      [this](Request& r) -> Result<Response> {
        CRM_TRY_ASSIGN(OrderImportRecord record,
                       imports_.upload(customers::Caller::from(r),
                                       r.query("filename").value_or(""), r.body()));
        Response response = Response::json(Status::kCreated, to_json(record));
        response.set_header("Location", fmt::format("/api/v1/order-imports/{}", record.id));
        return response;
      },
      http::RouteOptions{.max_body_bytes = kMaxImportBytes});
  router.get("/api/v1/order-imports", std::string(kCreate), [this](Request& r) -> Result<Response> {
    const http::QueryParams params = params_of(r);
    CRM_TRY_ASSIGN(const int n, params.limit());
    CRM_TRY_ASSIGN(auto after, params.integer("after", 1, INT64_MAX));
    CRM_TRY_ASSIGN(auto records, imports_.list(customers::Caller::from(r), after.value_or(0), n + 1));
    Json items = Json::array();
    Json next = nullptr;
    for (size_t i = 0; i < records.size(); ++i) {
      if (i == static_cast<size_t>(n)) {
        next = std::to_string(records[i - 1].id);
        break;
      }
      items.push_back(to_json(records[i]));
    }
    return Response::json(Status::kOk, {{"items", items}, {"next_after", next}});
  });
  router.get("/api/v1/order-imports/{id}", std::string(kCreate),
             [this](Request& r) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, r.path_id("id"));
               CRM_TRY_ASSIGN(auto record, imports_.get(customers::Caller::from(r), id));
               return Response::json(Status::kOk, to_json(record));
             });
  router.post("/api/v1/order-imports/{id}/start", std::string(kCreate),
              [this](Request& r) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t id, r.path_id("id"));
                CRM_TRY_ASSIGN(Json body, r.json_body());
                CRM_TRY_ASSIGN(auto record, imports_.start(customers::Caller::from(r), id, body));
                return Response::json(Status::kAccepted, to_json(record));
              });
  router.get("/api/v1/order-imports/{id}/errors", std::string(kCreate),
             [this](Request& r) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, r.path_id("id"));
               CRM_TRY_ASSIGN(std::string csv, imports_.errors_csv(customers::Caller::from(r), id));
               return csv_attachment(std::move(csv), fmt::format("order-import-{}-errors.csv", id));
             });
}

void OrderRoutes::add_to(http::Router& router) {
  router.get("/api/v1/orders", std::string(kView),
             [this](Request& r) { return list(r, false); });
  router.post("/api/v1/orders", std::string(kCreate), [this](Request& r) { return create(r); });
  router.get("/api/v1/orders/audit-queue", std::string(kAudit),
             [this](Request& r) { return list(r, true); });
  router.get("/api/v1/orders/pick-list", std::string(kView),
             [this](Request& r) { return pick_list(r); });
  add_import_routes(router);
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
