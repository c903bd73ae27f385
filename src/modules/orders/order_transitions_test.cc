// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_transitions.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace crm::orders {
namespace {

constexpr std::string_view kStatuses[] = {"pending_audit", "approved",  "paid",      "picking",
                                          "packed",        "shipped",   "delivered", "completed",
                                          "cancelled",     "closed"};

// Every (from, action) pair of the state machine, written out independently of the table.
std::map<std::pair<std::string, std::string>, std::string> expected_online() {
  return {{{"pending_audit", "approve"}, "approved"}, {{"pending_audit", "reject"}, "closed"},
          {{"approved", "pay"}, "paid"},              {{"approved", "cancel"}, "cancelled"},
          {{"paid", "pick"}, "picking"},              {{"paid", "cancel"}, "cancelled"},
          {{"picking", "pack"}, "packed"},            {{"picking", "cancel"}, "cancelled"},
          {{"packed", "ship"}, "shipped"},            {{"packed", "cancel"}, "cancelled"},
          {{"shipped", "deliver"}, "delivered"},      {{"delivered", "complete"}, "completed"}};
}

TEST(OrderTransitions, OnlineOrdersFollowExactlyTheTable) {
  const auto expected = expected_online();
  for (const auto from : kStatuses) {
    for (const OrderAction action : kAllActions) {
      const auto to = next_status(from, action, "online");
      const auto found = expected.find({std::string(from), std::string(to_string(action))});
      if (found == expected.end()) {
        EXPECT_FALSE(to) << from << " -" << to_string(action) << "-> " << to.value_or("");
      } else {
        ASSERT_TRUE(to) << from << " -" << to_string(action);
        EXPECT_EQ(*to, found->second);
      }
    }
  }
}

TEST(OrderTransitions, CashOnDeliveryMayBePickedBeforePayment) {
  EXPECT_EQ(next_status("approved", OrderAction::kPick, "cod"), "picking");
  EXPECT_FALSE(next_status("approved", OrderAction::kPick, "online"));
  EXPECT_EQ(next_status("approved", OrderAction::kPay, "cod"), "paid");
}

TEST(OrderTransitions, FinalStatusesAndCancelAfterShippingAreDeadEnds) {
  for (const auto status : {"completed", "cancelled", "closed"}) {
    EXPECT_TRUE(is_final(status));
    for (const OrderAction action : kAllActions) {
      EXPECT_FALSE(next_status(status, action, "online")) << status;
      EXPECT_FALSE(next_status(status, action, "cod")) << status;
    }
  }
  EXPECT_FALSE(next_status("shipped", OrderAction::kCancel, "online"));
  EXPECT_FALSE(next_status("delivered", OrderAction::kCancel, "online"));
  EXPECT_FALSE(is_final("shipped"));
}

TEST(OrderTransitions, ActionsRoundTripAndReservationsMatchStatuses) {
  std::set<std::string_view> names;
  for (const OrderAction action : kAllActions) {
    EXPECT_EQ(parse_action(to_string(action)), action);
    names.insert(to_string(action));
  }
  EXPECT_EQ(names.size(), 9u);
  EXPECT_FALSE(parse_action("refund"));
  EXPECT_TRUE(holds_reservation("approved"));
  EXPECT_TRUE(holds_reservation("packed"));
  EXPECT_FALSE(holds_reservation("pending_audit"));
  EXPECT_FALSE(holds_reservation("shipped"));
  EXPECT_TRUE(is_status("pending_audit"));
  EXPECT_FALSE(is_status("lost"));
  EXPECT_EQ(event_type(OrderAction::kShip), "order.shipped");
}

}  // namespace
}  // namespace crm::orders
