// SPDX-License-Identifier: Apache-2.0
#include "modules/interactions/interactions_module.h"

#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "http/query_params.h"
#include "modules/audit/audit_service.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> interactions();
}  // namespace crm::migrations

namespace crm::interactions {

namespace {

constexpr std::string_view kView = "interactions.view";
constexpr std::string_view kEdit = "interactions.edit";
constexpr std::string_view kManage = "interactions.manage";

constexpr modules::PermissionInfo kPermissions[] = {
    {kView, "查看沟通记录", "View communication records"},
    {kEdit, "编辑沟通记录", "Edit communication records"},
    {kManage, "管理沟通渠道", "Manage communication channels"},
};

Result<InteractionQuery> parse_query(const http::Request& request) {
  const http::QueryParams params(request, "interaction.invalid_filter");
  InteractionQuery query;
  InteractionFilter& f = query.filter;
  CRM_TRY_ASSIGN(f.customer_id, params.integer("customer_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.channel_id, params.integer("channel_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.staff_id, params.integer("staff_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.from_ms, params.time("from", false));
  CRM_TRY_ASSIGN(f.to_ms, params.time("to", true));
  f.subject = params.text("subject");
  f.q = params.text("q");
  if (f.q && f.q->size() > 100) return params.invalid("q", "q is longer than 100 characters.");
  CRM_TRY_ASSIGN(query.limit, params.limit());
  query.after = params.text("after");
  return query;
}

Json channel_json(const Channel& c) {
  return {{"id", c.id}, {"name", c.name}, {"kind", c.kind}, {"enabled", c.enabled},
          {"builtin", c.builtin}};
}

}  // namespace

std::span<const storage::MigrationFile> InteractionsModule::migrations() const {
  return migrations::interactions();
}

std::span<const modules::PermissionInfo> InteractionsModule::permissions() const {
  return kPermissions;
}

void InteractionsModule::add_routes(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  // Renders records with customer and channel names (looked up once per response).
  auto render = [this](const std::vector<Interaction>& items) -> Result<Json> {
    CRM_TRY_ASSIGN(auto channels, service_.channels());
    std::map<int64_t, std::string> channel_names;
    for (const auto& c : channels) channel_names[c.id] = c.name;
    std::map<int64_t, std::optional<customers::CustomerRef>> refs;
    Json out = Json::array();
    for (const auto& i : items) {
      auto found = refs.find(i.customer_id);
      if (found == refs.end()) {
        found = refs.emplace(i.customer_id, service_.customer_ref(i.customer_id)).first;
      }
      const auto& ref = found->second;
      out.push_back({{"id", i.id},
                     {"customer_id", i.customer_id},
                     {"customer_name", ref ? Json(ref->name) : Json(nullptr)},
                     {"customer_number", ref ? Json(ref->number) : Json(nullptr)},
                     {"at", i.at_ms},
                     {"channel_id", i.channel_id},
                     {"channel_name", channel_names[i.channel_id]},
                     {"subject", i.subject},
                     {"content", i.content},
                     {"outcome", i.outcome},
                     {"staff_id", i.staff_id},
                     {"staff_name", i.staff_name},
                     {"follow_up_on", i.follow_up_on ? Json(*i.follow_up_on) : Json(nullptr)},
                     {"created_at", i.created_at_ms},
                     {"updated_at", i.updated_at_ms}});
    }
    return out;
  };
  auto one = [render](Status status, const Interaction& i) -> Result<Response> {
    CRM_TRY_ASSIGN(Json items, render({i}));
    return Response::json(status, items.at(0));
  };

  router.get("/api/v1/interactions", std::string(kView),
             [this, render](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(InteractionQuery query, parse_query(request));
               CRM_TRY_ASSIGN(auto page, service_.list(customers::Caller::from(request), query));
               CRM_TRY_ASSIGN(Json items, render(page.items));
               return Response::json(
                   Status::kOk, {{"items", items},
                                 {"total", page.total},
                                 {"next_after", page.next_after ? Json(*page.next_after)
                                                                : Json(nullptr)}});
             });
  router.post("/api/v1/interactions", std::string(kEdit),
              [this, one](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(Interaction i,
                               service_.create(customers::Caller::from(request), body));
                CRM_TRY_ASSIGN(Response response, one(Status::kCreated, i));
                response.set_header("Location", fmt::format("/api/v1/interactions/{}", i.id));
                return response;
              });
  router.get("/api/v1/interactions/{id}", std::string(kView),
             [this, one](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY_ASSIGN(Interaction i, service_.get(customers::Caller::from(request), id));
               return one(Status::kOk, i);
             });
  router.patch("/api/v1/interactions/{id}", std::string(kEdit),
               [this, one](Request& request) -> Result<Response> {
                 CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                 CRM_TRY_ASSIGN(Json body, request.json_body());
                 CRM_TRY_ASSIGN(Interaction i,
                                service_.update(customers::Caller::from(request), id, body));
                 return one(Status::kOk, i);
               });
  router.del("/api/v1/interactions/{id}", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
               CRM_TRY(service_.remove(customers::Caller::from(request), id));
               return Response::no_content();
             });
  router.get("/api/v1/interaction-channels", std::string(kView),
             [this](Request&) -> Result<Response> {
               CRM_TRY_ASSIGN(auto channels, service_.channels());
               Json items = Json::array();
               for (const auto& c : channels) items.push_back(channel_json(c));
               return Response::json(Status::kOk, {{"items", items}});
             });
  router.post("/api/v1/interaction-channels", std::string(kManage),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(Channel c,
                               service_.create_channel(customers::Caller::from(request), body));
                return Response::json(Status::kCreated, channel_json(c));
              });
  router.patch("/api/v1/interaction-channels/{id}", std::string(kManage),
               [this](Request& request) -> Result<Response> {
                 CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                 CRM_TRY_ASSIGN(Json body, request.json_body());
                 CRM_TRY_ASSIGN(Channel c, service_.update_channel(
                                               customers::Caller::from(request), id, body));
                 return Response::json(Status::kOk, channel_json(c));
               });
}

}  // namespace crm::interactions
