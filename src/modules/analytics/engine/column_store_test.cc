// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/column_store.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/analytics/engine/test_store.h"

namespace crm::analytics {
namespace {

using test::day;

TEST(ColumnStore, FreezeSortsOrdersByDayThenIdAndIndexesThem) {
  ColumnStore store;
  test::fill_small_store(store);
  ASSERT_EQ(store.order_count(), 8u);
  ASSERT_EQ(store.customer_count(), 4u);
  // (day, id): 100 (2025-02-14), 101 (01-10), 103, 104 (both 01-20), 105, 102, 106, 107.
  const std::vector<int64_t> expected = {100, 101, 103, 104, 105, 102, 106, 107};
  for (uint32_t o = 0; o < store.order_count(); ++o) EXPECT_EQ(store.order_id(o), expected[o]) << o;
  for (int64_t id : expected) {
    auto o = store.find_order(id);
    ASSERT_TRUE(o);
    EXPECT_EQ(store.order_id(*o), id);
  }
  EXPECT_FALSE(store.find_order(999));
  // Items follow their order: 101 has shoes then bags.
  const uint32_t o101 = *store.find_order(101);
  ASSERT_EQ(store.item_end(o101) - store.item_begin(o101), 2u);
  EXPECT_EQ(store.categories().name(store.item_category(store.item_begin(o101))), "shoes");
  EXPECT_EQ(store.item_amount(store.item_begin(o101) + 1), 4500);
  // Customer 1's orders in day order: 101, 102, 107.
  const uint32_t c1 = *store.find_customer(1);
  std::vector<int64_t> c1_orders;
  for (uint32_t o : store.customer_orders(c1)) c1_orders.push_back(store.order_id(o));
  EXPECT_EQ(c1_orders, (std::vector<int64_t>{101, 102, 107}));
  EXPECT_TRUE(store.customer_orders(*store.find_customer(4)).empty());
  EXPECT_EQ(store.customer_category_codes(c1).size(), 1u);
  EXPECT_EQ(store.regions().name(store.customer_region(c1)), "浙江");
  // Date range slices.
  auto [first, last] = store.order_range(day(2026, 1, 20), day(2026, 2, 3));
  EXPECT_EQ(last - first, 3u);  // 103, 104, 105
  EXPECT_EQ(store.order_range(day(2030, 1, 1), day(2030, 1, 2)).second -
                store.order_range(day(2030, 1, 1), day(2030, 1, 2)).first,
            0u);
  EXPECT_GT(store.bytes(), 0u);
}

TEST(ColumnStore, PendingRowsAreInvisibleUntilTheNextFreezeThenMergeInPlace) {
  ColumnStore store;
  test::fill_small_store(store);
  ASSERT_TRUE(store.add_order({108, 3, day(2026, 3, 25), OrderStatus::kPaid, "jd", "浙江", 3000, 0, 0}));
  ASSERT_TRUE(store.add_order({50, 1, day(2026, 1, 15), OrderStatus::kPaid, "tmall", "浙江", 1000, 0, 0}));
  ASSERT_TRUE(store.add_item({108, "bags", 1, 3000, 1000}));
  ASSERT_TRUE(store.add_item({102, "socks", 3, 300, 30}));  // a late item for a frozen order
  ASSERT_TRUE(store.add_customer({5, day(2026, 3, 1), "", ""}));
  EXPECT_TRUE(store.has_pending());
  EXPECT_EQ(store.order_count(), 8u);
  EXPECT_FALSE(store.find_order(108));

  auto stats = store.freeze();
  ASSERT_TRUE(stats);
  EXPECT_FALSE(store.has_pending());
  EXPECT_EQ(stats->orders, 10u);
  EXPECT_EQ(stats->customers, 5u);
  EXPECT_EQ(stats->items, 11u);  // 9 + 108's + the late socks line
  const std::vector<int64_t> expected = {100, 101, 50, 103, 104, 105, 102, 106, 107, 108};
  for (uint32_t o = 0; o < store.order_count(); ++o) EXPECT_EQ(store.order_id(o), expected[o]) << o;
  for (int64_t id : expected) EXPECT_EQ(store.order_id(*store.find_order(id)), id);
  const uint32_t o102 = *store.find_order(102);
  ASSERT_EQ(store.item_end(o102) - store.item_begin(o102), 2u);
  EXPECT_EQ(store.categories().name(store.item_category(store.item_end(o102) - 1)), "socks");
  std::vector<int64_t> c1_orders;
  for (uint32_t o : store.customer_orders(*store.find_customer(1))) c1_orders.push_back(store.order_id(o));
  EXPECT_EQ(c1_orders, (std::vector<int64_t>{101, 50, 102, 107}));
  EXPECT_EQ(store.customer_category_codes(*store.find_customer(1)).size(), 1u);  // kept across merges
}

TEST(ColumnStore, StatusAndRefundChangeInPlace) {
  ColumnStore store;
  test::fill_small_store(store);
  ASSERT_TRUE(store.set_order_status(107, OrderStatus::kPaid));
  EXPECT_TRUE(is_counted(store.order_status(*store.find_order(107))));
  ASSERT_TRUE(store.set_order_refunded(101, 2500));
  EXPECT_EQ(store.order_refunded(*store.find_order(101)), 2500);
  auto missing = store.set_order_status(999, OrderStatus::kPaid);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "analytics.order_not_found");
  auto negative = store.set_order_refunded(101, -1);
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().field, "refunded_fen");
}

