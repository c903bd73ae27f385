// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/scoring.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

namespace crm::analytics {
namespace {

// Sorting (value, position) pairs keeps the comparisons in cache (no indirection).
template <typename Less>
std::vector<int64_t> first_equal_ranks(std::span<const int64_t> values, Less less) {
  std::vector<std::pair<int64_t, uint32_t>> sorted(values.size());
  for (size_t k = 0; k < values.size(); ++k) sorted[k] = {values[k], static_cast<uint32_t>(k)};
  std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
    return less(a.first, b.first) || (a.first == b.first && a.second < b.second);
  });
  std::vector<int64_t> ranks(values.size());
  size_t first = 0;
  for (size_t k = 0; k < sorted.size(); ++k) {
    if (k > 0 && sorted[k].first != sorted[k - 1].first) first = k;
    ranks[sorted[k].second] = static_cast<int64_t>(first);
  }
  return ranks;
}

// The same ranks in O(n + range) when the values span a small range (recency in days,
// order counts): rank = the number of values below (ascending) or above (descending).
std::optional<std::vector<int64_t>> counted_ranks(std::span<const int64_t> values, bool descending) {
  if (values.empty()) return std::vector<int64_t>{};
  const auto [min_it, max_it] = std::minmax_element(values.begin(), values.end());
  const int64_t min = *min_it;
  const auto range = static_cast<uint64_t>(*max_it - min);
  if (range > 4 * values.size() + 1024) return std::nullopt;
  std::vector<int64_t> below(range + 2, 0);  // below[v - min + 1] = count of v, then prefix sums
  for (int64_t v : values) ++below[static_cast<size_t>(v - min) + 1];
  for (size_t k = 1; k < below.size(); ++k) below[k] += below[k - 1];
  const auto n = static_cast<int64_t>(values.size());
  std::vector<int64_t> ranks(values.size());
  for (size_t k = 0; k < values.size(); ++k) {
    const auto slot = static_cast<size_t>(values[k] - min);
    ranks[k] = descending ? n - below[slot + 1] : below[slot];
  }
  return ranks;
}

std::vector<int64_t> ranks_of(std::span<const int64_t> values, bool descending) {
  if (auto counted = counted_ranks(values, descending)) return std::move(*counted);
  return descending ? first_equal_ranks(values, std::greater<int64_t>())
                    : first_equal_ranks(values, std::less<int64_t>());
}

}  // namespace

std::vector<uint8_t> quantile_scores(std::span<const int64_t> values, int bins) {
  const auto ranks = ranks_of(values, false);
  const auto n = static_cast<int64_t>(values.size());
  std::vector<uint8_t> scores(values.size());
  for (size_t k = 0; k < values.size(); ++k) scores[k] = static_cast<uint8_t>(ranks[k] * bins / n + 1);
  return scores;
}

std::vector<int64_t> descending_ranks(std::span<const int64_t> values) {
  return ranks_of(values, true);
}

}  // namespace crm::analytics
