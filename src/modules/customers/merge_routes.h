// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/customers/customer_routes.h"
#include "modules/customers/duplicate_service.h"
#include "modules/customers/merge_service.h"

namespace crm::customers {

// {"id","survivor_id","merged_id","survivor_number","merged_number","merged_at","merged_by",
//  "undone_at","undone_by","moved":{"interactions":N,…}}
Json merge_json(const MergeRecord& merge);
// ?limit= (1..200, default 50) and ?after=; validation.limit otherwise.
Result<std::pair<int, std::optional<std::string>>> page_params(const http::Request& request);

// /api/v1/customer-merges…: parse -> MergeService -> render.
class MergeRoutes {
 public:
  explicit MergeRoutes(MergeService& service) : service_(service) {}
  void add_to(http::Router& router);

 private:
  MergeService& service_;
};

// /api/v1/customer-duplicates…: parse -> DuplicateService -> render.
class DuplicateRoutes {
 public:
  DuplicateRoutes(DuplicateService& service, const OwnerNames& owner_names)
      : service_(service), owner_names_(owner_names) {}
  void add_to(http::Router& router);

 private:
  DuplicateService& service_;
  const OwnerNames& owner_names_;
};

}  // namespace crm::customers