TEST(ColumnStore, CustomerEditsReplaceAttributesAndSpliceCategories) {
  ColumnStore store;
  test::fill_small_store(store);
  auto codes = [&](int64_t id) {
    std::vector<std::string> names;
    for (uint16_t code : store.customer_category_codes(*store.find_customer(id))) {
      names.push_back(store.customer_categories().name(code));
    }
    return names;
  };
  const std::string_view one[] = {"new"};
  ASSERT_TRUE(store.set_customer({3, day(2026, 2, 1), "浙江", "tmall"}, one));
  const auto third = codes(3);
  ASSERT_EQ(third, (std::vector<std::string>{"new"}));
  const std::string_view two[] = {"wholesale", "vip", "vip"};
  ASSERT_TRUE(store.set_customer({1, day(2025, 12, 1), "广东", "jd"}, two));
  const uint32_t c = *store.find_customer(1);
  EXPECT_EQ(store.customer_created_day(c), day(2025, 12, 1));
  EXPECT_EQ(store.regions().name(store.customer_region(c)), "广东");
  EXPECT_EQ(store.channels().name(store.customer_channel(c)), "jd");
  auto first = codes(1);
  std::sort(first.begin(), first.end());
  EXPECT_EQ(first, (std::vector<std::string>{"vip", "wholesale"}));
  EXPECT_EQ(codes(3), third);  // later customers' categories moved with the splice
  ASSERT_TRUE(store.set_customer({1, day(2025, 12, 1), "广东", "jd"}, {}));
  EXPECT_TRUE(codes(1).empty());
  EXPECT_EQ(codes(3), third);
  EXPECT_EQ(store.customer_orders(c).size(), 3u);  // orders stay with the customer (101, 102, 107)
  auto missing = store.set_customer({99, 0, "", ""}, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "analytics.customer_not_found");
  const std::string_view empty[] = {""};
  EXPECT_EQ(store.set_customer({1, 0, "", ""}, empty).error().field, "category");
}

TEST(ColumnStore, DuplicateIdsFailAndLeaveTheStoreAsItWas) {
  ColumnStore store;
  test::fill_small_store(store);
  ASSERT_TRUE(store.add_order({109, 1, day(2026, 3, 1), OrderStatus::kPaid, "", "", 1, 0, 0}));
  ASSERT_TRUE(store.add_order({101, 1, day(2026, 3, 2), OrderStatus::kPaid, "", "", 1, 0, 0}));
  auto frozen = store.freeze();
  ASSERT_FALSE(frozen);
  EXPECT_EQ(frozen.error().code, "analytics.duplicate_order");
  EXPECT_EQ(store.order_count(), 8u);
  EXPECT_FALSE(store.has_pending());
  ASSERT_TRUE(store.add_customer({2, 0, "", ""}));
  auto again = store.freeze();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "analytics.duplicate_customer");
  EXPECT_EQ(store.customer_count(), 4u);
}

