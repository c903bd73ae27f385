// SPDX-License-Identifier: Apache-2.0
// The after-sales workflow as a table (ORD-5): which action moves a request of which kind from
// which status to which. Pure functions, no storage; the service guards every move with the
// status it read, so a request cannot be moved twice by two concurrent calls.
#pragma once

#include <optional>
#include <string_view>

namespace crm::orders {

enum class AfterSaleAction { kApprove, kReject, kReceive, kRefund, kReship, kClose };

// "approve" -> kApprove ...; nullopt for anything else.
std::optional<AfterSaleAction> parse_after_sale_action(std::string_view name);
std::string_view action_name(AfterSaleAction action);
// The status an action leads to ("approved", "goods_received", ...): also the suffix of the
// outbox event and audit action (after_sale.<status>).
std::string_view action_target(AfterSaleAction action);

bool is_after_sale_kind(std::string_view kind);      // return | exchange | refund_only
bool is_after_sale_status(std::string_view status);  // requested ... closed

// The status `action` moves a request of `kind` in `status` to, or nullopt when the move is
// illegal:
//   requested -> approved | rejected (every kind)
//   approved -> goods_received (receive; return, exchange)
//   return: goods_received -> refunded; refund_only: approved -> refunded (refund)
//   exchange: goods_received -> reshipped (reship)
//   refunded | reshipped | rejected -> closed (close)
std::optional<std::string_view> next_after_sale_status(std::string_view kind,
                                                       std::string_view status,
                                                       AfterSaleAction action);

}  // namespace crm::orders
