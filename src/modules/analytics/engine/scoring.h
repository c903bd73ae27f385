// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace crm::analytics {

// Quantile scores 1..bins by the "rank of the first equal" rule: sort the n values ascending; a
// value whose first occurrence is at 0-based position r scores floor(r * bins / n) + 1. Equal
// values always get the same score; larger values never score lower. Deterministic.
// Example (bins 5): 10, 20, 20, 30, 40 -> 1, 2, 2, 4, 5.
std::vector<uint8_t> quantile_scores(std::span<const int64_t> values, int bins);

// For each value, the 0-based position of its first equal when sorted descending (the best
// rank shared by ties). Example: 40, 20, 30, 20 -> 0, 2, 1, 2.
std::vector<int64_t> descending_ranks(std::span<const int64_t> values);

}  // namespace crm::analytics
