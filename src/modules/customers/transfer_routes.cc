// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/transfer_routes.h"

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_json.h"

namespace crm::customers {

namespace {

constexpr std::string_view kEdit = "customers.edit";
constexpr std::string_view kExport = "customers.export";
constexpr std::string_view kViewPii = "customers.view_pii";

Result<Json> optional_json_body(const http::Request& request) {
  if (trim(request.body()).empty()) return Json::object();
  return request.json_body();
}

http::Response attachment(std::string body, std::string_view content_type,
                          std::string_view filename) {
  http::Response response = http::Response::text(http::Status::kOk, std::move(body),
                                                 std::string(content_type));
  response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
  return response;
}

}  // namespace

void TransferRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.post(
      "/api/v1/customer-imports", std::string(kEdit),
      [this](Request& request) -> Result<Response> {
        CRM_TRY_ASSIGN(ImportRecord record,
                       imports_.upload(Caller::from(request), request.query("filename").value_or(""),
                                       request.body()));
        Response response = Response::json(Status::kCreated, to_json(record));
        response.set_header("Location", fmt::format("/api/v1/customer-imports/{}", record.id));
        return response;
      },
      http::RouteOptions{.max_body_bytes = kMaxUploadBytes});
  router.get("/api/v1/customer-imports", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               int limit = 50;
               if (const auto text = request.query("limit"); text && !text->empty()) {
                 const auto value = parse_int64(*text);
                 if (!value || *value < 1 || *value > 200) {
                   return invalid_input("validation.range", "limit must be from 1 to 200.",
                                        "limit");
                 }
                 limit = static_cast<int>(*value);
               }
               int64_t before = 0;
               if (const auto after = request.query("after"); after && !after->empty()) {
                 const auto cursor = parse_list_cursor(*after);
                 if (!cursor || cursor->first != "import") {
                   return invalid_input("validation.cursor", "after is not a cursor of this list.",
                                        "after");
                 }
                 before = cursor->second;
               }
               CRM_TRY_ASSIGN(auto records,
                              imports_.list(Caller::from(request), before, limit + 1));
               Json items = Json::array();
               Json next = nullptr;
               for (size_t i = 0; i < records.size(); ++i) {
                 if (i == static_cast<size_t>(limit)) {
                   next = list_cursor("import", records[i - 1].id);
                   break;
                 }
                 items.push_back(to_json(records[i]));
               }
               return Response::json(Status::kOk, {{"items", items}, {"next_after", next}});
             });
  router.get("/api/v1/customer-imports/{id}", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(auto record, imports_.get(Caller::from(request), id));
               return Response::json(Status::kOk, to_json(record));
             });
  router.post("/api/v1/customer-imports/{id}/start", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(auto record, imports_.start(Caller::from(request), id, body));
                return Response::json(Status::kAccepted, to_json(record));
              });
  router.get("/api/v1/customer-imports/{id}/errors", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(std::string csv, imports_.errors_csv(Caller::from(request), id));
               return attachment(std::move(csv), "text/csv; charset=utf-8",
                                 fmt::format("import-{}-errors.csv", id));
             });
  router.post("/api/v1/customer-exports", std::string(kExport),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, optional_json_body(request));
                CRM_TRY_ASSIGN(auto record, exports_.create(Caller::from(request), body,
                                                            request.context().can(kViewPii)));
                Response response = Response::json(Status::kAccepted, to_json(record));
                response.set_header("Location",
                                    fmt::format("/api/v1/customer-exports/{}", record.id));
                return response;
              });
  router.get("/api/v1/customer-exports/{id}", std::string(kExport),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(auto record, exports_.get(Caller::from(request), id));
               return Response::json(Status::kOk, to_json(record));
             });
  router.get("/api/v1/customer-exports/{id}/file", std::string(kExport),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(auto found, exports_.file(Caller::from(request), id));
               auto& [record, bytes] = found;
               const std::string_view type =
                   record.format == "csv"
                       ? "text/csv; charset=utf-8"
                       : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
               return attachment(std::move(bytes), type, record.filename);
             });
}

}  // namespace crm::customers
