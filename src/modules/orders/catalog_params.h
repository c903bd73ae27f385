// SPDX-License-Identifier: Apache-2.0
// Query-string and header parsing for the catalog part's routes. Errors are
// catalog.invalid_filter (kInvalidInput) naming the parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/request.h"

namespace crm::orders {

// The trimmed parameter, nullopt when absent or blank.
std::optional<std::string> text_param(const http::Request& request, std::string_view name);
Result<std::optional<int64_t>> int_param(const http::Request& request, std::string_view name,
                                         int64_t min, int64_t max);
// "true" / "false" (absent = false).
Result<bool> bool_param(const http::Request& request, std::string_view name);
// A date (2026-11-01), a time or ms; with `end_of_day` a date means the next midnight.
Result<std::optional<int64_t>> time_param(const http::Request& request, std::string_view name,
                                          bool end_of_day);
// `limit` (1..200, default 50).
Result<int> limit_param(const http::Request& request);

}  // namespace crm::orders
