// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/stock_routes.h"

#include "modules/orders/catalog_json.h"
#include "modules/orders/catalog_params.h"

namespace crm::orders {

namespace {

constexpr std::string_view kView = "products.view";
constexpr std::string_view kManage = "products.manage";
constexpr std::string_view kStock = "stock.manage";

Result<StockFilter> parse_stock_filter(const http::Request& request) {
  StockFilter f;
  CRM_TRY_ASSIGN(f.product_id, int_param(request, "product_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.warehouse_id, int_param(request, "warehouse_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.low, bool_param(request, "low"));
  CRM_TRY_ASSIGN(f.limit, limit_param(request));
  f.after = text_param(request, "after");
  return f;
}

Result<MovementFilter> parse_movement_filter(const http::Request& request) {
  MovementFilter f;
  CRM_TRY_ASSIGN(f.product_id, int_param(request, "product_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.warehouse_id, int_param(request, "warehouse_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.order_id, int_param(request, "order_id", 1, INT64_MAX));
  f.kind = text_param(request, "kind");
  if (f.kind && *f.kind != "in" && *f.kind != "out" && *f.kind != "reserve" &&
      *f.kind != "release" && *f.kind != "adjust") {
    return invalid_input("catalog.invalid_filter",
                         "kind must be in, out, reserve, release or adjust.", "kind");
  }
  CRM_TRY_ASSIGN(f.from_ms, time_param(request, "from", false));
  CRM_TRY_ASSIGN(f.to_ms, time_param(request, "to", true));
  CRM_TRY_ASSIGN(f.limit, limit_param(request));
  CRM_TRY_ASSIGN(f.after, int_param(request, "after", 1, INT64_MAX));
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
