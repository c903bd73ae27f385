// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

namespace crm::analytics {

// A column of fen amounts stored in 4 bytes a row. The rare value that does not fit in int32
// (above 21,474,836.47 yuan or at INT32_MIN) is stored as an escape marker plus an entry in a side
// map, so no amount is ever truncated while the common row costs half of an int64.
class MoneyColumn {
 public:
  int64_t operator[](size_t row) const {
    const int32_t narrow = narrow_[row];
    if (narrow != kEscape) [[likely]] return narrow;
    return wide_.at(static_cast<uint32_t>(row));
  }
  void push_back(int64_t value) {
    if (fits(value)) [[likely]] {
      narrow_.push_back(static_cast<int32_t>(value));
    } else {
      wide_[static_cast<uint32_t>(narrow_.size())] = value;
      narrow_.push_back(kEscape);
    }
  }
  void set(size_t row, int64_t value) {
    if (fits(value)) {
      narrow_[row] = static_cast<int32_t>(value);
      wide_.erase(static_cast<uint32_t>(row));
    } else {
      narrow_[row] = kEscape;
      wide_[static_cast<uint32_t>(row)] = value;
    }
  }
  void reserve(size_t rows) { narrow_.reserve(rows); }
  size_t size() const { return narrow_.size(); }
  size_t wide_count() const { return wide_.size(); }
  size_t bytes() const { return narrow_.capacity() * sizeof(int32_t) + wide_.size() * 32; }

 private:
  static bool fits(int64_t value) {
    return value > std::numeric_limits<int32_t>::min() && value <= std::numeric_limits<int32_t>::max();
  }
  static constexpr int32_t kEscape = std::numeric_limits<int32_t>::min();
  std::vector<int32_t> narrow_;
  std::unordered_map<uint32_t, int64_t> wide_;
};

}  // namespace crm::analytics
