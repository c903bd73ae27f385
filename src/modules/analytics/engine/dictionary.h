// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace crm::analytics {

// Maps the distinct values of a text column (channel, region, category) to small codes.
// Code 0 is always the empty string ("unknown"). Not thread safe for writes.
class Dictionary {
 public:
  static constexpr size_t kMaxCodes = 65536;

  Dictionary();
  // The code of `value`, adding it if new. Fails with analytics.too_many_values past 65,536.
  Result<uint16_t> intern(std::string_view value);
  std::optional<uint16_t> find(std::string_view value) const;
  const std::string& name(uint16_t code) const { return names_[code]; }
  size_t size() const { return names_.size(); }
  size_t bytes() const;

 private:
  std::vector<std::string> names_;
  std::map<std::string, uint16_t, std::less<>> codes_;
};

}  // namespace crm::analytics
