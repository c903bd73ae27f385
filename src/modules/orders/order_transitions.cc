// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_transitions.h"

#include <array>

namespace crm::orders {

namespace {

struct Transition {
  std::string_view from;
  OrderAction action;
  std::string_view to;
  bool cod_only = false;
};

constexpr std::array kTable = {
    Transition{"pending_audit", OrderAction::kApprove, "approved"},
    Transition{"pending_audit", OrderAction::kReject, "closed"},
    Transition{"approved", OrderAction::kPay, "paid"},
    Transition{"approved", OrderAction::kCancel, "cancelled"},
    Transition{"approved", OrderAction::kPick, "picking", true},
    Transition{"paid", OrderAction::kPick, "picking"},
    Transition{"paid", OrderAction::kCancel, "cancelled"},
    Transition{"picking", OrderAction::kPack, "packed"},
    Transition{"picking", OrderAction::kCancel, "cancelled"},
    Transition{"packed", OrderAction::kShip, "shipped"},
    Transition{"packed", OrderAction::kCancel, "cancelled"},
    Transition{"shipped", OrderAction::kDeliver, "delivered"},
    Transition{"delivered", OrderAction::kComplete, "completed"},
};

constexpr std::array<std::string_view, 10> kStatuses = {
    "pending_audit", "approved", "paid",      "picking",   "packed",
    "shipped",       "delivered", "completed", "cancelled", "closed"};

}  // namespace

std::string_view to_string(OrderAction action) {
  switch (action) {
    case OrderAction::kApprove: return "approve";
    case OrderAction::kReject: return "reject";
    case OrderAction::kPay: return "pay";
    case OrderAction::kPick: return "pick";
    case OrderAction::kPack: return "pack";
    case OrderAction::kShip: return "ship";
    case OrderAction::kDeliver: return "deliver";
    case OrderAction::kComplete: return "complete";
    case OrderAction::kCancel: return "cancel";
  }
  return "";
}

std::optional<OrderAction> parse_action(std::string_view text) {
  for (const OrderAction action : kAllActions) {
    if (to_string(action) == text) return action;
  }
  return std::nullopt;
}

std::optional<std::string_view> next_status(std::string_view from, OrderAction action,
                                            std::string_view payment_method) {
  for (const Transition& t : kTable) {
    if (t.from != from || t.action != action) continue;
    if (t.cod_only && payment_method != "cod") return std::nullopt;
    return t.to;
  }
  return std::nullopt;
}

bool is_final(std::string_view status) {
  return status == "cancelled" || status == "closed" || status == "completed";
}

bool holds_reservation(std::string_view status) {
  return status == "approved" || status == "paid" || status == "picking" || status == "packed";
}

bool is_status(std::string_view status) {
  for (const auto s : kStatuses) {
    if (s == status) return true;
  }
  return false;
}

std::string_view event_type(OrderAction action) {
  switch (action) {
    case OrderAction::kApprove: return "order.approved";
    case OrderAction::kReject: return "order.closed";
    case OrderAction::kPay: return "order.paid";
    case OrderAction::kPick: return "order.picking";
    case OrderAction::kPack: return "order.packed";
    case OrderAction::kShip: return "order.shipped";
    case OrderAction::kDeliver: return "order.delivered";
    case OrderAction::kComplete: return "order.completed";
    case OrderAction::kCancel: return "order.cancelled";
  }
  return "";
}

}  // namespace crm::orders
