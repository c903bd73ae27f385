// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/recovery/recovery_service.h"

namespace crm::recovery {

// POST /api/v1/auth/recovery/request and /confirm (both public), per docs/api/staff-accounts.md.
class RecoveryRoutes {
 public:
  explicit RecoveryRoutes(RecoveryService& service) : service_(service) {}
  void add_to(http::Router& router);

  // 202 {"status":"sent"}; 429 auth.rate_limited with Retry-After seconds.
  Result<http::Response> request_code(const http::Request& request);
  // 204; 400 auth.code_invalid / auth.weak_password.
  Result<http::Response> confirm(const http::Request& request);

 private:
  RecoveryService& service_;
};

}  // namespace crm::recovery
