// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_audit.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/money.h"

namespace crm::orders {

namespace {

int64_t int_param(const Json& params, const char* key, int64_t fallback) {
  if (params.is_object() && params.contains(key) && params.at(key).is_number_integer()) {
    return params.at(key).get<int64_t>();
  }
  return fallback;
}

bool is_known(std::string_view rule) {
  for (const auto name : kAuditRuleNames) {
    if (name == rule) return true;
  }
  return false;
}

Result<void> check_params(const std::string& rule, const Json& params, const std::string& field) {
  auto bad = [&](std::string message) {
    return invalid_input("order_audit.invalid_params", std::move(message), field);
  };
  if (!params.is_object()) return bad("params must be an object.");
  if (rule == "credit_level") {
    if (params.size() != 1 || !params.contains("min_level") ||
        !params.at("min_level").is_number_integer()) {
      return bad("credit_level takes {\"min_level\": 1..5}.");
    }
    const int64_t level = params.at("min_level").get<int64_t>();
    if (level < 1 || level > 5) return bad("min_level must be from 1 to 5.");
    return {};
  }
  if (rule == "amount_threshold") {
    if (params.size() != 1 || !params.contains("max_total_fen") ||
        !params.at("max_total_fen").is_number_integer() ||
        params.at("max_total_fen").get<int64_t>() < 0) {
      return bad("amount_threshold takes {\"max_total_fen\": n >= 0}.");
    }
    return {};
  }
  if (!params.empty()) return bad(rule + " takes no parameters.");
  return {};
}

}  // namespace

bool is_address_complete(const std::string& name, bool has_phone, const std::string& province,
                         const std::string& city, bool has_address) {
  return !name.empty() && has_phone && !province.empty() && !city.empty() && has_address;
}

std::vector<AuditReason> evaluate_audit(const std::vector<AuditRule>& rules,
                                        const AuditFacts& facts) {
  std::vector<AuditReason> reasons;
  bool stock_reported = false;
  for (const AuditRule& r : rules) {
    if (r.rule == "stock_available" && !facts.stock_available) {
      reasons.push_back({r.rule, "Not enough stock to reserve every line."});
      stock_reported = true;
    }
    if (!r.enabled) continue;
    if (r.rule == "credit_level") {
      const int64_t min_level = int_param(r.params, "min_level", 2);
      if (facts.credit_level < min_level) {
        reasons.push_back({r.rule,
                           fmt::format("Customer credit level {} is below {}.",
                                       facts.credit_level, min_level),
                           Json{{"credit_level", facts.credit_level}, {"min_level", min_level}}});
      }
    } else if (r.rule == "amount_threshold") {
      const int64_t max_total = int_param(r.params, "max_total_fen", INT64_MAX);
      if (facts.total_fen > max_total) {
        reasons.push_back({r.rule,
                           fmt::format("Order total ¥{} is above the ¥{} threshold.",
                                       format_yuan(Fen{facts.total_fen}),
                                       format_yuan(Fen{max_total})),
                           Json{{"total_fen", facts.total_fen}, {"max_total_fen", max_total}}});
      }
    } else if (r.rule == "address_incomplete" && !facts.address_complete) {
      reasons.push_back({r.rule, "The receiver's name, phone or address is incomplete."});
    } else if (r.rule == "blacklisted" && facts.blacklisted) {
      reasons.push_back({r.rule, "The customer is blacklisted."});
    }
  }
  if (!facts.stock_available && !stock_reported) {
    reasons.insert(reasons.begin(),
                   AuditReason{"stock_available", "Not enough stock to reserve every line."});
  }
  return reasons;
}

Json reasons_json(const std::vector<AuditReason>& reasons) {
  Json out = Json::array();
  for (const auto& r : reasons) {
    out.push_back({{"rule", r.rule}, {"message", r.message}, {"params", r.params}});
  }
  return out;
}

Result<std::vector<AuditRule>> apply_rule_updates(const Json& body,
                                                  std::vector<AuditRule> current) {
  if (!body.is_object() || !body.contains("rules") || !body.at("rules").is_array()) {
    return invalid_input("validation.type", "rules must be an array.", "rules");
  }
  const Json& rules = body.at("rules");
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string at = fmt::format("rules[{}]", i);
    const Json& item = rules.at(i);
    if (!item.is_object() || !item.contains("rule") || !item.at("rule").is_string()) {
      return invalid_input("validation.required", at + ".rule is required.", at + ".rule");
    }
    const std::string name = item.at("rule").get<std::string>();
    if (!is_known(name)) {
      return invalid_input("order_audit.unknown_rule", "Unknown audit rule " + name + ".",
                           at + ".rule");
    }
    auto found = std::find_if(current.begin(), current.end(),
                              [&](const AuditRule& r) { return r.rule == name; });
    if (found == current.end()) found = current.insert(current.end(), AuditRule{name});
    if (item.contains("enabled")) {
      if (!item.at("enabled").is_boolean()) {
        return invalid_input("validation.type", at + ".enabled must be true or false.",
                             at + ".enabled");
      }
      found->enabled = item.at("enabled").get<bool>();
    }
    if (item.contains("params")) {
      CRM_TRY(check_params(name, item.at("params"), at + ".params"));
      found->params = item.at("params");
    }
  }
  return current;
}

}  // namespace crm::orders
