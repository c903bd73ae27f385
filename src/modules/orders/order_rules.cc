// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_rules.h"

#include <algorithm>

#include "modules/orders/order_audit.h"
#include "modules/orders/order_json.h"

namespace crm::orders {

Result<std::vector<AuditRule>> OrderRules::rules() {
  return env_.db.read([&](storage::Connection& db) { return env_.repository.audit_rules(db); });
}

Result<std::vector<AuditRule>> OrderRules::update_rules(const customers::Caller& caller,
                                                        const Json& body) {
  const int64_t now = env_.clock.now_ms();
  return env_.db.transaction([&](storage::Connection& tx) -> Result<std::vector<AuditRule>> {
    CRM_TRY_ASSIGN(const auto before, env_.repository.audit_rules(tx));
    CRM_TRY_ASSIGN(auto after, apply_rule_updates(body, before));
    Json changes = Json::object();
    for (AuditRule& rule : after) {
      const auto old = std::find_if(before.begin(), before.end(),
                                    [&](const AuditRule& r) { return r.rule == rule.rule; });
      if (old != before.end() && old->enabled == rule.enabled && old->params == rule.params) {
        continue;
      }
      rule.updated_at_ms = now;
      CRM_TRY(env_.repository.save_audit_rule(tx, rule));
      Json from = old == before.end() ? Json(nullptr)
                                       : Json{{"enabled", old->enabled}, {"params", old->params}};
      changes[rule.rule] = {{"from", from},
                            {"to", {{"enabled", rule.enabled}, {"params", rule.params}}}};
    }
    if (!changes.empty()) {
      audit::AuditEntry entry = caller.audit;
      entry.action = "order_audit_rules.updated";
      entry.target_type = "order_audit_rules";
      entry.target_id = "all";
      entry.changes = std::move(changes);
      CRM_TRY(env_.audit.record(tx, entry));
    }
    return env_.repository.audit_rules(tx);
  });
}

Result<Credit> OrderRules::credit(const customers::Caller& caller, int64_t customer_id) {
  return env_.db.read([&](storage::Connection& db) -> Result<Credit> {
    CRM_TRY(env_.customers.get_visible_in(db, caller.actor, customer_id));
    return env_.repository.credit(db, customer_id);
  });
}

Result<Credit> OrderRules::update_credit(const customers::Caller& caller, int64_t customer_id,
                                         const Json& body) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  CRM_TRY_ASSIGN(auto level, int_at(body, "credit_level", 1, 5, false));
  CRM_TRY_ASSIGN(auto blacklisted, optional_bool(body, "blacklisted"));
  CRM_TRY_ASSIGN(auto note, text_at(body, "note", 500, false));
  return env_.db.transaction([&](storage::Connection& tx) -> Result<Credit> {
    CRM_TRY(env_.customers.get_visible_in(tx, caller.actor, customer_id));
    CRM_TRY_ASSIGN(Credit credit, env_.repository.credit(tx, customer_id));
    const Credit before = credit;
    if (level) credit.credit_level = *level;
    if (blacklisted) credit.blacklisted = *blacklisted;
    if (note) credit.note = *note;
    Json changes = Json::object();
    if (before.credit_level != credit.credit_level) {
      changes["credit_level"] = audit::change(before.credit_level, credit.credit_level);
    }
    if (before.blacklisted != credit.blacklisted) {
      changes["blacklisted"] = audit::change(before.blacklisted, credit.blacklisted);
    }
    if (before.note != credit.note) changes["note"] = audit::change(before.note, credit.note);
    if (changes.empty()) return credit;
    credit.updated_at_ms = env_.clock.now_ms();
    credit.updated_by = caller.audit.actor_id;
    CRM_TRY(env_.repository.save_credit(tx, credit));
    audit::AuditEntry entry = caller.audit;
    entry.action = "customer_credit.updated";
    entry.target_type = "customer";
    entry.target_id = std::to_string(customer_id);
    entry.changes = std::move(changes);
    CRM_TRY(env_.audit.record(tx, entry));
    return credit;
  });
}

}  // namespace crm::orders
