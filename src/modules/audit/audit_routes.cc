// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_routes.h"

#include <charconv>

#include <fmt/format.h>

namespace crm::audit {

namespace {

constexpr size_t kMaxTextFilter = 200;

Error bad_filter(std::string_view field, std::string message) {
  return invalid_input("audit.invalid_filter", std::move(message), std::string(field));
}

Result<std::optional<int64_t>> positive_int(const http::Request& request, std::string_view field) {
  const auto text = request.query(field);
  if (!text || text->empty()) return std::optional<int64_t>{};
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value <= 0) {
    return bad_filter(field, fmt::format("{} must be a positive integer.", field));
  }
  return std::optional<int64_t>(value);
}

Result<std::optional<std::string>> text_filter(const http::Request& request,
                                               std::string_view field) {
  auto text = request.query(field);
  if (!text || text->empty()) return std::optional<std::string>{};
  if (text->size() > kMaxTextFilter) {
    return bad_filter(field, fmt::format("{} is longer than {} characters.", field, kMaxTextFilter));
  }
  return text;
}

Result<std::optional<int64_t>> time_filter(const http::Request& request, std::string_view field,
                                           bool end_of_day) {
  const auto text = request.query(field);
  if (!text || text->empty()) return std::optional<int64_t>{};
  const auto ms = parse_time(*text, end_of_day);
  if (!ms) {
    return bad_filter(field, fmt::format("{} must be a date (2026-11-01), a UTC time "
                                         "(2026-11-01T08:00:00Z) or milliseconds.", field));
  }
  return ms;
}

}  // namespace

Result<AuditQuery> parse_audit_query(const http::Request& request) {
  AuditQuery query;
  AuditFilter& f = query.filter;
  CRM_TRY_ASSIGN(f.actor_id, positive_int(request, "actor_id"));
  CRM_TRY_ASSIGN(f.action, text_filter(request, "action"));
  CRM_TRY_ASSIGN(f.target_type, text_filter(request, "target_type"));
  CRM_TRY_ASSIGN(f.target_id, text_filter(request, "target_id"));
  CRM_TRY_ASSIGN(f.from_ms, time_filter(request, "from", false));
  CRM_TRY_ASSIGN(f.to_ms, time_filter(request, "to", true));
  if (f.from_ms && f.to_ms && *f.from_ms >= *f.to_ms) {
    return bad_filter("to", "to must be later than from.");
  }
  auto limit = positive_int(request, "limit");
  if (!limit || (*limit && **limit > kMaxPageSize)) {
    return invalid_input("audit.invalid_limit",
                         fmt::format("limit must be between 1 and {}.", kMaxPageSize), "limit");
  }
  if (*limit) query.limit = static_cast<int>(**limit);
  CRM_TRY_ASSIGN(query.after, positive_int(request, "after"));
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
