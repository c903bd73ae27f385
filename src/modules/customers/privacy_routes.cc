// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/privacy_routes.h"

#include <fmt/format.h>

#include "http/query_params.h"
#include "modules/customers/customer_json.h"

namespace crm::customers {

namespace {

constexpr std::string_view kView = "customers.view";
constexpr std::string_view kDelete = "customers.delete";
constexpr std::string_view kViewPii = "customers.view_pii";

Json timeline_json(const Timeline& timeline) {
  Json items = Json::array();
  for (const auto& item : timeline.items) {
    items.push_back({{"at", item.at_ms},
                     {"kind", item.kind},
                     {"title", item.title},
                     {"detail", item.detail},
                     {"actor_name", item.actor_name},
                     {"ref_id", item.ref_id},
                     {"fields", item.fields}});
  }
  return {{"items", items},
          {"next_before", timeline.next_before ? Json(*timeline.next_before) : Json(nullptr)}};
}

}  // namespace

void PrivacyRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.get("/api/v1/customers/{id}/timeline", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               const http::QueryParams params(request, "customer.invalid_filter");
               CRM_TRY_ASSIGN(const int limit, params.limit());
               CRM_TRY_ASSIGN(auto before, params.integer("before", 0, INT64_MAX));
               CRM_TRY_ASSIGN(Timeline timeline, privacy_.timeline(Caller::from(request),
                                                                   request.context(), id, before,
                                                                   limit));
               return Response::json(Status::kOk, timeline_json(timeline));
             });
  router.get("/api/v1/customers/{id}/consents", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(ConsentState state, privacy_.consents(Caller::from(request), id));
               Json history = Json::array();
               for (const auto& event : state.history) history.push_back(to_json(event));
               return Response::json(Status::kOk,
                                     {{"current",
                                       {{"sms", state.current.sms},
                                        {"email", state.current.email},
                                        {"phone", state.current.phone}}},
                                      {"history", history}});
             });
  router.get("/api/v1/customers/{id}/privacy-export", std::string(kViewPii),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(PrivacyExport exported,
                              privacy_.privacy_export(Caller::from(request), id));
               Response response(Status::kOk, std::move(exported.zip), "application/zip");
               response.set_header("Content-Disposition",
                                   fmt::format("attachment; filename=\"{}\"", exported.filename));
               // Personal data: never kept by a browser or proxy cache.
               response.set_header("Cache-Control", "no-store");
               return response;
             });
  router.post("/api/v1/customers/{id}/anonymise", std::string(kDelete),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(std::string confirm, required_string(body, "confirm"));
                CRM_TRY_ASSIGN(Customer customer,
                               privacy_.anonymise(Caller::from(request), id, confirm));
                Json out = to_json(customer, Masking::kMasked);
                const auto name = owner_names_ ? owner_names_(customer.owner_id) : std::nullopt;
                out["owner_name"] = name ? Json(*name) : Json(nullptr);
                Response response = Response::json(Status::kOk, out);
                response.set_header("ETag", fmt::format("\"{}\"", customer.version));
                return response;
              });
}

}  // namespace crm::customers
