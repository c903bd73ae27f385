// SPDX-License-Identifier: Apache-2.0
// Order audit rules (ORD-2) as pure functions: which enabled rules hold an order for staff, and
// the validation of rule updates (PUT /api/v1/order-audit-rules).
#pragma once

#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

// What the rules look at, gathered by the intake.
struct AuditFacts {
  bool stock_available = true;    // every line can be reserved in the serving warehouse
  int64_t credit_level = 3;       // customer_credit (default 3)
  bool blacklisted = false;
  int64_t total_fen = 0;
  bool address_complete = true;   // receiver name, phone, province, city and address present
};

// The rules every installation knows, in display order.
inline constexpr std::string_view kAuditRuleNames[] = {
    "stock_available", "credit_level", "amount_threshold", "address_incomplete", "blacklisted"};

// The reasons to hold the order, one per failed enabled rule, in rule order. A shortage of stock
// is always a reason (the order cannot be approved without its reservation), named
// "stock_available" whether or not that rule is enabled.
std::vector<AuditReason> evaluate_audit(const std::vector<AuditRule>& rules,
                                        const AuditFacts& facts);

// [{rule, message}, ...] and back.
Json reasons_json(const std::vector<AuditReason>& reasons);

// Applies `body` ({"rules": [{rule, enabled?, params?}, ...]}) onto `current`. Errors
// (kInvalidInput): order_audit.unknown_rule (field rules[i].rule), validation.type,
// order_audit.invalid_params (field rules[i].params: credit_level needs min_level 1..5,
// amount_threshold max_total_fen >= 0; the other rules take no parameters).
Result<std::vector<AuditRule>> apply_rule_updates(const Json& body,
                                                  std::vector<AuditRule> current);

// True when every part of the receiver an address needs is present.
bool is_address_complete(const std::string& name, bool has_phone, const std::string& province,
                         const std::string& city, bool has_address);

}  // namespace crm::orders