TEST(ColumnStore, UnknownCustomersGetPlaceholdersAndOrphanItemsAreCounted) {
  ColumnStore store;
  ASSERT_TRUE(store.add_order({1, 99, day(2026, 5, 2), OrderStatus::kPaid, "", "", 100, 0, 0}));
  ASSERT_TRUE(store.add_order({2, 99, day(2026, 5, 1), OrderStatus::kPaid, "", "", 100, 0, 0}));
  ASSERT_TRUE(store.add_item({555, "", 1, 10, 1}));
  auto stats = store.freeze();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->placeholder_customers, 1u);
  EXPECT_EQ(stats->orphan_items, 1u);
  EXPECT_EQ(stats->items, 0u);
  const auto c = store.find_customer(99);
  ASSERT_TRUE(c);
  EXPECT_EQ(store.customer_created_day(*c), day(2026, 5, 1));  // its first order day
}

TEST(ColumnStore, PlaceholdersInAFrozenStoreKeepEveryIndexRight) {
  ColumnStore store;
  test::fill_small_store(store);
  ASSERT_TRUE(store.add_customer({5, day(2026, 3, 1), "北京", "jd"}));
  ASSERT_TRUE(store.add_customer_category(5, "vip"));
  ASSERT_TRUE(store.add_order({400, 3, day(2026, 3, 2), OrderStatus::kPaid, "", "", 1, 0, 0}));  // id 3 < 99
  ASSERT_TRUE(store.add_order({401, 99, day(2026, 3, 3), OrderStatus::kPaid, "", "", 1, 0, 0}));
  ASSERT_TRUE(store.add_order({402, 2, day(2026, 3, 4), OrderStatus::kPaid, "", "", 1, 0, 0}));
  auto stats = store.freeze();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->placeholder_customers, 1u);
  ASSERT_EQ(store.customer_count(), 6u);  // 1, 2, 3, 4, 5, 99
  auto customer_of = [&](int64_t order_id) { return store.customer_id(store.order_customer(*store.find_order(order_id))); };
  EXPECT_EQ(customer_of(401), 99);
  EXPECT_EQ(customer_of(400), 3);
  EXPECT_EQ(customer_of(105), 3);
  EXPECT_EQ(customer_of(402), 2);
  EXPECT_EQ(customer_of(100), 2);
  EXPECT_EQ(customer_of(101), 1);
  EXPECT_EQ(store.customer_category_codes(*store.find_customer(1)).size(), 1u);
  EXPECT_EQ(store.customer_category_codes(*store.find_customer(5)).size(), 1u);
  EXPECT_TRUE(store.customer_category_codes(*store.find_customer(99)).empty());
  EXPECT_EQ(store.regions().name(store.customer_region(*store.find_customer(5))), "北京");
  EXPECT_EQ(store.customer_orders(*store.find_customer(99)).size(), 1u);
  EXPECT_EQ(store.customer_orders(*store.find_customer(2)).size(), 4u);  // 100, 103, 104, 402
}

