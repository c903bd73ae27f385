// SPDX-License-Identifier: Apache-2.0
// The order state machine as a table (ORD-3): which action moves an order from which status to
// which. Pure functions; OrderActions (order_actions.h) runs them with their side effects.
#pragma once

#include <optional>
#include <string_view>

namespace crm::orders {

enum class OrderAction {
  kApprove, kReject, kPay, kPick, kPack, kShip, kDeliver, kComplete, kCancel
};

inline constexpr OrderAction kAllActions[] = {
    OrderAction::kApprove, OrderAction::kReject,  OrderAction::kPay,
    OrderAction::kPick,    OrderAction::kPack,    OrderAction::kShip,
    OrderAction::kDeliver, OrderAction::kComplete, OrderAction::kCancel};

// "approve", "reject", ... (the last path segment of POST /api/v1/orders/{id}/<action>).
std::string_view to_string(OrderAction action);
std::optional<OrderAction> parse_action(std::string_view text);

// The status `action` moves an order in `from` to, or nullopt when the transition is illegal:
//   pending_audit -approve-> approved, -reject-> closed
//   approved -pay-> paid, -cancel-> cancelled, -pick-> picking (cash on delivery only)
//   paid -pick-> picking, -cancel-> cancelled
//   picking -pack-> packed, -cancel-> cancelled;  packed -ship-> shipped, -cancel-> cancelled
//   shipped -deliver-> delivered;  delivered -complete-> completed
// cancelled, closed and completed are final; cancelling after shipping is after-sales.
std::optional<std::string_view> next_status(std::string_view from, OrderAction action,
                                            std::string_view payment_method);

// True for cancelled, closed and completed.
bool is_final(std::string_view status);
// True for the statuses in which the order holds reserved stock (approved .. packed).
bool holds_reservation(std::string_view status);
// True for one of the ten statuses of the orders table.
bool is_status(std::string_view status);

// The outbox event type an action emits ("order.approved", ...), or empty when none.
std::string_view event_type(OrderAction action);

}  // namespace crm::orders
