// SPDX-License-Identifier: Apache-2.0
// Plain types of after-sales requests (ORD-5), shared by the repository, service and routes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"

namespace crm::orders {

// One returned / exchanged line, with the order line's product for display and restocking.
struct AfterSaleItem {
  int64_t order_item_id = 0;
  int64_t quantity = 0;
  int64_t product_id = 0;
  std::string sku;
  std::string name;
  int64_t unit_price_fen = 0;
};

struct AfterSaleEvent {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::optional<std::string> from_status;
  std::string to_status;
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::string note;
};

// The order an after-sales request belongs to, as far as after-sales needs it.
struct AfterSaleOrder {
  int64_t id = 0;
  std::string number;
  std::string status;
  int64_t customer_id = 0;
  int64_t customer_owner_id = 0;
  int64_t total_fen = 0;
  int64_t paid_fen = 0;
  int64_t refunded_fen = 0;
};

struct AfterSale {
  int64_t id = 0;
  std::string number;  // R + yyyymmdd (merchant day) + 6-digit sequence
  int64_t order_id = 0;
  std::string order_number;
  int64_t customer_id = 0;
  int64_t customer_owner_id = 0;
  std::string kind;    // return | exchange | refund_only
  std::string status;  // requested | approved | rejected | goods_received | refunded | reshipped | closed
  std::string reason;
  std::string note;
  Json photos = Json::array();  // file ids (integers or id strings) and http(s) URLs
  int64_t requested_fen = 0;
  int64_t refund_fen = 0;
  bool restocked = false;
  std::string reship_carrier;
  std::string reship_tracking_number;
  int64_t version = 1;
  int64_t created_at_ms = 0;
  std::optional<int64_t> created_by;
  int64_t updated_at_ms = 0;
  std::optional<int64_t> closed_at_ms;
  std::vector<AfterSaleItem> items;     // filled by get()
  std::vector<AfterSaleEvent> events;   // filled by get()
  std::optional<AfterSaleOrder> order;  // filled by get()
};

struct AfterSaleFilter {
  std::optional<std::string> status;
  std::optional<std::string> kind;
  std::optional<int64_t> order_id;
  std::optional<int64_t> customer_id;
  std::optional<std::string> q;  // number prefix
};

struct AfterSaleQuery {
  AfterSaleFilter filter;
  int limit = 50;
  std::optional<int64_t> after;  // the last id of the previous page (newest first)
};

struct AfterSalePage {
  std::vector<AfterSale> items;
  int64_t total = 0;
  std::optional<int64_t> next_after;
};

}  // namespace crm::orders
