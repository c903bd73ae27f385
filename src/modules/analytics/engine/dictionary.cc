// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/dictionary.h"

namespace crm::analytics {

Dictionary::Dictionary() {
  names_.emplace_back();
  codes_.emplace(std::string(), 0);
}

Result<uint16_t> Dictionary::intern(std::string_view value) {
  if (auto found = codes_.find(value); found != codes_.end()) return found->second;
  if (names_.size() >= kMaxCodes) {
    return invalid_input("analytics.too_many_values",
                         "A dimension of the analytics store has more than 65,536 distinct values.");
  }
  const auto code = static_cast<uint16_t>(names_.size());
  names_.emplace_back(value);
  codes_.emplace(std::string(value), code);
  return code;
}

std::optional<uint16_t> Dictionary::find(std::string_view value) const {
  if (auto found = codes_.find(value); found != codes_.end()) return found->second;
  return std::nullopt;
}

size_t Dictionary::bytes() const {
  size_t total = 0;
  for (const auto& name : names_) total += 2 * (sizeof(std::string) + name.size()) + 48;
  return total;
}

}  // namespace crm::analytics
