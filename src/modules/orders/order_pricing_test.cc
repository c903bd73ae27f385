// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_pricing.h"

#include <map>

#include <gtest/gtest.h>

namespace crm::orders {
namespace {

class OrderPricingTest : public ::testing::Test {
 protected:
  OrderPricingTest() {
    products_["TEA"] = ProductRef{.id = 1, .sku = "TEA", .name = "龙井", .category_id = 7,
                                  .price_fen = 5000, .cost_fen = 2000, .active = true};
    products_["OLD"] = ProductRef{.id = 2, .sku = "OLD", .name = "旧品", .price_fen = 100,
                                  .active = false};
  }

  Result<Order> price(const OrderDraft& draft) {
    return price_draft(draft, [this](const std::string& sku) -> Result<const ProductRef*> {
      auto found = products_.find(sku);
      return found == products_.end() ? nullptr : &found->second;
    });
  }

  std::map<std::string, ProductRef> products_;
};

TEST_F(OrderPricingTest, PricesLinesFromTheCatalogAndAddsUpTheTotal) {
  OrderDraft d;
  d.items = {{.sku = "TEA", .quantity = 3, .discount_fen = 1000},
             {.sku = "TEA", .quantity = 1, .unit_price_fen = 4500}};
  d.discount_fen = 500;
  d.shipping_fee_fen = 800;
  const auto order = price(d);
  ASSERT_TRUE(order) << order.error().message;
  ASSERT_EQ(order->items.size(), 2u);
  EXPECT_EQ(order->items[0].amount_fen, 14000);
  EXPECT_EQ(order->items[0].name, "龙井");
  EXPECT_EQ(order->items[0].unit_cost_fen, 2000);
  EXPECT_EQ(order->items[1].unit_price_fen, 4500);
  EXPECT_EQ(order->items_fen, 18500);
  EXPECT_EQ(order->total_fen, 18500 - 500 + 800);
}

TEST_F(OrderPricingTest, ErrorsNameTheLineAndField) {
  const auto error_of = [&](OrderDraft d) { return price(d).error(); };
  OrderDraft unknown;
  unknown.items = {{.sku = "TEA", .quantity = 1}, {.sku = "NOPE", .quantity = 1}};
  EXPECT_EQ(error_of(unknown).code, "order.unknown_sku");
  EXPECT_EQ(error_of(unknown).field, "items[1].sku");
  OrderDraft inactive;
  inactive.items = {{.sku = "OLD", .quantity = 1}};
  EXPECT_EQ(error_of(inactive).code, "order.product_inactive");
  OrderDraft line_discount;
  line_discount.items = {{.sku = "TEA", .quantity = 1, .discount_fen = 5001}};
  EXPECT_EQ(error_of(line_discount).field, "items[0].discount_fen");
  OrderDraft order_discount;
  order_discount.items = {{.sku = "TEA", .quantity = 1}};
  order_discount.discount_fen = 5001;
  EXPECT_EQ(error_of(order_discount).code, "order.discount_too_large");
  EXPECT_EQ(error_of(order_discount).field, "discount_fen");
}

}  // namespace
}  // namespace crm::orders
