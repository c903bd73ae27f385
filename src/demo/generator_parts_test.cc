// SPDX-License-Identifier: Apache-2.0
// The generator's pieces without a database: determinism and the shape of its distributions.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "demo/calendar.h"
#include "demo/demo_plan.h"
#include "demo/names.h"
#include "demo/order_maker.h"
#include "demo/people.h"
#include "demo/products.h"
#include "demo/regions.h"

namespace crm::demo {
namespace {

constexpr int64_t kNow = 1'795'000'000'000;  // 2026-11-18

DemoOptions small_options(uint64_t seed) {
  DemoOptions o;
  o.customers = 2000;
  o.orders = 12000;
  o.seed = seed;
  o.now_ms = kNow;
  o.owner_ids = {7, 8, 9};
  return o;
}

// A fingerprint of the first `n` customers and orders a seed produces.
std::string fingerprint(uint64_t seed, int n) {
  const DemoOptions o = small_options(seed);
  const DemoPlan plan = make_plan(o);
  Rng catalog_rng(seed, 1);
  const auto products = make_catalog(catalog_rng, 60);
  const ProductPicker picker(products);
  Rng people(seed, 2);
  UniqueContacts unique;
  std::string out;
  for (int i = 0; i < n; ++i) {
    const DemoCustomer c = make_customer(people, plan.customers[i], o.owner_ids, kNow, unique);
    out += c.fields.name + *c.fields.phone + c.fields.address.city + c.fields.stage + ";";
    const DemoOrder order = make_order(seed, i, plan.order_ms[i], kNow, c.channel, products, picker);
    out += std::to_string(plan.order_ms[i]) + ":" + std::to_string(plan.order_customer[i]) + ":" +
           std::string(order.shape.status) + ":" + std::to_string(order.total_fen) + "|";
  }
  return out;
}

TEST(DemoPlan, SameSeedGivesTheSameStoreAndAnotherSeedAnother) {
  EXPECT_EQ(fingerprint(42, 200), fingerprint(42, 200));
  EXPECT_NE(fingerprint(42, 200), fingerprint(43, 200));
}

TEST(DemoPlan, EveryCustomerIsCreatedBeforeTheirFirstOrderAndOrdersAreSorted) {
  const DemoPlan plan = make_plan(small_options(5));
  ASSERT_EQ(plan.order_ms.size(), 12000u);
  EXPECT_TRUE(std::is_sorted(plan.order_ms.begin(), plan.order_ms.end()));
  EXPECT_LE(plan.order_ms.back(), kNow);
  std::vector<int64_t> first(plan.customers.size(), INT64_MAX);
  for (size_t j = 0; j < plan.order_ms.size(); ++j) {
    auto& f = first[plan.order_customer[j]];
    f = std::min(f, plan.order_ms[j]);
  }
  for (size_t c = 0; c < plan.customers.size(); ++c) {
    if (first[c] != INT64_MAX) {
      EXPECT_LT(plan.customers[c].created_at_ms, first[c]) << c;
    }
    if (c > 0) {
      EXPECT_LE(plan.customers[c - 1].created_at_ms, plan.customers[c].created_at_ms);
    }
  }
}

TEST(DemoPlan, RepeatPurchasesAreHeavyTailed) {
  const DemoPlan plan = make_plan(small_options(9));
  int none = 0, once = 0, many = 0, most = 0;
  for (const auto& c : plan.customers) {
    none += c.orders == 0;
    once += c.orders == 1;
    many += c.orders >= 10;
    most = std::max(most, c.orders);
  }
  const int buyers = static_cast<int>(plan.customers.size()) - none;
  EXPECT_NEAR(none, 300, 5);                 // 15% never buy
  EXPECT_GT(once, buyers * 4 / 10);          // the biggest group buys once
  EXPECT_GT(many, 20);                       // and some buy a lot
  EXPECT_GT(most, 40);
}

TEST(Calendar, WeekendsSellMoreThanWeekdaysAndDouble11BeatsAnAverageWeek) {
  const int64_t today = merchant_day(kNow);
  const Calendar calendar(today - 3 * 365 + 1, today, kNow);
  Rng rng(3);
  std::map<int64_t, int> per_day;
  int weekend = 0, weekday_count = 0;
  constexpr int kSamples = 300'000;
  for (int i = 0; i < kSamples; ++i) {
    const int64_t day = merchant_day(calendar.sample_ms(rng));
    ++per_day[day];
    (weekday(day) >= 5 ? weekend : weekday_count) += 1;
  }
  // Per day: weekends (2 of 7 days) above weekdays (5 of 7).
  EXPECT_GT(weekend / 2.0, weekday_count / 5.0 * 1.1);
  const int64_t nov11 = days_from_civil(2025, 11, 11);
  int festival_week = 0, ordinary_week = 0;
  for (int64_t d = nov11 - 3; d <= nov11 + 3; ++d) festival_week += per_day[d];
  const int64_t sep = days_from_civil(2025, 9, 15);
  for (int64_t d = sep - 3; d <= sep + 3; ++d) ordinary_week += per_day[d];
  EXPECT_GT(festival_week, 2 * ordinary_week);
  EXPECT_GT(per_day[nov11], 4 * per_day[sep]);
  // Spring Festival is quiet; 年货节 before it is busy.
  const int64_t sf = spring_festival(2026);
  EXPECT_LT(per_day[sf], per_day[sf - 20]);
}

TEST(Calendar, CivilDatesRoundTripAndKnownWeekdays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  const CivilDate d = civil_from_days(days_from_civil(2024, 2, 29));
  EXPECT_EQ(d.year, 2024);
  EXPECT_EQ(d.month, 2u);
  EXPECT_EQ(d.day, 29u);
  EXPECT_EQ(weekday(days_from_civil(2025, 11, 11)), 1);  // a Tuesday
  EXPECT_EQ(merchant_day(day_start_ms(20000)), 20000);
}

TEST(Names, SurnameFrequenciesArePlausible) {
  Rng rng(11);
  std::map<std::string, int> counts;
  constexpr int kNames = 100'000;
  for (int i = 0; i < kNames; ++i) {
    const std::string name = make_name(rng, i % 2 ? Gender::kMale : Gender::kFemale);
    // Every surname of the table is one or two characters; the common ones are one.
    counts[name.substr(0, 3)]++;
    EXPECT_GE(name.size(), 6u);
    EXPECT_LE(name.size(), 12u);
  }
  // 王, 李 and 张 are each about 7-8% of the table (which sums to ~98%), far ahead of 孔.
  for (const char* common : {"王", "李", "张"}) {
    EXPECT_GT(counts[common], kNames * 6 / 100) << common;
    EXPECT_LT(counts[common], kNames * 9 / 100) << common;
  }
  EXPECT_GT(counts["王"], 10 * counts["孔"]);
}

TEST(People, PhonesAreValidMainlandMobilesAndUnique) {
  Rng rng(13);
  std::unordered_set<std::string> seen;
  for (int i = 0; i < 50'000; ++i) {
    const std::string phone = make_phone(rng, seen);
    ASSERT_EQ(phone.size(), 11u);
    EXPECT_EQ(phone[0], '1');
    EXPECT_GE(phone[1], '3');
    EXPECT_TRUE(std::all_of(phone.begin(), phone.end(), ::isdigit)) << phone;
  }
  EXPECT_EQ(seen.size(), 50'000u);
}

TEST(Regions, PlacesFollowPopulation) {
  Rng rng(17);
  std::map<std::string, int> provinces;
  for (int i = 0; i < 50'000; ++i) provinces[std::string(pick_place(rng).province)]++;
  EXPECT_GT(provinces["广东省"], provinces["河南省"]);
  EXPECT_GT(provinces["河南省"], 5 * provinces["西藏自治区"]);
  EXPECT_GT(province_weight("广东省"), 0);
}

TEST(Products, CatalogHasEveryCategoryPricesAndValidBarcodes) {
  Rng rng(19);
  const auto products = make_catalog(rng, 500);
  std::set<size_t> categories;
  std::set<std::string> skus;
  for (const auto& p : products) {
    categories.insert(p.category);
    skus.insert(p.sku);
    EXPECT_GT(p.price_fen, 0);
    EXPECT_GE(p.cost_fen * 100, p.price_fen * 40 - 100) << p.name;
    EXPECT_LE(p.cost_fen * 100, p.price_fen * 70) << p.name;
    ASSERT_EQ(p.barcode.size(), 13u);
    EXPECT_EQ(ean13(p.barcode.substr(0, 12)), p.barcode);
  }
  EXPECT_EQ(categories.size(), 12u);
  EXPECT_EQ(skus.size(), 500u);
  EXPECT_EQ(ean13("690123456789"), "6901234567892");
}

TEST(OrderShape, OldOrdersAreFinishedAndRecentOnesInThePipeline) {
  std::map<std::string, int> old_status, recent_status;
  for (int i = 0; i < 20'000; ++i) {
    old_status[std::string(shape_order(1, i, kNow - 200LL * kDayMs, kNow).status)]++;
    recent_status[std::string(shape_order(1, i, kNow - 3'600'000, kNow).status)]++;
  }
  EXPECT_EQ(old_status.size(), 3u);  // completed, cancelled, closed
  EXPECT_NEAR(old_status["cancelled"], 600, 150);
  EXPECT_GT(old_status["completed"], 18'000);
  EXPECT_GT(recent_status["paid"], 10'000);
  EXPECT_GT(recent_status["pending_audit"], 500);
  EXPECT_EQ(recent_status["completed"], 0);
}

TEST(OrderMaker, AmountsAddUpAndRefundsNeverExceedPayments) {
  Rng rng(23);
  const auto products = make_catalog(rng, 100);
  const ProductPicker picker(products);
  int after_sales = 0;
  for (int i = 0; i < 20'000; ++i) {
    const DemoOrder o = make_order(2, i, kNow - 90LL * kDayMs, kNow, 0, products, picker);
    int64_t items = 0;
    for (const auto& l : o.lines) {
      EXPECT_EQ(l.amount_fen, l.unit_price_fen * l.quantity - l.discount_fen);
      EXPECT_LE(l.returned_quantity, l.quantity);
      items += l.amount_fen;
    }
    EXPECT_EQ(o.items_fen, items);
    EXPECT_EQ(o.total_fen, o.items_fen - o.discount_fen + o.shipping_fee_fen);
    EXPECT_LE(o.refunded_fen, o.paid_fen);
    after_sales += o.after_sale.has_value();
  }
  EXPECT_NEAR(after_sales, 20'000 * 0.04, 250);
}

}  // namespace
}  // namespace crm::demo
