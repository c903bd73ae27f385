// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/after_sale_workflow.h"

#include <map>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

namespace crm::orders {
namespace {

TEST(AfterSaleWorkflow, AllowsExactlyTheMovesOfTheTable) {
  const std::map<std::tuple<std::string, std::string, AfterSaleAction>, std::string> allowed = {
      {{"return", "requested", AfterSaleAction::kApprove}, "approved"},
      {{"exchange", "requested", AfterSaleAction::kApprove}, "approved"},
      {{"refund_only", "requested", AfterSaleAction::kApprove}, "approved"},
      {{"return", "requested", AfterSaleAction::kReject}, "rejected"},
      {{"exchange", "requested", AfterSaleAction::kReject}, "rejected"},
      {{"refund_only", "requested", AfterSaleAction::kReject}, "rejected"},
      {{"return", "approved", AfterSaleAction::kReceive}, "goods_received"},
      {{"exchange", "approved", AfterSaleAction::kReceive}, "goods_received"},
      {{"return", "goods_received", AfterSaleAction::kRefund}, "refunded"},
      {{"refund_only", "approved", AfterSaleAction::kRefund}, "refunded"},
      {{"exchange", "goods_received", AfterSaleAction::kReship}, "reshipped"},
      {{"return", "refunded", AfterSaleAction::kClose}, "closed"},
      {{"refund_only", "refunded", AfterSaleAction::kClose}, "closed"},
      {{"exchange", "reshipped", AfterSaleAction::kClose}, "closed"},
      {{"return", "rejected", AfterSaleAction::kClose}, "closed"},
      {{"exchange", "rejected", AfterSaleAction::kClose}, "closed"},
      {{"refund_only", "rejected", AfterSaleAction::kClose}, "closed"},
  };
  int legal = 0;
  for (const std::string kind : {"return", "exchange", "refund_only"}) {
    for (const std::string status : {"requested", "approved", "rejected", "goods_received",
                                     "refunded", "reshipped", "closed"}) {
      for (const auto action : {AfterSaleAction::kApprove, AfterSaleAction::kReject,
                                AfterSaleAction::kReceive, AfterSaleAction::kRefund,
                                AfterSaleAction::kReship, AfterSaleAction::kClose}) {
        const auto next = next_after_sale_status(kind, status, action);
        const auto found = allowed.find({kind, status, action});
        if (found == allowed.end()) {
          EXPECT_FALSE(next) << kind << " " << status << " " << action_name(action);
        } else {
          ++legal;
          ASSERT_TRUE(next) << kind << " " << status << " " << action_name(action);
          EXPECT_EQ(*next, found->second);
          EXPECT_EQ(action_target(action), found->second);
        }
      }
    }
  }
  EXPECT_EQ(legal, 17);
}

TEST(AfterSaleWorkflow, ParsesActionNamesBothWays) {
  for (const auto action : {AfterSaleAction::kApprove, AfterSaleAction::kReject,
                            AfterSaleAction::kReceive, AfterSaleAction::kRefund,
                            AfterSaleAction::kReship, AfterSaleAction::kClose}) {
    EXPECT_EQ(parse_after_sale_action(action_name(action)), action);
  }
  EXPECT_FALSE(parse_after_sale_action("cancel"));
  EXPECT_TRUE(is_after_sale_kind("refund_only"));
  EXPECT_FALSE(is_after_sale_kind("repair"));
  EXPECT_TRUE(is_after_sale_status("goods_received"));
  EXPECT_FALSE(is_after_sale_status("shipped"));
}

}  // namespace
}  // namespace crm::orders
