// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/stock_routes.h"

#include "http/query_params.h"
#include "modules/orders/catalog_json.h"

namespace crm::orders {

namespace {

constexpr std::string_view kView = "products.view";
constexpr std::string_view kManage = "products.manage";
constexpr std::string_view kStock = "stock.manage";

Result<StockFilter> parse_stock_filter(const http::Request& request) {
  const http::QueryParams params(request, "catalog.invalid_filter");
  StockFilter f;
  CRM_TRY_ASSIGN(f.product_id, params.integer("product_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.warehouse_id, params.integer("warehouse_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.low, params.flag("low"));
  CRM_TRY_ASSIGN(f.limit, params.limit());
  f.after = params.text("after");
  return f;
}

Result<MovementFilter> parse_movement_filter(const http::Request& request) {
  const http::QueryParams params(request, "catalog.invalid_filter");
  MovementFilter f;
  CRM_TRY_ASSIGN(f.product_id, params.integer("product_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.warehouse_id, params.integer("warehouse_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.order_id, params.integer("order_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.kind, params.choice("kind", {"in", "out", "reserve", "release", "adjust"}));
  CRM_TRY_ASSIGN(f.from_ms, params.time("from", false));
  CRM_TRY_ASSIGN(f.to_ms, params.time("to", true));
  CRM_TRY_ASSIGN(f.limit, params.limit());
  CRM_TRY_ASSIGN(f.after, params.integer("after", 1, INT64_MAX));
  return f;
}

}  // namespace

void StockRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.get("/api/v1/warehouses", std::string(kView), [this](Request&) -> Result<Response> {
    CRM_TRY_ASSIGN(auto warehouses, warehouses_.list());
    return Response::json(Status::kOk, list_json(warehouses));
  });
  router.post("/api/v1/warehouses", std::string(kManage),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(auto warehouse, warehouses_.create(Caller::from(request), body));
                return Response::json(Status::kCreated, to_json(warehouse));
              });
  router.patch("/api/v1/warehouses/{id}", std::string(kManage),
               [this](Request& request) -> Result<Response> {
                 CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                 CRM_TRY_ASSIGN(Json body, request.json_body());
                 CRM_TRY_ASSIGN(auto warehouse,
                                warehouses_.update(Caller::from(request), id, body));
                 return Response::json(Status::kOk, to_json(warehouse));
               });

  router.get("/api/v1/stock", std::string(kView), [this](Request& request) -> Result<Response> {
    CRM_TRY_ASSIGN(StockFilter filter, parse_stock_filter(request));
    CRM_TRY_ASSIGN(auto page, stock_.list(filter));
    return Response::json(Status::kOk, page_json(page));
  });
  router.get("/api/v1/stock/movements", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(MovementFilter filter, parse_movement_filter(request));
               CRM_TRY_ASSIGN(auto page, stock_.movements(filter));
               return Response::json(Status::kOk, page_json(page));
             });
  router.post("/api/v1/stock/receive", std::string(kStock),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(auto rows, stock_.receive(Caller::from(request), body));
                return Response::json(Status::kOk, list_json(rows));
              });
  router.post("/api/v1/stock/adjust", std::string(kStock),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(auto row, stock_.adjust(Caller::from(request), body));
                return Response::json(Status::kOk, to_json(row));
              });
  router.put("/api/v1/stock/threshold", std::string(kStock),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(Json body, request.json_body());
               CRM_TRY_ASSIGN(auto row, stock_.set_threshold(Caller::from(request), body));
               return Response::json(Status::kOk, to_json(row));
             });
}

}  // namespace crm::orders
