// SPDX-License-Identifier: Apache-2.0
// The demo generator's randomness: a small, fast PRNG (xoshiro256**, seeded through SplitMix64)
// with its own uniform/normal/weighted helpers. std:: distributions are not used on purpose: their
// output differs between standard libraries, and the demo must be the same for the same seed
// everywhere. Not for secrets.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace crm::demo {

// SplitMix64: a good 64-bit mix of one value (also used to derive independent seeds).
constexpr uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  // `stream` separates independent sequences of one seed (customers, order #j, …).
  explicit Rng(uint64_t seed, uint64_t stream = 0) {
    uint64_t x = mix64(seed) ^ mix64(stream + 0x5851F42D4C957F2DULL);
    for (auto& word : s_) {
      x = mix64(x);
      word = x;
    }
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n > 0 (multiply-shift: no modulo bias worth mentioning for n < 2^32).
  uint64_t below(uint64_t n) {
    __extension__ using Wide = unsigned __int128;  // GCC/Clang; -Wpedantic knows it as an extension
    return static_cast<uint64_t>((static_cast<Wide>(next()) * n) >> 64);
  }
  // Uniform in [lo, hi] (inclusive).
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1).
  double real() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return real() < p; }
  // Standard normal (Box-Muller; one value per call keeps the sequence simple).
  double normal() {
    const double u1 = 1.0 - real();
    const double u2 = real();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

 private:
  static constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Picks an index with probability proportional to its weight, in O(log n).
class WeightedTable {
 public:
  WeightedTable() = default;
  explicit WeightedTable(std::span<const double> weights) {
    cumulative_.reserve(weights.size());
    double sum = 0;
    for (const double w : weights) cumulative_.push_back(sum += w);
  }
  size_t pick(Rng& rng) const {
    const double x = rng.real() * cumulative_.back();
    size_t lo = 0, hi = cumulative_.size() - 1;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (cumulative_[mid] > x) hi = mid; else lo = mid + 1;
    }
    return lo;
  }
  size_t size() const { return cumulative_.size(); }
  double total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace crm::demo
