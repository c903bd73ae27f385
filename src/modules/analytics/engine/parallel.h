// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

// Splitting big scans over the machine's cores. Each part writes only its own accumulator and
// the caller merges the parts in part order, so results do not depend on thread timing.
namespace crm::analytics {

// Scans below this many rows run on the calling thread (threads cost more than they save).
inline constexpr size_t kParallelThreshold = 200'000;

// How far ahead scans prefetch the per-customer row of an upcoming order.
inline constexpr uint32_t kPrefetchDistance = 16;

// How many parts a scan of `rows` rows should use: 1 for small scans, else the number of
// hardware threads (at least 1, at most 8).
inline size_t part_count(size_t rows) {
  if (rows < kParallelThreshold) return 1;
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::min<size_t>(cores, 8);
}

// [begin, end) split into `parts` contiguous ranges of nearly equal size.
inline std::vector<std::pair<size_t, size_t>> split_range(size_t begin, size_t end, size_t parts) {
  std::vector<std::pair<size_t, size_t>> ranges;
  const size_t n = end - begin;
  for (size_t p = 0; p < parts; ++p) ranges.emplace_back(begin + n * p / parts, begin + n * (p + 1) / parts);
  return ranges;
}

// Runs fn(part_index) for part_index in [0, parts): part 0 on the calling thread, the others on
// their own threads; returns when all are done.
template <typename Fn>
void run_parts(size_t parts, Fn&& fn) {
  std::vector<std::thread> threads;
  threads.reserve(parts > 0 ? parts - 1 : 0);
  for (size_t p = 1; p < parts; ++p) threads.emplace_back([&fn, p] { fn(p); });
  if (parts > 0) fn(0);
  for (auto& thread : threads) thread.join();
}

}  // namespace crm::analytics
