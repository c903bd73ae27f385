// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/after_sale_routes.h"

#include <fmt/format.h>

#include "http/query_params.h"

namespace crm::orders {

namespace {

constexpr std::string_view kView = "orders.view";
constexpr std::string_view kWrite = "orders.after_sales";

Result<AfterSaleQuery> parse_query(const http::Request& request) {
  const http::QueryParams params(request, "after_sale.invalid_filter");
  AfterSaleQuery query;
  AfterSaleFilter& f = query.filter;
  f.status = params.text("status");
  if (f.status && !is_after_sale_status(*f.status)) {
    return params.invalid("status", "status must be requested, approved, rejected, "
                                    "goods_received, refunded, reshipped or closed.");
  }
  f.kind = params.text("kind");
  if (f.kind && !is_after_sale_kind(*f.kind)) {
    return params.invalid("kind", "kind must be return, exchange or refund_only.");
  }
  CRM_TRY_ASSIGN(f.order_id, params.integer("order_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.customer_id, params.integer("customer_id", 1, INT64_MAX));
  f.q = params.text("q");
  if (f.q && f.q->size() > 32) return params.invalid("q", "q is longer than 32 characters.");
  CRM_TRY_ASSIGN(query.limit, params.limit());
  CRM_TRY_ASSIGN(query.after, params.integer("after", 1, INT64_MAX));
  return query;
}

Json optional_json(const std::optional<int64_t>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace

Json to_json(const AfterSale& a, bool full) {
  Json out{{"id", a.id},
           {"number", a.number},
           {"order_id", a.order_id},
           {"order_number", a.order_number},
           {"customer_id", a.customer_id},
           {"kind", a.kind},
           {"status", a.status},
           {"reason", a.reason},
           {"note", a.note},
           {"photos", a.photos},
           {"requested_fen", a.requested_fen},
           {"refund_fen", a.refund_fen},
           {"restocked", a.restocked},
           {"reship_carrier", a.reship_carrier},
           {"reship_tracking_number", a.reship_tracking_number},
           {"version", a.version},
           {"created_at", a.created_at_ms},
           {"created_by", optional_json(a.created_by)},
           {"updated_at", a.updated_at_ms},
           {"closed_at", optional_json(a.closed_at_ms)}};
  if (!full) return out;
  Json items = Json::array();
  for (const auto& i : a.items) {
    items.push_back({{"order_item_id", i.order_item_id},
                     {"quantity", i.quantity},
                     {"product_id", i.product_id},
                     {"sku", i.sku},
                     {"name", i.name},
                     {"unit_price_fen", i.unit_price_fen}});
  }
  Json events = Json::array();
  for (const auto& e : a.events) {
    events.push_back({{"id", e.id},
                      {"at", e.at_ms},
                      {"from_status", e.from_status ? Json(*e.from_status) : Json(nullptr)},
                      {"to_status", e.to_status},
                      {"actor_id", optional_json(e.actor_id)},
                      {"actor_name", e.actor_name},
                      {"note", e.note}});
  }
  out["items"] = std::move(items);
  out["events"] = std::move(events);
  if (a.order) {
    out["order"] = {{"id", a.order->id},
                    {"number", a.order->number},
                    {"status", a.order->status},
                    {"total_fen", a.order->total_fen},
                    {"paid_fen", a.order->paid_fen},
                    {"refunded_fen", a.order->refunded_fen},
                    {"refundable_fen", a.order->paid_fen - a.order->refunded_fen}};
  }
  return out;
}

void AfterSaleRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.get("/api/v1/after-sales", std::string(kView), [this](Request& request) -> Result<Response> {
    CRM_TRY_ASSIGN(AfterSaleQuery query, parse_query(request));
    CRM_TRY_ASSIGN(auto page, service_.list(customers::Caller::from(request), query));
    Json items = Json::array();
    for (const auto& a : page.items) items.push_back(to_json(a, false));
    return Response::json(Status::kOk,
                          {{"items", items},
                           {"total", page.total},
                           {"next_after", page.next_after ? Json(std::to_string(*page.next_after))
                                                          : Json(nullptr)}});
  });
  router.post("/api/v1/after-sales", std::string(kWrite), [this](Request& request) -> Result<Response> {
    CRM_TRY_ASSIGN(Json body, request.json_body());
    CRM_TRY_ASSIGN(AfterSale a, service_.create(customers::Caller::from(request), body));
    Response response = Response::json(Status::kCreated, to_json(a, true));
    response.set_header("Location", fmt::format("/api/v1/after-sales/{}", a.id));
    return response;
  });
  router.get("/api/v1/after-sales/{id}", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(AfterSale a, service_.get(customers::Caller::from(request), id));
               return Response::json(Status::kOk, to_json(a, true));
             });
  for (const auto action : {AfterSaleAction::kApprove, AfterSaleAction::kReject,
                            AfterSaleAction::kReceive, AfterSaleAction::kRefund,
                            AfterSaleAction::kReship, AfterSaleAction::kClose}) {
    router.post(fmt::format("/api/v1/after-sales/{{id}}/{}", action_name(action)),
                std::string(kWrite), [this, action](Request& request) -> Result<Response> {
                  CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                  Json body = Json::object();
                  if (!request.body().empty()) {
                    CRM_TRY_ASSIGN(body, request.json_body());
                  }
                  CRM_TRY_ASSIGN(AfterSale a, service_.act(customers::Caller::from(request), id,
                                                           action, body));
                  return Response::json(Status::kOk, to_json(a, true));
                });
  }
}

}  // namespace crm::orders
