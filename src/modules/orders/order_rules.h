// SPDX-License-Identifier: Apache-2.0
// The audit rules and customers' credit (ORD-2): read and change, audited.
#pragma once

#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

class OrderRules {
 public:
  explicit OrderRules(OrderEnv& env) : env_(env) {}

  Result<std::vector<AuditRule>> rules();
  // Applies {"rules": [{rule, enabled?, params?}]} (order_audit.h apply_rule_updates); one audit
  // row "order_audit_rules.updated" with the changed rules.
  Result<std::vector<AuditRule>> update_rules(const customers::Caller& caller, const Json& body);

  // The customer's credit (default level 3) when the customer is visible to the caller.
  // Errors: customer.not_found.
  Result<Credit> credit(const customers::Caller& caller, int64_t customer_id);
  // {credit_level 1..5, blacklisted, note}: the fields present change; audited
  // "customer_credit.updated". Errors: customer.not_found, validation errors.
  Result<Credit> update_credit(const customers::Caller& caller, int64_t customer_id,
                               const Json& body);

 private:
  OrderEnv& env_;
};

}  // namespace crm::orders