TEST(ColumnStore, AppendingLaterOrdersRenumbersCustomersAndKeepsTheIdIndex) {
  ColumnStore store;
  ASSERT_TRUE(store.add_customer({10, 0, "", ""}));
  ASSERT_TRUE(store.add_customer({20, 0, "", ""}));
  ASSERT_TRUE(store.add_order({500, 20, 10, OrderStatus::kPaid, "", "", 1, 0, 0}));
  ASSERT_TRUE(store.add_order({600, 10, 11, OrderStatus::kPaid, "", "", 2, 0, 0}));
  ASSERT_TRUE(store.freeze());
  // Later days (so the columns grow in place), a smaller order id than 600, and a customer whose
  // id sorts first (so every customer index moves up by one).
  ASSERT_TRUE(store.add_customer({5, 0, "", ""}));
  ASSERT_TRUE(store.add_order({550, 5, 12, OrderStatus::kPaid, "", "", 3, 0, 0}));
  ASSERT_TRUE(store.add_order({700, 20, 12, OrderStatus::kPaid, "", "", 4, 0, 0}));
  ASSERT_TRUE(store.add_item({700, "x", 1, 4, 1}));
  ASSERT_TRUE(store.freeze());
  const std::vector<int64_t> expected = {500, 600, 550, 700};
  for (uint32_t o = 0; o < store.order_count(); ++o) EXPECT_EQ(store.order_id(o), expected[o]);
  for (int64_t id : expected) EXPECT_EQ(store.order_id(*store.find_order(id)), id);
  EXPECT_EQ(store.customer_id(store.order_customer(*store.find_order(500))), 20);
  EXPECT_EQ(store.customer_id(store.order_customer(*store.find_order(600))), 10);
  EXPECT_EQ(store.customer_id(store.order_customer(*store.find_order(550))), 5);
  EXPECT_EQ(store.customer_orders(*store.find_customer(20)).size(), 2u);
  const uint32_t o700 = *store.find_order(700);
  EXPECT_EQ(store.item_end(o700) - store.item_begin(o700), 1u);
  EXPECT_EQ(store.item_begin(*store.find_order(500)), store.item_end(*store.find_order(500)));
}

TEST(ColumnStore, SparseCustomerIdsUseTheBinarySearchPath) {
  ColumnStore store;
  ASSERT_TRUE(store.add_customer({1, 0, "", ""}));
  ASSERT_TRUE(store.add_customer({1'000'000'000'000, 0, "", ""}));
  ASSERT_TRUE(store.add_order({1, 1'000'000'000'000, 3, OrderStatus::kPaid, "", "", 5, 0, 0}));
  ASSERT_TRUE(store.add_order({2, 1, 4, OrderStatus::kPaid, "", "", 5, 0, 0}));
  ASSERT_TRUE(store.add_order({3, 7, 5, OrderStatus::kPaid, "", "", 5, 0, 0}));
  auto stats = store.freeze();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->placeholder_customers, 1u);
  EXPECT_EQ(store.customer_id(store.order_customer(*store.find_order(1))), 1'000'000'000'000);
  EXPECT_EQ(store.customer_id(store.order_customer(*store.find_order(3))), 7);
}

TEST(ColumnStore, AmountsBeyondInt32AreKeptExactly) {
  ColumnStore store;
  const int64_t big = 5'000'000'000;  // 50 million yuan
  ASSERT_TRUE(store.add_order({1, 1, 0, OrderStatus::kPaid, "", "", big, 0, 0}));
  ASSERT_TRUE(store.add_item({1, "", 1, big, -3}));
  ASSERT_TRUE(store.freeze());
  EXPECT_EQ(store.order_total(0), big);
  EXPECT_EQ(store.item_amount(0), big);
  EXPECT_EQ(store.item_cost(0), -3);
  ASSERT_TRUE(store.set_order_refunded(1, big - 1));
  EXPECT_EQ(store.order_refunded(0), big - 1);
}

