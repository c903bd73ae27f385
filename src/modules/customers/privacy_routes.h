// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/customers/customer_routes.h"
#include "modules/customers/privacy_service.h"

namespace crm::customers {

// /api/v1/customers/{id}/timeline, /consents, /privacy-export and /anonymise: parse ->
// PrivacyService -> render.
class PrivacyRoutes {
 public:
  PrivacyRoutes(PrivacyService& privacy, const OwnerNames& owner_names)
      : privacy_(privacy), owner_names_(owner_names) {}
  void add_to(http::Router& router);

 private:
  PrivacyService& privacy_;
  const OwnerNames& owner_names_;
};

}  // namespace crm::customers
