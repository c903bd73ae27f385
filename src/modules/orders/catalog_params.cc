// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/catalog_params.h"

#include <fmt/format.h>

#include "core/text.h"
#include "modules/audit/audit_types.h"

namespace crm::orders {

namespace {

Error bad_filter(std::string_view name, std::string message) {
  return invalid_input("catalog.invalid_filter", std::move(message), std::string(name));
}

}  // namespace

std::optional<std::string> text_param(const http::Request& request, std::string_view name) {
  auto text = request.query(name);
  if (!text) return std::nullopt;
  std::string trimmed(trim(*text));
  if (trimmed.empty()) return std::nullopt;
  return trimmed;
}

Result<std::optional<int64_t>> int_param(const http::Request& request, std::string_view name,
                                         int64_t min, int64_t max) {
  const auto text = text_param(request, name);
  if (!text) return std::optional<int64_t>{};
  const auto value = parse_int64(*text);
  if (!value || *value < min || *value > max) {
    return bad_filter(name, fmt::format("{} must be an integer from {} to {}.", name, min, max));
  }
  return value;
}

Result<bool> bool_param(const http::Request& request, std::string_view name) {
  const auto text = text_param(request, name);
  if (!text || *text == "false") return false;
  if (*text == "true") return true;
  return bad_filter(name, fmt::format("{} must be true or false.", name));
}

Result<std::optional<int64_t>> time_param(const http::Request& request, std::string_view name,
                                          bool end_of_day) {
  const auto text = text_param(request, name);
  if (!text) return std::optional<int64_t>{};
  const auto ms = audit::parse_time(*text, end_of_day);
  if (!ms) return bad_filter(name, fmt::format("{} must be a date (2026-11-01) or a time.", name));
  return ms;
}

Result<int> limit_param(const http::Request& request) {
  CRM_TRY_ASSIGN(auto limit, int_param(request, "limit", 1, 200));
  return static_cast<int>(limit.value_or(50));
}

}  // namespace crm::orders
