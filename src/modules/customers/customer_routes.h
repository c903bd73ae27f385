// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "http/router.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/customer_service.h"

namespace crm::customers {

// The display name of a staff user (owner_name in responses); nullopt when unknown.
using OwnerNames = std::function<std::optional<std::string>(int64_t user_id)>;

// A list request's filters, sort and page (shared by /customers and a category's customers).
// Errors: customer.invalid_filter (kInvalidInput, with field).
struct ListRequest {
  CustomerQuery query;
  std::optional<std::string> phone, email;
};
Result<ListRequest> parse_list_request(const http::Request& request);
// {"items":[…masked…],"total":N,"next_after":…}
Json page_json(const Page<Customer>& page, const OwnerNames& owner_names);
// Reads {"<field>":[1,2,…]}; validation.required / validation.type otherwise.
Result<std::vector<int64_t>> id_list(const Json& body, std::string_view field);

// /api/v1/customers/…: parse -> CustomerService -> render.
class CustomerRoutes {
 public:
  CustomerRoutes(CustomerService& service, const OwnerNames& owner_names)
      : service_(service), owner_names_(owner_names) {}
  void add_to(http::Router& router);

 private:
  http::Response render(http::Status status, const Customer& customer, Masking masking) const;

  CustomerService& service_;
  const OwnerNames& owner_names_;
};

}  // namespace crm::customers
