// SPDX-License-Identifier: Apache-2.0
#include "demo/order_writer.h"

#include <fmt/format.h>

#include <map>

#include "demo/bulk_insert.h"
#include "demo/calendar.h"
#include "demo/order_maker.h"
#include "demo/people.h"

namespace crm::demo {

namespace {

constexpr int64_t kDay = 86'400'000;
constexpr uint64_t kStockStream = 0x53544F43'00000000ULL;  // "STOC"

std::string day_key(int64_t ms) {
  const CivilDate d = civil_from_days(merchant_day(ms));
  return fmt::format("{:04d}{:02d}{:02d}", d.year, d.month, d.day);
}

std::string_view actor_of(std::string_view action, bool manual) {
  if (action == "create") return "平台同步";
  if (action == "approve") return manual ? "审单员" : "自动审核";
  if (action == "reject") return "审单员";
  if (action == "pay" || action == "cancel") return "买家";
  if (action == "deliver") return "物流同步";
  if (action == "complete") return "系统";
  return "仓库";
}

Result<int64_t> next_id(storage::Connection& tx, std::string_view table) {
  CRM_TRY_ASSIGN(auto row, tx.query_one(fmt::format("SELECT COALESCE(MAX(id), 0) FROM {}", table)));
  return row.get_int(0) + 1;
}

// Stock totals per (product, warehouse).
struct StockTally {
  int64_t shipped = 0, reserved = 0;
};

struct OpenLine {
  size_t product, warehouse;
  int64_t quantity, order_id, at_ms;
};

}  // namespace

Result<OrderCounts> write_orders(storage::Database& db, const DemoOptions& o, const DemoPlan& plan,
                                 DemoStore& store, const Progress& progress) {
  OrderCounts counts;
  const ProductPicker picker(store.products);
  std::map<std::string, int64_t> order_numbers, sale_numbers;  // day -> last sequence
  std::vector<StockTally> stock(store.products.size() * store.warehouse_ids.size());
  std::vector<OpenLine> open_lines;
  int64_t order_id = 0, item_id = 0, sale_id = 0;
  auto committed1 = db.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(order_id, next_id(tx, "orders"));
    CRM_TRY_ASSIGN(item_id, next_id(tx, "order_items"));
    CRM_TRY_ASSIGN(sale_id, next_id(tx, "after_sales"));
    return {};
  });
  CRM_TRY(committed1);

  const size_t m = plan.order_ms.size();
  for (size_t start = 0; start < m; start += kOrderBatch) {
    const size_t end = std::min(m, start + kOrderBatch);
    auto committed2 = db.transaction([&](storage::Connection& tx) -> Result<void> {
      BulkInsert orders(tx,
          "INSERT INTO orders (id, number, platform, external_id, customer_id, customer_owner_id, "
          "channel, store, status, payment_method, items_fen, discount_fen, shipping_fee_fen, "
          "total_fen, paid_fen, refunded_fen, buyer_remarks, receiver_name, receiver_phone_cipher, "
          "receiver_province, receiver_city, receiver_district, receiver_address_cipher, "
          "warehouse_id, audit_reasons, carrier, tracking_number, placed_at_ms, approved_at_ms, "
          "paid_at_ms, shipped_at_ms, delivered_at_ms, completed_at_ms, cancelled_at_ms, "
          "receipt_reminded_at_ms, version, created_at_ms, updated_at_ms)", 38, 100);
      BulkInsert items(tx,
          "INSERT INTO order_items (id, order_id, line_no, product_id, sku, name, category_id, "
          "quantity, unit_price_fen, discount_fen, amount_fen, unit_cost_fen, returned_quantity)",
          13, 300);
      BulkInsert events(tx,
          "INSERT INTO order_events (order_id, at_ms, action, from_status, to_status, "
          "actor_name, note)", 7, 500);
      BulkInsert sales(tx,
          "INSERT INTO after_sales (id, number, order_id, customer_id, customer_owner_id, kind, "
          "status, reason, requested_fen, refund_fen, version, created_at_ms, updated_at_ms, "
          "closed_at_ms)", 14, 200);
      BulkInsert sale_items(tx,
          "INSERT INTO after_sale_items (after_sale_id, order_item_id, quantity)", 3, 500);
      BulkInsert sale_events(tx,
          "INSERT INTO after_sale_events (after_sale_id, at_ms, from_status, to_status, "
          "actor_name)", 5, 500);
      items.add_parent(orders);
      events.add_parent(orders);
      sales.add_parent(orders);
      sale_items.add_parent(sales);
      sale_items.add_parent(items);
      sale_events.add_parent(sales);
      for (size_t j = start; j < end; ++j, ++order_id) {
        const int64_t placed = plan.order_ms[j];
        const WrittenCustomer& customer = store.customers[plan.order_customer[j]];
        const DemoOrder order = make_order(o.seed, static_cast<int64_t>(j), placed, o.now_ms,
                                           customer.channel, store.products, picker);
        const OrderShape& s = order.shape;
        const Channel& channel = channels()[order.channel];
        const std::string day = day_key(placed);
        const std::string number = fmt::format("D{}{:06d}", day, ++order_numbers[day]);
        const bool manual = s.steps.front().to_status == "pending_audit";
        std::optional<int64_t> reminded;
        if (s.delivered_ms && *s.delivered_ms + 7 * kDay <= o.now_ms) {
          reminded = *s.delivered_ms + 7 * kDay;
        }
        const int64_t updated = std::max(s.steps.back().at_ms,
                                         order.after_sale ? order.after_sale->steps.back().at_ms : 0);
        CRM_TRY(orders.add(order_id, number, channel.platform, order.external_id, customer.id,
                           customer.owner_id, channel.name, channel.store, s.status,
                           s.cod ? "cod" : "online", order.items_fen, order.discount_fen,
                           order.shipping_fee_fen, order.total_fen, order.paid_fen,
                           order.refunded_fen, order.buyer_remarks, customer.name,
                           customer.receiver_phone_cipher, customer.province, customer.city,
                           customer.district, customer.receiver_address_cipher,
                           store.warehouse_ids[order.warehouse], order.audit_reasons,
                           order.carrier, order.tracking_number, placed, s.approved_ms, s.paid_ms,
                           s.shipped_ms, s.delivered_ms, s.completed_ms, s.cancelled_ms, reminded,
                           static_cast<int64_t>(s.steps.size()), placed, updated));
        std::vector<int64_t> line_ids;
        for (size_t l = 0; l < order.lines.size(); ++l) {
          const DemoLine& line = order.lines[l];
          const DemoProduct& p = store.products[line.product];
          line_ids.push_back(item_id);
          CRM_TRY(items.add(item_id++, order_id, static_cast<int64_t>(l + 1),
                            store.product_ids[line.product], p.sku, p.name,
                            store.category_ids[p.category], line.quantity, line.unit_price_fen,
                            line.discount_fen, line.amount_fen, p.cost_fen,
                            line.returned_quantity));
          StockTally& tally = stock[line.product * store.warehouse_ids.size() + order.warehouse];
          if (s.shipped_ms) tally.shipped += line.quantity;
          if (s.holds_stock()) {
            tally.reserved += line.quantity;
            open_lines.push_back({line.product, order.warehouse, line.quantity, order_id,
                                  *s.approved_ms});
          }
        }
        counts.items += static_cast<int64_t>(order.lines.size());
        for (const auto& step : s.steps) {
          std::string_view note;
          if (step.action == "reject") note = "地址无法核实，联系买家未果";
          if (step.action == "cancel") note = "买家取消：不想要了";
          if (step.action == "ship") note = order.carrier;
          CRM_TRY(events.add(order_id, step.at_ms, step.action,
                             step.from_status.empty() ? std::optional<std::string_view>()
                                                      : std::optional(step.from_status),
                             step.to_status, actor_of(step.action, manual), note));
        }
        counts.events += static_cast<int64_t>(s.steps.size());
        if (order.after_sale) {
          const DemoAfterSale& a = *order.after_sale;
          const int64_t requested = a.steps.front().at_ms;
          const std::string sale_day = day_key(requested);
          CRM_TRY(sales.add(sale_id, fmt::format("R{}{:06d}", sale_day, ++sale_numbers[sale_day]),
                            order_id, customer.id, customer.owner_id, a.kind, a.status, a.reason,
                            a.requested_fen, a.refund_fen, static_cast<int64_t>(a.steps.size()),
                            requested, a.steps.back().at_ms, a.closed_ms));
          for (const auto& [line, quantity] : a.lines) {
            CRM_TRY(sale_items.add(sale_id, line_ids[line], quantity));
          }
          for (const auto& step : a.steps) {
            CRM_TRY(sale_events.add(sale_id, step.at_ms,
                                    step.from_status.empty() ? std::optional<std::string_view>()
                                                             : std::optional(step.from_status),
                                    step.to_status, step.from_status.empty() ? "买家" : "售后客服"));
          }
          ++sale_id;
          ++counts.after_sales;
        }
      }
      for (BulkInsert* b : {&orders, &items, &events, &sales, &sale_items, &sale_events}) {
        CRM_TRY(b->flush());
      }
      return {};
    });
    CRM_TRY(committed2);
    counts.orders = static_cast<int64_t>(end);
    if (progress) progress("orders", counts.orders, static_cast<int64_t>(m));
  }

  // Counters, stock and its ledger, and PostgreSQL's id sequences after explicit ids.
  auto committed3 = db.transaction([&](storage::Connection& tx) -> Result<void> {
    for (const auto& [day, last] : order_numbers) {
      CRM_TRY(tx.execute("INSERT INTO order_number_counters (day, last_value) VALUES (?, ?) "
                         "ON CONFLICT (day) DO UPDATE SET last_value = excluded.last_value",
                         day, last));
    }
    for (const auto& [day, last] : sale_numbers) {
      CRM_TRY(tx.execute("INSERT INTO after_sale_number_counters (day, last_value) VALUES (?, ?) "
                         "ON CONFLICT (day) DO UPDATE SET last_value = excluded.last_value",
                         day, last));
    }
    Rng rng(o.seed, kStockStream);
    const int64_t opening_ms = day_start_ms(plan.calendar.first_day()) - kDay;
    BulkInsert rows(tx, "INSERT INTO stock (product_id, warehouse_id, on_hand, reserved, "
                        "low_stock_threshold, updated_at_ms)", 6, 200);
    BulkInsert moves(tx, "INSERT INTO stock_movements (product_id, warehouse_id, kind, quantity, "
                         "on_hand_after, reserved_after, reason, order_id, at_ms)", 9, 300);
    const size_t warehouses = store.warehouse_ids.size();
    std::vector<int64_t> reserved_so_far(stock.size(), 0), on_hand(stock.size(), 0);
    for (size_t p = 0; p < store.products.size(); ++p) {
      for (size_t w = 0; w < warehouses; ++w) {
        const size_t k = p * warehouses + w;
        const StockTally& t = stock[k];
        // What is left to sell: mostly plenty, sometimes little (the low-stock list has rows).
        const int64_t spare = rng.chance(0.08) ? rng.between(0, 9) : rng.between(20, 400);
        const int64_t opening = t.shipped + t.reserved + spare;
        on_hand[k] = opening - t.shipped;
        const int64_t product_id = store.product_ids[p], warehouse_id = store.warehouse_ids[w];
        CRM_TRY(rows.add(product_id, warehouse_id, on_hand[k], t.reserved, 10, o.now_ms));
        CRM_TRY(moves.add(product_id, warehouse_id, "in", opening, opening, 0, "期初入库",
                          nullptr, opening_ms));
        if (t.shipped > 0) {
          CRM_TRY(moves.add(product_id, warehouse_id, "out", t.shipped, on_hand[k], 0,
                            "演示数据：历史订单发货汇总", nullptr, o.now_ms));
        }
      }
    }
    for (const auto& line : open_lines) {
      const size_t k = line.product * warehouses + line.warehouse;
      reserved_so_far[k] += line.quantity;
      CRM_TRY(moves.add(store.product_ids[line.product], store.warehouse_ids[line.warehouse],
                        "reserve", line.quantity, on_hand[k], reserved_so_far[k], "订单审核通过",
                        line.order_id, line.at_ms));
    }
    CRM_TRY(rows.flush());
    CRM_TRY(moves.flush());
    counts.movements = moves.rows();
    if (tx.dialect() == storage::Dialect::kPostgres) {
      for (const char* table : {"orders", "order_items", "after_sales"}) {
        CRM_TRY(tx.query(fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                                     "(SELECT COALESCE(MAX(id), 0) + 1 FROM {0}), false)",
                                     table)));
      }
    }
    return {};
  });
  CRM_TRY(committed3);
  return counts;
}

}  // namespace crm::demo
