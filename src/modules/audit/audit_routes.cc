// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_routes.h"

#include <fmt/format.h>

#include "http/query_params.h"

namespace crm::audit {

namespace {

constexpr size_t kMaxTextFilter = 200;

// Text filters are bounded so that a filter can never become a large LIKE pattern.
Result<std::optional<std::string>> text_filter(const http::QueryParams& params,
                                               std::string_view field) {
  auto text = params.text(field);
  if (text && text->size() > kMaxTextFilter) {
    return params.invalid(field, fmt::format("{} is longer than {} characters.", field, kMaxTextFilter));
  }
  return text;
}

}  // namespace

Result<AuditQuery> parse_audit_query(const http::Request& request) {
  const http::QueryParams params(request, "audit.invalid_filter");
  AuditQuery query;
  AuditFilter& f = query.filter;
  CRM_TRY_ASSIGN(f.actor_id, params.integer("actor_id", 1, INT64_MAX));
  CRM_TRY_ASSIGN(f.action, text_filter(params, "action"));
  CRM_TRY_ASSIGN(f.target_type, text_filter(params, "target_type"));
  CRM_TRY_ASSIGN(f.target_id, text_filter(params, "target_id"));
  CRM_TRY_ASSIGN(f.from_ms, params.time("from", false));
  CRM_TRY_ASSIGN(f.to_ms, params.time("to", true));
  if (f.from_ms && f.to_ms && *f.from_ms >= *f.to_ms) {
    return params.invalid("to", "to must be later than from.");
  }
  CRM_TRY_ASSIGN(query.limit, http::QueryParams(request, "audit.invalid_limit")
                                  .limit(query.limit, kMaxPageSize));
  CRM_TRY_ASSIGN(query.after, params.integer("after", 1, INT64_MAX));
  return query;
}

void AuditRoutes::add_to(http::Router& router) {
  router.get("/api/v1/audit-log", std::string(kViewPermission),
             [this](http::Request& request) { return list(request); });
}

Result<http::Response> AuditRoutes::list(const http::Request& request) const {
  CRM_TRY_ASSIGN(AuditQuery query, parse_audit_query(request));
  CRM_TRY_ASSIGN(AuditPage page, service_.search(query));
  Json items = Json::array();
  for (const AuditRecord& record : page.items) items.push_back(to_json(record));
  return http::Response::json(
      http::Status::kOk,
      Json{{"items", std::move(items)},
           {"total", page.total},
           {"next_after", page.next_after ? Json(*page.next_after) : Json(nullptr)}});
}

}  // namespace crm::audit
