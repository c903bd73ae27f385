// SPDX-License-Identifier: Apache-2.0
#include "demo/order_maker.h"

#include <fmt/format.h>

#include <algorithm>

#include "demo/calendar.h"
#include "demo/people.h"

namespace crm::demo {

namespace {

constexpr uint64_t kOrderStream = 0x4F52'4400'0000'0000ULL;  // "ORD"
constexpr int64_t kHour = 3'600'000, kDay = 24 * kHour;

struct Carrier {
  std::string_view name, prefix;
};
constexpr Carrier kCarriers[] = {{"顺丰速运", "SF"}, {"中通快递", "7"},  {"圆通速递", "YT"},
                                 {"韵达快递", "43"}, {"申通快递", "77"}, {"京东物流", "JDV"},
                                 {"邮政EMS", "98"}};
constexpr std::string_view kRemarks[] = {"请尽快发货", "送人的，不要放价格单", "周末送货",
                                         "放快递柜", "麻烦包装结实一点", "发顺丰可以吗"};
constexpr std::string_view kReturnReasons[] = {"尺码不合适", "质量问题", "与描述不符",
                                               "不喜欢/不想要", "发错货", "商品破损"};
constexpr std::string_view kRefundReasons[] = {"商品破损", "少件/漏发", "质量问题", "价保退差价"};
constexpr std::string_view kExchangeReasons[] = {"尺码不合适", "颜色不喜欢", "发错货"};

bool festival(int64_t ms) {
  const CivilDate d = civil_from_days(merchant_day(ms));
  return (d.month == 11 && d.day == 11) || (d.month == 6 && d.day == 18) ||
         (d.month == 12 && d.day == 12);
}

std::optional<std::string> external_id(std::string_view platform, int64_t index, Rng& rng) {
  const auto n = static_cast<uint64_t>(index);
  if (platform == "offline") return std::nullopt;
  if (platform == "tmall") return fmt::format("{}", 2'100'000'000'000'000'000ULL + n * 97 + rng.below(97));
  if (platform == "jd") return fmt::format("{}", 280'000'000'000ULL + n * 13 + rng.below(13));
  if (platform == "douyin") return fmt::format("{}", 6'900'000'000'000'000'000ULL + n * 89 + rng.below(89));
  if (platform == "pinduoduo") return fmt::format("PDD{:012d}", 100'000'000'000ULL + n * 7 + rng.below(7));
  return fmt::format("wx{:016d}", n * 31 + rng.below(31));
}

void add_after_sale(DemoOrder& order, Rng& rng, int64_t now_ms) {
  DemoAfterSale sale;
  const double kind = rng.real();
  sale.kind = kind < 0.5 ? "return" : kind < 0.85 ? "refund_only" : "exchange";
  const bool rejected = rng.chance(0.1);
  int64_t t = *order.shape.delivered_ms + rng.between(2 * kHour, 10 * kDay);
  if (t > now_ms) return;
  const size_t line = rng.below(order.lines.size());
  const DemoLine& l = order.lines[line];
  const int64_t quantity = rng.between(1, l.quantity);
  // What the line cost after its share of the order discount, per unit returned.
  const int64_t net = (l.amount_fen * (order.items_fen - order.discount_fen)) /
                      std::max<int64_t>(order.items_fen, 1);
  const int64_t line_refund = net * quantity / l.quantity;
  if (sale.kind == "return") {
    sale.reason = kReturnReasons[rng.below(std::size(kReturnReasons))];
    sale.requested_fen = line_refund;
  } else if (sale.kind == "refund_only") {
    sale.reason = kRefundReasons[rng.below(std::size(kRefundReasons))];
    sale.requested_fen = std::max<int64_t>(100, line_refund * rng.between(10, 100) / 100);
  } else {
    sale.reason = kExchangeReasons[rng.below(std::size(kExchangeReasons))];
  }
  sale.requested_fen = std::min(sale.requested_fen, order.paid_fen);
  sale.lines.emplace_back(line, quantity);

  std::vector<AfterSaleStep> plan{{"", "requested", t}};
  t += rng.between(2 * kHour, 30 * kHour);
  if (rejected) {
    plan.push_back({"requested", "rejected", t});
  } else {
    plan.push_back({"requested", "approved", t});
    std::string_view at = "approved";
    if (sale.kind != "refund_only") {
      t += rng.between(2 * kDay, 6 * kDay);
      plan.push_back({at, "goods_received", t});
      at = "goods_received";
    }
    t += rng.between(kHour, 2 * kDay);
    plan.push_back({at, sale.kind == "exchange" ? "reshipped" : "refunded", t});
    at = plan.back().to_status;
    t += rng.between(kDay, 7 * kDay);
    plan.push_back({at, "closed", t});
  }
  for (const auto& step : plan) {
    if (step.at_ms > now_ms) break;
    sale.steps.push_back(step);
    if (step.to_status == "refunded") sale.refund_fen = sale.requested_fen;
    if (step.to_status == "goods_received" && sale.kind == "return") {
      order.lines[line].returned_quantity = quantity;
    }
    if (step.to_status == "closed" || step.to_status == "rejected") sale.closed_ms = step.at_ms;
  }
  sale.status = sale.steps.back().to_status;
  order.refunded_fen = sale.refund_fen;
  order.after_sale = std::move(sale);
}

}  // namespace

ProductPicker::ProductPicker(std::span<const DemoProduct> products) {
  std::vector<double> weights;
  weights.reserve(products.size());
  for (const auto& p : products) weights.push_back(p.popularity);
  table_ = WeightedTable(weights);
}

DemoOrder make_order(uint64_t seed, int64_t index, int64_t placed_ms, int64_t now_ms,
                     size_t customer_channel, std::span<const DemoProduct> products,
                     const ProductPicker& picker) {
  DemoOrder order;
  order.shape = shape_order(seed, index, placed_ms, now_ms);
  Rng rng(seed, kOrderStream + static_cast<uint64_t>(index));
  const auto all = channels();
  order.channel = rng.chance(0.8) ? customer_channel : rng.below(all.size());
  if (order.shape.cod) order.channel = all[order.channel].platform == "offline" ? order.channel : 1;
  order.external_id = external_id(all[order.channel].platform, index, rng);

  const double n = rng.real();
  const int lines = n < 0.55 ? 1 : n < 0.80 ? 2 : n < 0.93 ? 3 : 4;
  for (int i = 0; i < lines; ++i) {
    const size_t product = picker.pick(rng);
    if (std::any_of(order.lines.begin(), order.lines.end(),
                    [&](const DemoLine& l) { return l.product == product; })) {
      continue;  // the same product twice is one line with a higher quantity
    }
    DemoLine line;
    line.product = product;
    const double q = rng.real();
    line.quantity = q < 0.78 ? 1 : q < 0.93 ? 2 : q < 0.98 ? 3 : rng.between(4, 10);
    line.unit_price_fen = products[product].price_fen;
    if (rng.chance(0.15)) line.discount_fen = line.unit_price_fen * line.quantity * rng.between(5, 20) / 100;
    line.amount_fen = line.unit_price_fen * line.quantity - line.discount_fen;
    order.items_fen += line.amount_fen;
    order.lines.push_back(line);
  }
  // Coupons: 满减 tiers, more often on festival days.
  const bool big_day = festival(placed_ms);
  if (rng.chance(big_day ? 0.7 : 0.25)) {
    if (order.items_fen >= 50000) order.discount_fen = 5000;
    else if (order.items_fen >= 30000) order.discount_fen = 3000;
    else if (order.items_fen >= 20000) order.discount_fen = 2000;
    else if (order.items_fen >= 9900) order.discount_fen = 1000;
    if (big_day) order.discount_fen += order.items_fen / 20;
  }
  order.discount_fen = std::min(order.discount_fen, order.items_fen);
  if (all[order.channel].platform != "offline" && order.items_fen < 9900) {
    order.shipping_fee_fen = rng.chance(0.5) ? 0 : rng.between(5, 12) * 100;
  }
  order.total_fen = order.items_fen - order.discount_fen + order.shipping_fee_fen;
  if (order.shape.paid()) order.paid_fen = order.total_fen;
  order.warehouse = rng.chance(0.9) ? 0 : 1;
  if (rng.chance(0.08)) order.buyer_remarks = kRemarks[rng.below(std::size(kRemarks))];
  if (order.shape.steps.front().to_status == "pending_audit") {
    order.audit_reasons = rng.chance(0.5)
        ? R"([{"rule":"address_incomplete","message":"收货地址不完整"}])"
        : R"([{"rule":"amount_threshold","message":"订单金额超过自动审核上限"}])";
  }
  if (order.shape.shipped_ms) {
    const Carrier& c = kCarriers[rng.below(std::size(kCarriers))];
    order.carrier = c.name;
    order.tracking_number = fmt::format("{}{:013d}", c.prefix, 1'000'000'000'000LL + index * 11 +
                                                                   static_cast<int64_t>(rng.below(11)));
  }
  if (order.shape.delivered_ms && order.paid_fen > 0 && rng.chance(0.045)) {
    add_after_sale(order, rng, now_ms);
  }
  return order;
}

}  // namespace crm::demo
