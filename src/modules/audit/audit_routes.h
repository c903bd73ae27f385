// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "http/router.h"
#include "modules/audit/audit_service.h"

namespace crm::audit {

inline constexpr std::string_view kViewPermission = "audit.view";

// GET /api/v1/audit-log?actor_id=&action=&target_type=&target_id=&from=&to=&limit=&after=
//   (audit.view) -> {"items":[...],"total":N,"next_after":id|null}
// Bad filter values are 400 "audit.invalid_filter" (or "audit.invalid_limit") naming the field.
class AuditRoutes {
 public:
  explicit AuditRoutes(AuditService& service) : service_(service) {}

  void add_to(http::Router& router);
  Result<http::Response> list(const http::Request& request) const;

 private:
  AuditService& service_;
};

// The query string of the list route as an AuditQuery; exposed for tests.
Result<AuditQuery> parse_audit_query(const http::Request& request);

}  // namespace crm::audit
