// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/after_sale_workflow.h"

#include <array>
#include <utility>

namespace crm::orders {

namespace {

constexpr std::array<std::pair<std::string_view, AfterSaleAction>, 6> kActions{{
    {"approve", AfterSaleAction::kApprove},
    {"reject", AfterSaleAction::kReject},
    {"receive", AfterSaleAction::kReceive},
    {"refund", AfterSaleAction::kRefund},
    {"reship", AfterSaleAction::kReship},
    {"close", AfterSaleAction::kClose},
}};

struct Move {
  AfterSaleAction action;
  std::string_view kind;  // empty: every kind
  std::string_view from;
  std::string_view to;
};

constexpr Move kMoves[] = {
    {AfterSaleAction::kApprove, "", "requested", "approved"},
    {AfterSaleAction::kReject, "", "requested", "rejected"},
    {AfterSaleAction::kReceive, "return", "approved", "goods_received"},
    {AfterSaleAction::kReceive, "exchange", "approved", "goods_received"},
    {AfterSaleAction::kRefund, "return", "goods_received", "refunded"},
    {AfterSaleAction::kRefund, "refund_only", "approved", "refunded"},
    {AfterSaleAction::kReship, "exchange", "goods_received", "reshipped"},
    {AfterSaleAction::kClose, "return", "refunded", "closed"},
    {AfterSaleAction::kClose, "refund_only", "refunded", "closed"},
    {AfterSaleAction::kClose, "exchange", "reshipped", "closed"},
    {AfterSaleAction::kClose, "", "rejected", "closed"},
};

}  // namespace

std::optional<AfterSaleAction> parse_after_sale_action(std::string_view name) {
  for (const auto& [text, action] : kActions) {
    if (text == name) return action;
  }
  return std::nullopt;
}

std::string_view action_name(AfterSaleAction action) {
  for (const auto& [text, value] : kActions) {
    if (value == action) return text;
  }
  return "";
}

std::string_view action_target(AfterSaleAction action) {
  switch (action) {
    case AfterSaleAction::kApprove: return "approved";
    case AfterSaleAction::kReject: return "rejected";
    case AfterSaleAction::kReceive: return "goods_received";
    case AfterSaleAction::kRefund: return "refunded";
    case AfterSaleAction::kReship: return "reshipped";
    case AfterSaleAction::kClose: return "closed";
  }
  return "";
}

bool is_after_sale_kind(std::string_view kind) {
  return kind == "return" || kind == "exchange" || kind == "refund_only";
}

bool is_after_sale_status(std::string_view status) {
  return status == "requested" || status == "approved" || status == "rejected" ||
         status == "goods_received" || status == "refunded" || status == "reshipped" ||
         status == "closed";
}

std::optional<std::string_view> next_after_sale_status(std::string_view kind,
                                                       std::string_view status,
                                                       AfterSaleAction action) {
  for (const Move& move : kMoves) {
    if (move.action == action && move.from == status && (move.kind.empty() || move.kind == kind)) {
      return move.to;
    }
  }
  return std::nullopt;
}

}  // namespace crm::orders