TEST(ColumnStore, IdsAndQuantitiesBeyondTheirNarrowWidthAreKeptExactly) {
  ColumnStore store;
  const int64_t big_id = 5'000'000'000;  // past int32: a side-table entry
  ASSERT_TRUE(store.add_order({7, 1, 0, OrderStatus::kPaid, "", "", 1, 0, 0}));
  ASSERT_TRUE(store.add_order({big_id, 1, 1, OrderStatus::kPaid, "", "", 1, 0, 0}));
  ASSERT_TRUE(store.add_item({big_id, "", 100'000, 1, 1}));  // past int16
  ASSERT_TRUE(store.add_item({7, "", 32'767, 1, 1}));
  ASSERT_TRUE(store.freeze());
  EXPECT_EQ(store.order_id(1), big_id);
  EXPECT_EQ(store.find_order(big_id), 1u);
  EXPECT_EQ(store.find_order(7), 0u);
  EXPECT_FALSE(store.find_order(8));
  EXPECT_EQ(store.item_quantity(store.item_begin(0)), 32'767);
  EXPECT_EQ(store.item_quantity(store.item_begin(1)), 100'000);
}

// Everything a computation can read, in comparable form.
struct StoreSnapshot {
  std::vector<std::vector<int64_t>> orders;     // id, customer id, day, status, total, refunded, items...
  std::vector<std::vector<int64_t>> customers;  // id, created day, category count, order ids...
  bool operator==(const StoreSnapshot&) const = default;
};

StoreSnapshot snapshot(const ColumnStore& store) {
  StoreSnapshot out;
  for (uint32_t o = 0; o < store.order_count(); ++o) {
    std::vector<int64_t> row = {store.order_id(o), store.customer_id(store.order_customer(o)), store.order_day(o),
                                static_cast<int64_t>(store.order_status(o)), store.order_total(o),
                                store.order_refunded(o)};
    for (uint32_t i = store.item_begin(o); i < store.item_end(o); ++i) {
      row.push_back(store.item_quantity(i));
      row.push_back(store.item_amount(i));
      row.push_back(std::stoll(store.categories().name(store.item_category(i))));
    }
    out.orders.push_back(std::move(row));
    EXPECT_EQ(store.find_order(store.order_id(o)), o) << store.order_id(o);
  }
  for (uint32_t c = 0; c < store.customer_count(); ++c) {
    std::vector<int64_t> row = {store.customer_id(c), store.customer_created_day(c),
                                static_cast<int64_t>(store.customer_category_codes(c).size())};
    for (uint32_t o : store.customer_orders(c)) row.push_back(store.order_id(o));
    out.customers.push_back(std::move(row));
  }
  return out;
}

// Batched freezes take every path (append with the identity id index, renumbered customers,
// ids out of day order, back-dated orders merged, late items) and must give the very store one
// freeze of all the rows gives.
TEST(ColumnStore, BatchedFreezesGiveTheSameStoreAsOneFreeze) {
  uint64_t seed = 12345;
  const auto next = [&seed](uint64_t bound) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % bound;
  };
  std::vector<std::vector<OrderRow>> order_batches(6);
  std::vector<std::vector<ItemRow>> item_batches(6);
  std::vector<std::string> categories;
  for (int k = 0; k < 5; ++k) categories.push_back(std::to_string(k));
  int64_t id = 1;
  const auto add = [&](size_t batch, int64_t order_id, int32_t day, bool low_customers) {
    const int64_t customer =
        low_customers ? 1 + static_cast<int64_t>(next(299)) : 100 + static_cast<int64_t>(next(200));
    const OrderStatus status = next(5) == 0 ? OrderStatus::kCancelled : OrderStatus::kPaid;
    order_batches[batch].push_back({order_id, customer, day, status, "", "",
                                    100 + static_cast<int64_t>(next(1000)), 0, static_cast<int64_t>(next(3))});
    for (uint64_t line = 0, lines = 1 + next(2); line < lines; ++line) {
      item_batches[batch].push_back({order_id, categories[next(5)], 1 + static_cast<int32_t>(next(4)),
                                     static_cast<int64_t>(next(500)), 1});
    }
  };
  for (; id <= 600; ++id) add(0, id, static_cast<int32_t>(id / 3), false);         // ids in day order
  for (; id <= 1200; ++id) add(1, id, static_cast<int32_t>(id / 3), false);        // appended
  for (; id <= 1500; ++id) add(2, id, static_cast<int32_t>(id / 3), true);         // + customers 1..99
  std::vector<int64_t> shuffled;
  for (; id <= 1800; ++id) shuffled.push_back(id);
  for (size_t k = shuffled.size(); k > 1; --k) std::swap(shuffled[k - 1], shuffled[next(k)]);
  for (size_t k = 0; k < shuffled.size(); ++k) add(3, shuffled[k], static_cast<int32_t>(500 + k / 3), true);
  for (; id <= 2000; ++id) add(4, id, static_cast<int32_t>(next(700)), true);      // back-dated
  for (int k = 0; k < 20; ++k) {  // late lines of frozen orders
    item_batches[4].push_back({1 + static_cast<int64_t>(next(1800)), categories[next(5)], 1, 7, 1});
  }
  for (; id <= 2200; ++id) add(5, id, static_cast<int32_t>(800 + id), true);      // appended again

  const auto add_customers = [&](ColumnStore& store, int64_t first, int64_t last) {
    for (int64_t c = first; c <= last; ++c) {
      ASSERT_TRUE(store.add_customer({c, static_cast<int32_t>(c % 50), "", ""}));
      if (c % 3 == 0) {
        ASSERT_TRUE(store.add_customer_category(c, categories[static_cast<size_t>(c % 5)]));
      }
    }
  };
  ColumnStore batched, whole;
  batched.reserve(150, 1000, 1500);  // too small on purpose: the columns grow past it
  add_customers(batched, 100, 299);
  add_customers(whole, 100, 299);
  add_customers(whole, 1, 99);
  for (size_t batch = 0; batch < order_batches.size(); ++batch) {
    if (batch == 2) add_customers(batched, 1, 99);
    for (const OrderRow& row : order_batches[batch]) {
      ASSERT_TRUE(batched.add_order(row));
      ASSERT_TRUE(whole.add_order(row));
    }
    for (const ItemRow& row : item_batches[batch]) {
      ASSERT_TRUE(batched.add_item(row));
      ASSERT_TRUE(whole.add_item(row));
    }
    auto stats = batched.freeze();
    ASSERT_TRUE(stats) << batch;
    EXPECT_EQ(stats->placeholder_customers, 0u);
    EXPECT_EQ(stats->orphan_items, 0u);
  }
  ASSERT_TRUE(whole.freeze());
  ASSERT_EQ(batched.order_count(), 2200u);
  ASSERT_EQ(batched.customer_count(), 299u);
  EXPECT_TRUE(snapshot(batched) == snapshot(whole));
  EXPECT_FALSE(batched.find_order(0));
  EXPECT_FALSE(batched.find_order(2201));
}

TEST(ColumnStore, RejectsInvalidRowsWithTheField) {
  ColumnStore store;
  auto quantity = store.add_item({1, "", 0, 10, 1});
  ASSERT_FALSE(quantity);
  EXPECT_EQ(quantity.error().code, "analytics.invalid_row");
  EXPECT_EQ(quantity.error().field, "quantity");
  EXPECT_EQ(store.add_order({1, 1, 0, OrderStatus::kPaid, "", "", -1, 0, 0}).error().field, "total_fen");
  EXPECT_EQ(store.add_order({0, 1, 0, OrderStatus::kPaid, "", "", 1, 0, 0}).error().field, "id");
  EXPECT_EQ(store.add_order({1, 1, kMaxOrderDay + 1, OrderStatus::kPaid, "", "", 1, 0, 0}).error().field, "day");
  EXPECT_EQ(store.add_customer_category(1, "").error().field, "category");
  EXPECT_FALSE(store.has_pending());
  EXPECT_EQ(parse_order_status("shipped"), OrderStatus::kShipped);
  EXPECT_EQ(parse_order_status("lost"), std::nullopt);
  EXPECT_FALSE(is_counted(OrderStatus::kApproved));
  EXPECT_TRUE(is_counted(OrderStatus::kCompleted));
  EXPECT_FALSE(is_counted(OrderStatus::kClosed));
}

}  // namespace
}  // namespace crm::analytics
