// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

namespace crm::analytics {

// A column of int64 values stored in sizeof(Narrow) bytes a row. The rare value that does not
// fit in Narrow (or equals Narrow's minimum, the escape marker) is stored as the marker plus an
// entry in a side map, so no value is ever truncated while the common row costs a fraction of
// an int64.
template <typename Narrow>
class NarrowColumn {
 public:
  int64_t operator[](size_t row) const {
    const Narrow narrow = narrow_[row];
    if (narrow != kEscape) [[likely]] return narrow;
    return wide_.at(static_cast<uint32_t>(row));
  }
  void push_back(int64_t value) {
    if (fits(value)) [[likely]] {
      narrow_.push_back(static_cast<Narrow>(value));
    } else {
      wide_[static_cast<uint32_t>(narrow_.size())] = value;
      narrow_.push_back(kEscape);
    }
  }
  void set(size_t row, int64_t value) {
    if (fits(value)) {
      narrow_[row] = static_cast<Narrow>(value);
      wide_.erase(static_cast<uint32_t>(row));
    } else {
      narrow_[row] = kEscape;
      wide_[static_cast<uint32_t>(row)] = value;
    }
  }
  int64_t back() const { return (*this)[narrow_.size() - 1]; }
  bool empty() const { return narrow_.empty(); }
  void reserve(size_t rows) { narrow_.reserve(rows); }
  size_t capacity() const { return narrow_.capacity(); }
  size_t size() const { return narrow_.size(); }
  size_t wide_count() const { return wide_.size(); }
  size_t bytes() const { return narrow_.capacity() * sizeof(Narrow) + wide_.size() * 32; }

 private:
  static bool fits(int64_t value) {
    return value > std::numeric_limits<Narrow>::min() && value <= std::numeric_limits<Narrow>::max();
  }
  static constexpr Narrow kEscape = std::numeric_limits<Narrow>::min();
  std::vector<Narrow> narrow_;
  std::unordered_map<uint32_t, int64_t> wide_;
};

// Fen amounts (and ids) in 4 bytes a row: exact up to ¥21,474,836.47 (2^31 - 1), side map above.
using MoneyColumn = NarrowColumn<int32_t>;

}  // namespace crm::analytics
