// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/product_routes.h"

#include <fmt/format.h>

#include "http/if_match.h"
#include "http/query_params.h"
#include "modules/orders/catalog_json.h"

namespace crm::orders {

namespace {

constexpr std::string_view kView = "products.view";
constexpr std::string_view kManage = "products.manage";

http::Response render(http::Status status, const Product& product) {
  http::Response response = http::Response::json(status, to_json(product));
  response.set_header("ETag", fmt::format("\"{}\"", product.version));
  return response;
}

Result<ProductFilter> parse_filter(const http::Request& request) {
  const http::QueryParams params(request, "catalog.invalid_filter");
  ProductFilter f;
  f.q = params.text("q");
  if (f.q && f.q->size() > 100) return params.invalid("q", "q is longer than 100 characters.");
  CRM_TRY_ASSIGN(f.category_id, params.integer("category_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.status, params.choice("status", {"active", "inactive"}));
  CRM_TRY_ASSIGN(f.limit, params.limit());
  CRM_TRY_ASSIGN(f.after, params.integer("after", 1, INT64_MAX));
  return f;
}

}  // namespace

void ProductRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.get("/api/v1/product-categories", std::string(kView),
             [this](Request&) -> Result<Response> {
               CRM_TRY_ASSIGN(auto categories, categories_.list());
               return Response::json(Status::kOk, list_json(categories));
             });
  router.post("/api/v1/product-categories", std::string(kManage),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(auto category, categories_.create(Caller::from(request), body));
                return Response::json(Status::kCreated, to_json(category));
              });
  router.patch("/api/v1/product-categories/{id}", std::string(kManage),
               [this](Request& request) -> Result<Response> {
                 CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                 CRM_TRY_ASSIGN(Json body, request.json_body());
                 CRM_TRY_ASSIGN(auto category,
                                categories_.update(Caller::from(request), id, body));
                 return Response::json(Status::kOk, to_json(category));
               });
  router.del("/api/v1/product-categories/{id}", std::string(kManage),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(auto in_use, categories_.remove(Caller::from(request), id));
               if (!in_use) return Response::no_content();
               // The error shape plus the number of products still in the category.
               return Response::json(
                   Status::kConflict,
                   {{"error",
                     {{"code", "product_category.in_use"},
                      {"message", fmt::format("{} products still use this category; move them "
                                              "to another category first.",
                                              *in_use)},
                      {"product_count", *in_use},
                      {"request_id", request.context().request_id()}}}});
             });

  router.get("/api/v1/products", std::string(kView), [this](Request& request) -> Result<Response> {
    CRM_TRY_ASSIGN(ProductFilter filter, parse_filter(request));
    CRM_TRY_ASSIGN(auto page, products_.list(filter));
    return Response::json(Status::kOk, page_json(page));
  });
  router.post("/api/v1/products", std::string(kManage),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(Product product, products_.create(Caller::from(request), body));
                Response response = render(Status::kCreated, product);
                response.set_header("Location", fmt::format("/api/v1/products/{}", product.id));
                return response;
              });
  router.get("/api/v1/products/{id}", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(Product product, products_.get(id));
               return render(Status::kOk, product);
             });
  router.patch("/api/v1/products/{id}", std::string(kManage),
               [this](Request& request) -> Result<Response> {
                 CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                 CRM_TRY_ASSIGN(const int64_t version, http::if_match_version(request, "product", "product"));
                 CRM_TRY_ASSIGN(Json body, request.json_body());
                 CRM_TRY_ASSIGN(Product product,
                                products_.update(Caller::from(request), id, body, version));
                 return render(Status::kOk, product);
               });
}

}  // namespace crm::orders
