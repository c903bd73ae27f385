// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/category_routes.h"

#include "core/text.h"

namespace crm::customers {

namespace {

constexpr std::string_view kView = "customers.view";
constexpr std::string_view kEdit = "customers.edit";

Json to_json(const Category& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"description", c.description},
          {"customer_count", c.customer_count},
          {"created_at", c.created_at_ms},
          {"updated_at", c.updated_at_ms}};
}

}  // namespace

void CategoryRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.get("/api/v1/customer-categories", std::string(kView),
             [this](Request& request) -> Result<Response> {
               auto q = request.query("q");
               if (q && trim(*q).empty()) q.reset();
               const std::string sort = request.query("sort").value_or("name");
               CategorySort order = CategorySort::kName;
               if (sort == "-created_at") order = CategorySort::kCreatedDesc;
               else if (sort == "customer_count") order = CategorySort::kCustomerCount;
               else if (sort != "name") {
                 return invalid_input("category.invalid_filter",
                                      "sort must be name, -created_at or customer_count.", "sort");
               }
               CRM_TRY_ASSIGN(auto categories, categories_.list(q, order));
               Json items = Json::array();
               for (const auto& category : categories) items.push_back(to_json(category));
               const auto total = static_cast<int64_t>(items.size());
               return Response::json(Status::kOk, {{"items", std::move(items)},
                                                   {"total", total},
                                                   {"next_after", nullptr}});
             });
  router.post("/api/v1/customer-categories", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(Category category, categories_.create(Caller::from(request), body));
                return Response::json(Status::kCreated, to_json(category));
              });
  router.get("/api/v1/customer-categories/{id}", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(Category category, categories_.get(id));
               return Response::json(Status::kOk, to_json(category));
             });
  router.patch("/api/v1/customer-categories/{id}", std::string(kEdit),
               [this](Request& request) -> Result<Response> {
                 CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                 CRM_TRY_ASSIGN(Json body, request.json_body());
                 CRM_TRY_ASSIGN(Category category,
                                categories_.update(Caller::from(request), id, body));
                 return Response::json(Status::kOk, to_json(category));
               });
  router.del("/api/v1/customer-categories/{id}", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY(categories_.remove(Caller::from(request), id));
               return Response::no_content();
             });
  router.get("/api/v1/customer-categories/{id}/customers", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY(categories_.get(id));
               CRM_TRY_ASSIGN(ListRequest list, parse_list_request(request));
               list.query.filter.category_id = id;
               CRM_TRY_ASSIGN(auto page, customers_.list(Caller::from(request),
                                                         std::move(list.query), list.phone,
                                                         list.email));
               return Response::json(Status::kOk, page_json(page, owner_names_));
             });
  router.post("/api/v1/customer-categories/{id}/members", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(auto ids, id_list(body, "customer_ids"));
                CRM_TRY_ASSIGN(const int64_t added,
                               categories_.add_members(Caller::from(request), id, ids));
                return Response::json(Status::kOk, {{"added", added}});
              });
  router.del("/api/v1/customer-categories/{id}/members", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(Json body, request.json_body());
               CRM_TRY_ASSIGN(auto ids, id_list(body, "customer_ids"));
               CRM_TRY_ASSIGN(const int64_t removed,
                              categories_.remove_members(Caller::from(request), id, ids));
               return Response::json(Status::kOk, {{"removed", removed}});
             });
}

}  // namespace crm::customers
