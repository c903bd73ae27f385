// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_routes.h"

#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "http/if_match.h"
#include "http/query_params.h"
#include "modules/customers/customer_json.h"

namespace crm::customers {

namespace {

constexpr std::string_view kView = "customers.view";
constexpr std::string_view kEdit = "customers.edit";
constexpr std::string_view kDelete = "customers.delete";
constexpr std::string_view kViewPii = "customers.view_pii";

Result<std::vector<std::string>> string_list(const Json& body, std::string_view field,
                                             bool required) {
  const std::string key(field);
  if (!body.contains(key) || body.at(key).is_null()) {
    if (required) return invalid_input("validation.required", key + " is required.", key);
    return std::vector<std::string>{};
  }
  const Json& list = body.at(key);
  if (!list.is_array()) return invalid_input("validation.type", key + " must be a list.", key);
  std::vector<std::string> out;
  for (const Json& item : list) {
    if (!item.is_string()) return invalid_input("validation.type", key + " must hold text.", key);
    out.push_back(item.get<std::string>());
  }
  return out;
}

Json history_json(const std::vector<HistoryEntry>& entries) {
  Json items = Json::array();
  for (const auto& e : entries) {
    auto changes = parse_json(e.changes);
    items.push_back({{"at", e.at_ms},
                     {"actor_id", e.actor_id ? Json(*e.actor_id) : Json(nullptr)},
                     {"actor_name", e.actor_name},
                     {"action", e.action},
                     {"changes", changes ? *changes : Json::object()}});
  }
  return {{"items", items}};
}

}  // namespace

Result<ListRequest> parse_list_request(const http::Request& request) {
  const http::QueryParams params(request, "customer.invalid_filter");
  ListRequest out;
  CustomerQuery& query = out.query;
  CustomerFilter& f = query.filter;
  f.q = params.text("q");
  if (f.q && f.q->size() > 100) return params.invalid("q", "q is longer than 100 characters.");
  out.phone = params.text("phone");
  out.email = params.text("email");
  f.number = params.text("number");
  f.tag = params.text("tag");
  CRM_TRY_ASSIGN(f.stage, params.choice("stage", {"potential", "transacted", "member"}));
  CRM_TRY_ASSIGN(f.category_id, params.integer("category_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.owner_id, params.integer("owner_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.created_from_ms, params.time("created_from", false));
  CRM_TRY_ASSIGN(f.created_to_ms, params.time("created_to", true));
  CRM_TRY_ASSIGN(query.limit, params.limit());
  query.after = params.text("after");
  const auto sort = params.text("sort").value_or("-created_at");
  if (sort == "-created_at") query.sort = ListSort::kCreatedDesc;
  else if (sort == "created_at") query.sort = ListSort::kCreatedAsc;
  else if (sort == "name") query.sort = ListSort::kName;
  else if (sort == "-updated_at") query.sort = ListSort::kUpdatedDesc;
  else return params.invalid("sort", "sort must be -created_at, created_at, name or -updated_at.");
  return out;
}

Json page_json(const Page<Customer>& page, const OwnerNames& owner_names) {
  Json items = Json::array();
  // A page usually has few distinct owners: look each one up once, not once per row.
  std::map<int64_t, std::optional<std::string>> names;
  for (const auto& customer : page.items) {
    Json item = to_json(customer, Masking::kMasked);
    auto found = names.find(customer.owner_id);
    if (found == names.end()) {
      found = names.emplace(customer.owner_id,
                            owner_names ? owner_names(customer.owner_id) : std::nullopt).first;
    }
    const std::optional<std::string>& name = found->second;
    item["owner_name"] = name ? Json(*name) : Json(nullptr);
    items.push_back(std::move(item));
  }
  return {{"items", items},
          {"total", page.total},
          {"next_after", page.next_after ? Json(*page.next_after) : Json(nullptr)}};
}

Result<std::vector<int64_t>> id_list(const Json& body, std::string_view field) {
  const std::string key(field);
  if (!body.contains(key)) return invalid_input("validation.required", key + " is required.", key);
  const Json& list = body.at(key);
  if (!list.is_array()) return invalid_input("validation.type", key + " must be a list.", key);
  std::vector<int64_t> out;
  for (const Json& item : list) {
    if (!item.is_number_integer()) {
      return invalid_input("validation.type", key + " must hold integer ids.", key);
    }
    out.push_back(item.get<int64_t>());
  }
  if (out.size() > 1000) {
    return invalid_input("validation.too_many", "At most 1000 customers at a time.", key);
  }
  return out;
}

http::Response CustomerRoutes::render(http::Status status, const Customer& customer,
                                      Masking masking) const {
  Json body = to_json(customer, masking);
  const auto name = owner_names_ ? owner_names_(customer.owner_id) : std::nullopt;
  body["owner_name"] = name ? Json(*name) : Json(nullptr);
  http::Response response = http::Response::json(status, body);
  response.set_header("ETag", fmt::format("\"{}\"", customer.version));
  return response;
}

void CustomerRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.get("/api/v1/customers", std::string(kView), [this](Request& request) -> Result<Response> {
    CRM_TRY_ASSIGN(ListRequest list, parse_list_request(request));
    CRM_TRY_ASSIGN(auto page, service_.list(Caller::from(request), std::move(list.query),
                                            list.phone, list.email));
    return Response::json(Status::kOk, page_json(page, owner_names_));
  });
  router.post("/api/v1/customers", std::string(kEdit), [this](Request& request) -> Result<Response> {
    CRM_TRY_ASSIGN(Json body, request.json_body());
    CRM_TRY_ASSIGN(Customer customer, service_.create(Caller::from(request), body));
    Response response = render(Status::kCreated, customer, Masking::kMasked);
    response.set_header("Location", fmt::format("/api/v1/customers/{}", customer.id));
    return response;
  });
  router.get("/api/v1/customers/recycle-bin", std::string(kDelete),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(ListRequest list, parse_list_request(request));
               CRM_TRY_ASSIGN(auto page,
                              service_.recycle_bin(Caller::from(request), std::move(list.query)));
               return Response::json(Status::kOk, page_json(page, owner_names_));
             });
  router.post("/api/v1/customers/bulk-tags", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(auto ids, id_list(body, "customer_ids"));
                CRM_TRY_ASSIGN(auto add, string_list(body, "add", false));
                CRM_TRY_ASSIGN(auto remove, string_list(body, "remove", false));
                CRM_TRY_ASSIGN(const int64_t updated,
                               service_.bulk_tags(Caller::from(request), ids, add, remove));
                return Response::json(Status::kOk, {{"updated", updated}});
              });
  router.get("/api/v1/customers/{id}", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               const bool reveal = request.query("reveal").value_or("") == "true";
               CRM_TRY_ASSIGN(Customer customer,
                              service_.get(Caller::from(request), id,
                                           reveal ? Reveal::kYes : Reveal::kNo,
                                           request.context().can(kViewPii)));
               return render(Status::kOk, customer, reveal ? Masking::kRevealed : Masking::kMasked);
             });
  router.patch("/api/v1/customers/{id}", std::string(kEdit),
               [this](Request& request) -> Result<Response> {
                 CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                 CRM_TRY_ASSIGN(const int64_t version, http::if_match_version(request, "customer", "customer"));
                 CRM_TRY_ASSIGN(Json body, request.json_body());
                 CRM_TRY_ASSIGN(Customer customer,
                                service_.update(Caller::from(request), id, body, version));
                 return render(Status::kOk, customer, Masking::kMasked);
               });
  router.del("/api/v1/customers/{id}", std::string(kDelete),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY(service_.remove(Caller::from(request), id));
               return Response::no_content();
             });
  router.post("/api/v1/customers/{id}/restore", std::string(kDelete),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                CRM_TRY_ASSIGN(Customer customer, service_.restore(Caller::from(request), id));
                return render(Status::kOk, customer, Masking::kMasked);
              });
  router.del("/api/v1/customers/{id}/erase", std::string(kDelete),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(Json body, request.json_body());
               CRM_TRY_ASSIGN(std::string confirm, required_string(body, "confirm"));
               CRM_TRY(service_.erase(Caller::from(request), id, confirm));
               return Response::no_content();
             });
  router.get("/api/v1/customers/{id}/history", std::string(kView),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(auto entries, service_.history(Caller::from(request), id));
               return Response::json(Status::kOk, history_json(entries));
             });
  router.put("/api/v1/customers/{id}/tags", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(Json body, request.json_body());
               CRM_TRY_ASSIGN(auto tags, string_list(body, "tags", true));
               CRM_TRY_ASSIGN(Customer customer,
                              service_.set_tags(Caller::from(request), id, std::move(tags)));
               return render(Status::kOk, customer, Masking::kMasked);
             });
}

}  // namespace crm::customers
