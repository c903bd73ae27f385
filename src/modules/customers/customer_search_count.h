// SPDX-License-Identifier: Apache-2.0
// Exact list totals without counting every match (issue 5, "Search and lists"; the budget is p99
// under 10 ms over 1M customers, bench/customers_search). On SQLite the counters of migrations
// 0006 (live customers per owner), 0007 (live customers per tag, category, stage, name gram,
// number day, address; per one-character gram and address), 0009 (per pinyin / initials
// prefix of up to kPinyinCountedPrefix characters) and 0011 (tag, category, gram and prefix per
// stage) are kept by triggers inside every write transaction (the import adds up the same
// deltas itself: customer_search_bulk.h), so a total is a few counter lookups. A search `q` is a UNION of alternatives (customer_search.h); its
// total is the count of the largest alternative (counters or an index-only count) plus the few
// rows of the others that the largest does not already hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/result.h"
#include "modules/customers/customer.h"
#include "storage/connection.h"

namespace crm::customers {

// The exact `total` of the live list `f`, or nullopt when its filters need a COUNT (PostgreSQL,
// the recycle bin, phone / email / number / created filters, or more than one of q / tag /
// category together). A stage with one of them is counted per stage (migration 0011; for q only
// its name-gram and short pinyin alternatives, the others are counted in the table).
Result<std::optional<int64_t>> counted_total(storage::Connection& db, const CustomerFilter& f);

// A pinyin / initials prefix of up to this many characters has its live total per owner in
// customer_pinyin_counts (migration 0009, whose customer_pinyin_prefix_lengths lists the same
// lengths); a longer one is counted in the pinyin / initials indexes (it matches few customers).
inline constexpr size_t kPinyinCountedPrefix = 6;

// Whether the page of the live list `f`, whose total is `total`, should test q / tag / category on
// each row while walking the sort index (stopping after one page) instead of reading and sorting
// every match: yes when the matches are at least 1/kRowTestShare of the live customers in scope,
// so that a page needs at most ~limit * kRowTestShare index steps. SQLite only.
inline constexpr int64_t kRowTestShare = 256;
Result<bool> prefer_row_tests(storage::Connection& db, const CustomerFilter& f, int64_t total);

}  // namespace crm::customers
