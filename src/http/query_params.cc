// SPDX-License-Identifier: Apache-2.0
#include "http/query_params.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.h"
#include "core/time_text.h"

namespace crm::http {

std::optional<std::string> QueryParams::text(std::string_view name) const {
  auto value = request_.query(name);
  if (!value) return std::nullopt;
  std::string trimmed(trim(*value));
  if (trimmed.empty()) return std::nullopt;
  return trimmed;
}

Result<std::optional<int64_t>> QueryParams::integer(std::string_view name, int64_t min,
                                                    int64_t max) const {
  const auto value = text(name);
  if (!value) return std::optional<int64_t>{};
  const auto number = parse_int64(*value);
  if (!number || *number < min || *number > max) {
    return invalid(name, fmt::format("{} must be an integer from {} to {}.", name, min, max));
  }
  return number;
}

Result<bool> QueryParams::flag(std::string_view name) const {
  const auto value = text(name);
  if (!value || *value == "false" || *value == "0") return false;
  if (*value == "true" || *value == "1") return true;
  return invalid(name, fmt::format("{} must be true or false.", name));
}

Result<std::optional<int64_t>> QueryParams::time(std::string_view name, bool end_of_day) const {
  const auto value = text(name);
  if (!value) return std::optional<int64_t>{};
  const auto ms = parse_time(*value, end_of_day);
  if (!ms) return invalid(name, fmt::format("{} must be a date (2026-11-01) or a time.", name));
  return ms;
}

Result<std::optional<std::string>> QueryParams::choice(
    std::string_view name, std::initializer_list<std::string_view> choices) const {
  auto value = text(name);
  if (!value) return std::optional<std::string>{};
  if (std::find(choices.begin(), choices.end(), *value) == choices.end()) {
    return invalid(name, fmt::format("{} must be one of {}.", name, fmt::join(choices, ", ")));
  }
  return value;
}

Result<std::vector<std::string>> QueryParams::list(std::string_view name,
                                                   size_t max_values) const {
  std::vector<std::string> out;
  const auto [first, last] = request_.query_params().equal_range(name);
  for (auto it = first; it != last; ++it) {
    for (std::string_view part : split(it->second, ',')) {
      part = trim(part);
      if (part.empty()) continue;
      if (part.size() > 200) return invalid(name, fmt::format("A {} value is too long.", name));
      out.emplace_back(part);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > max_values) {
    return invalid(name, fmt::format("At most {} values of {}.", max_values, name));
  }
  return out;
}

Result<int> QueryParams::limit(int fallback, int max) const {
  CRM_TRY_ASSIGN(const auto value, integer("limit", 1, max));
  return static_cast<int>(value.value_or(fallback));
}

Error QueryParams::invalid(std::string_view name, std::string message) const {
  return invalid_input(error_code_, std::move(message), std::string(name));
}

}  // namespace crm::http
