// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/merge_routes.h"

namespace crm::customers {

namespace {

constexpr std::string_view kEdit = "customers.edit";

}  // namespace

void DuplicateRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.post("/api/v1/customer-duplicates/scan", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t job_id, service_.request_scan(Caller::from(request)));
                return Response::json(Status::kAccepted, {{"job_id", job_id}});
              });
  router.get("/api/v1/customer-duplicates", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               const std::string status = request.query("status").value_or("open");
               CRM_TRY_ASSIGN(auto page, page_params(request));
               CRM_TRY_ASSIGN(auto pairs, service_.list(Caller::from(request),
                                                        status.empty() ? "open" : status,
                                                        page.first, page.second));
               // Both customers rendered as in the customer list (masked, with owner_name).
               Page<Customer> customers;
               for (const auto& pair : pairs.items) {
                 customers.items.push_back(pair.a);
                 customers.items.push_back(pair.b);
               }
               const Json rendered = page_json(customers, owner_names_).at("items");
               Json items = Json::array();
               for (size_t i = 0; i < pairs.items.size(); ++i) {
                 const DuplicateCandidate& c = pairs.items[i].candidate;
                 items.push_back({{"id", c.id},
                                  {"reason", c.reason},
                                  {"status", c.status},
                                  {"found_at", c.found_at_ms},
                                  {"customers", {rendered[2 * i], rendered[2 * i + 1]}}});
               }
               return Response::json(
                   Status::kOk,
                   {{"items", items},
                    {"total", pairs.total},
                    {"next_after", pairs.next_after ? Json(*pairs.next_after) : Json(nullptr)}});
             });
  router.post("/api/v1/customer-duplicates/{id}/dismiss", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                CRM_TRY(service_.dismiss(Caller::from(request), id));
                return Response::no_content();
              });
}

}  // namespace crm::customers
