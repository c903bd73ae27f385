// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "http/request.h"

namespace crm::http {

// The query-string parameters of one request, read and validated the same way by every module's
// routes. Values are trimmed; an absent or blank parameter is "not given". A malformed value is
// kInvalidInput with the error code the module chose (e.g. "customer.invalid_filter") and the
// parameter as the field, so the console can point at it.
//
//   const http::QueryParams params(request, "catalog.invalid_filter");
//   CRM_TRY_ASSIGN(filter.warehouse_id, params.integer("warehouse_id", 1, INT64_MAX));
class QueryParams {
 public:
  QueryParams(const Request& request, std::string_view error_code)
      : request_(request), error_code_(error_code) {}

  // The trimmed value; nullopt when absent or blank.
  std::optional<std::string> text(std::string_view name) const;
  // An integer in [min, max].
  Result<std::optional<int64_t>> integer(std::string_view name, int64_t min, int64_t max) const;
  // "true"/"1" or "false"/"0"; absent is false.
  Result<bool> flag(std::string_view name) const;
  // A date (2026-11-01), an ISO-8601 time or UTC ms (core/time_text.h); with `end_of_day` a date
  // means the next midnight, so that to=2026-11-01 includes that day.
  Result<std::optional<int64_t>> time(std::string_view name, bool end_of_day) const;
  // One of `choices`.
  Result<std::optional<std::string>> choice(std::string_view name,
                                            std::initializer_list<std::string_view> choices) const;
  // Every value of a repeated and/or comma-separated parameter, trimmed, sorted, without blanks
  // or repeats; at most `max_values` values of at most 200 bytes each.
  Result<std::vector<std::string>> list(std::string_view name, size_t max_values) const;
  // `limit`: 1..max, `fallback` when absent.
  Result<int> limit(int fallback = 50, int max = 200) const;

  // The error for a bad value of `name`, for checks the helpers above do not cover.
  Error invalid(std::string_view name, std::string message) const;

 private:
  const Request& request_;
  std::string error_code_;
};

}  // namespace crm::http
