// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_audit.h"

#include <gtest/gtest.h>

namespace crm::orders {
namespace {

std::vector<AuditRule> default_rules() {
  return {{"stock_available", true, Json::object()},
          {"credit_level", true, Json{{"min_level", 2}}},
          {"amount_threshold", true, Json{{"max_total_fen", 5000000}}},
          {"address_incomplete", true, Json::object()},
          {"blacklisted", true, Json::object()}};
}

std::vector<std::string> rules_of(const std::vector<AuditReason>& reasons) {
  std::vector<std::string> out;
  for (const auto& r : reasons) out.push_back(r.rule);
  return out;
}

TEST(OrderAudit, AGoodOrderPassesEveryRule) {
  EXPECT_TRUE(evaluate_audit(default_rules(), AuditFacts{}).empty());
}

TEST(OrderAudit, EachFailedRuleGivesItsReasonInRuleOrder) {
  AuditFacts facts;
  facts.stock_available = false;
  facts.credit_level = 1;
  facts.total_fen = 5000001;
  facts.address_complete = false;
  facts.blacklisted = true;
  const auto reasons = evaluate_audit(default_rules(), facts);
  EXPECT_EQ(rules_of(reasons),
            (std::vector<std::string>{"stock_available", "credit_level", "amount_threshold",
                                      "address_incomplete", "blacklisted"}));
  EXPECT_NE(reasons[1].message.find("1"), std::string::npos);
  // The figures travel with the reason so the console can word it in the user's language.
  EXPECT_EQ(reasons[1].params, (Json{{"credit_level", 1}, {"min_level", 2}}));
  EXPECT_EQ(reasons[2].params, (Json{{"total_fen", 5000001}, {"max_total_fen", 5000000}}));
  EXPECT_EQ(reasons[2].message, "Order total ¥50000.01 is above the ¥50000.00 threshold.");
  EXPECT_EQ(reasons_json(reasons)[2]["params"]["total_fen"], 5000001);
}

TEST(OrderAudit, ThresholdsAreInclusiveOfTheLimit) {
  AuditFacts facts;
  facts.credit_level = 2;
  facts.total_fen = 5000000;
  EXPECT_TRUE(evaluate_audit(default_rules(), facts).empty());
}

TEST(OrderAudit, DisabledRulesAreSkippedButAShortageAlwaysHolds) {
  auto rules = default_rules();
  for (auto& r : rules) r.enabled = false;
  AuditFacts facts;
  facts.credit_level = 1;
  facts.blacklisted = true;
  EXPECT_TRUE(evaluate_audit(rules, facts).empty());
  facts.stock_available = false;
  EXPECT_EQ(rules_of(evaluate_audit(rules, facts)), std::vector<std::string>{"stock_available"});
  EXPECT_EQ(rules_of(evaluate_audit({}, facts)), std::vector<std::string>{"stock_available"});
}

TEST(OrderAudit, RuleUpdatesAreValidatedWithFieldNames) {
  auto updated = apply_rule_updates(
      Json{{"rules", {{{"rule", "credit_level"}, {"params", {{"min_level", 4}}}},
                      {{"rule", "blacklisted"}, {"enabled", false}}}}},
      default_rules());
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ((*updated)[1].params, Json({{"min_level", 4}}));
  EXPECT_FALSE((*updated)[4].enabled);

  auto unknown = apply_rule_updates(Json{{"rules", {{{"rule", "moon_phase"}}}}}, default_rules());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "order_audit.unknown_rule");
  EXPECT_EQ(unknown.error().field, "rules[0].rule");

  auto bad_level = apply_rule_updates(
      Json{{"rules", {{{"rule", "blacklisted"}, {"enabled", true}},
                      {{"rule", "credit_level"}, {"params", {{"min_level", 9}}}}}}},
      default_rules());
  ASSERT_FALSE(bad_level);
  EXPECT_EQ(bad_level.error().code, "order_audit.invalid_params");
  EXPECT_EQ(bad_level.error().field, "rules[1].params");

  auto bad_flag = apply_rule_updates(
      Json{{"rules", {{{"rule", "blacklisted"}, {"enabled", "yes"}}}}}, default_rules());
  ASSERT_FALSE(bad_flag);
  EXPECT_EQ(bad_flag.error().field, "rules[0].enabled");
  EXPECT_FALSE(apply_rule_updates(Json{{"rules", "all"}}, default_rules()));
}

TEST(OrderAudit, AddressNeedsNamePhoneProvinceCityAndDetail) {
  EXPECT_TRUE(is_address_complete("李雷", true, "浙江省", "杭州市", true));
  EXPECT_FALSE(is_address_complete("", true, "浙江省", "杭州市", true));
  EXPECT_FALSE(is_address_complete("李雷", false, "浙江省", "杭州市", true));
  EXPECT_FALSE(is_address_complete("李雷", true, "浙江省", "", true));
  EXPECT_FALSE(is_address_complete("李雷", true, "浙江省", "杭州市", false));
}

}  // namespace
}  // namespace crm::orders
