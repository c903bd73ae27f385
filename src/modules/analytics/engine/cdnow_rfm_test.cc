// SPDX-License-Identifier: Apache-2.0
// RFM on the CDNOW event log (masterid, sampleid, date, cds, sales) against a straightforward
// computation from the raw rows. The data is read at test time from CRM_SHARED_DATA_DIR.
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "modules/analytics/engine/rfm.h"

#ifndef CRM_SHARED_DATA_DIR
#define CRM_SHARED_DATA_DIR ""
#endif

namespace crm::analytics {
namespace {

struct Event {
  int64_t customer = 0;
  std::string date;  // yyyymmdd
  int64_t fen = 0;
};

// "29.33" -> 2933, "6.8" -> 680, "0" -> 0 (CDNOW sales are dollars with cents).
int64_t cents(const std::string& text) {
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  fraction = (fraction + "00").substr(0, 2);
  return std::stoll(whole) * 100 + std::stoll(fraction);
}

std::vector<Event> read_events(const std::string& path) {
  std::ifstream in(path);
  std::vector<Event> events;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream fields(line);
    std::string masterid, sampleid, date, cds, sales;
    std::getline(fields, masterid, ','), std::getline(fields, sampleid, ','), std::getline(fields, date, ',');
    std::getline(fields, cds, ','), std::getline(fields, sales, ',');
    events.push_back({std::stoll(masterid), date, cents(sales)});
  }
  return events;
}

int32_t day_of(const std::string& yyyymmdd) {
  return day_from_civil({std::stoi(yyyymmdd.substr(0, 4)), std::stoi(yyyymmdd.substr(4, 2)),
                         std::stoi(yyyymmdd.substr(6, 2))});
}

// Days between two yyyymmdd dates through the C library (a different path from calendar.cc).
int64_t days_between(const std::string& from, const std::string& to) {
  auto epoch_days = [](const std::string& d) {
    std::tm tm{};
    tm.tm_year = std::stoi(d.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(d.substr(4, 2)) - 1;
    tm.tm_mday = std::stoi(d.substr(6, 2));
    return static_cast<int64_t>(timegm(&tm) / 86400);
  };
  return epoch_days(to) - epoch_days(from);
}

TEST(CdnowRfm, MatchesTheRawEventLogForEveryCustomer) {
  const std::string path = std::string(CRM_SHARED_DATA_DIR) + "/cdnow/cdnowElog_BTYD.csv";
  if (!std::ifstream(path)) GTEST_SKIP() << "CDNOW data not found at " << path << " (set CRM_SHARED_DATA_DIR)";
  const std::vector<Event> events = read_events(path);

  ColumnStore store;
  int64_t order_id = 0;
  for (const Event& e : events) {
    ASSERT_TRUE(store.add_order({++order_id, e.customer, day_of(e.date), OrderStatus::kCompleted, "", "", e.fen, 0, 0}));
  }
  ASSERT_TRUE(store.freeze());
  const std::string reference = "19980630";  // the last day of the CDNOW observation window
  Filter filter;
  filter.to_day = day_of(reference);
  auto rfm = compute_rfm(store, filter);
  ASSERT_TRUE(rfm) << rfm.error().message;

  // The straightforward way: one pass over the rows into a map.
  struct Expected {
    std::string last;
    int64_t count = 0;
    int64_t fen = 0;
  };
  std::map<int64_t, Expected> expected;
  int64_t total_fen = 0;
  for (const Event& e : events) {
    Expected& x = expected[e.customer];
    if (e.date > x.last) x.last = e.date;
    ++x.count;
    x.fen += e.fen;
    total_fen += e.fen;
  }
  // Spot values checked by hand: 6,919 purchases by 2,357 customers for $244,091.94.
  EXPECT_EQ(events.size(), 6919u);
  EXPECT_EQ(expected.size(), 2357u);
  EXPECT_EQ(total_fen, 24'409'194);
  ASSERT_EQ(rfm->customers.size(), expected.size());
  // Customer 4: 1997-01-01 $29.33, 01-18 $29.73, 08-02 $14.96, 12-12 $26.48 -> F 4,
  // M $100.50, R = 19 (rest of Dec) + 31 + 28 + 31 + 30 + 31 + 30 = 200 days.
  const RfmRow four = *find_rfm(*rfm, 4);
  EXPECT_EQ(four.frequency, 4);
  EXPECT_EQ(four.monetary_fen, 10050);
  EXPECT_EQ(four.recency_days, 200);
  // Customer 18: one purchase on 1997-01-04 of $14.96 -> R = 365 + 177 = 542.
  EXPECT_EQ(find_rfm(*rfm, 18)->recency_days, 542);
  EXPECT_EQ(find_rfm(*rfm, 18)->monetary_fen, 1496);

  std::vector<int64_t> all_r, all_f, all_m;
  for (const auto& [id, x] : expected) {
    all_r.push_back(-days_between(x.last, reference));
    all_f.push_back(x.count);
    all_m.push_back(x.fen);
  }
  // Scores the slow way: the rank of the first equal is the number of strictly smaller values.
  auto score = [](const std::vector<int64_t>& values, int64_t v) {
    int64_t smaller = 0;
    for (int64_t other : values) smaller += other < v ? 1 : 0;
    return static_cast<int>(smaller * 5 / static_cast<int64_t>(values.size()) + 1);
  };
  size_t k = 0;
  int64_t repeaters = 0;
  for (const auto& [id, x] : expected) {
    const RfmRow& row = rfm->customers[k++];
    ASSERT_EQ(row.customer_id, id);
    EXPECT_EQ(row.recency_days, days_between(x.last, reference)) << id;
    EXPECT_EQ(row.frequency, x.count) << id;
    EXPECT_EQ(row.monetary_fen, x.fen) << id;
    EXPECT_EQ(row.r_score, score(all_r, -days_between(x.last, reference))) << id;
    EXPECT_EQ(row.f_score, score(all_f, x.count)) << id;
    EXPECT_EQ(row.m_score, score(all_m, x.fen)) << id;
    repeaters += x.count >= 2 ? 1 : 0;
  }
  EXPECT_EQ(repeaters, 1152);
  int64_t segmented = 0;
  for (const auto& summary : rfm->segments) segmented += summary.customers;
  EXPECT_EQ(segmented, 2357);
}

}  // namespace
}  // namespace crm::analytics
