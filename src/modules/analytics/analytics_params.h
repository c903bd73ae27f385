// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "http/query_params.h"
#include "http/request.h"
#include "modules/analytics/engine/filter.h"
#include "modules/analytics/engine/value.h"
#include "modules/analytics/store_loader.h"

// Query parameters of /api/v1/analytics/... (docs/api/analytics.md, "Parameters"). Every error
// is 400 analytics.invalid_parameter (or analytics.unknown_category) naming the field.
namespace crm::analytics {

enum class ExportFormat { kNone, kCsv, kXlsx };

struct AnalyticsQuery {
  Filter filter;                 // from/to and the dimension filters, as store codes
  std::vector<Tier> tiers;       // value-tier filter (empty = all)
  ExportFormat format = ExportFormat::kNone;
  Json echo = Json::object();    // the parameters as understood (for exports' audit rows)
};

// "2026-03-02" -> merchant day; nullopt unless a real date in 1900..2199.
std::optional<int32_t> parse_date(std::string_view text);

// The common parameters: from, to (default: the 365 days ending today), channel, region,
// category, customer_category, tier (each a comma-separated list and/or repeated), format.
// Values the store has never seen match nothing; category names/ids must exist.
Result<AnalyticsQuery> parse_query(const http::Request& request, const LoadedStore& loaded, int32_t today);

// Restricts query.filter to customers in the wanted value tiers (docs/analytics.md, "API
// filters"): tiers of compute_value over the same range and other filters.
Result<void> apply_tier_filter(const ColumnStore& store, AnalyticsQuery& query);

// The request's parameters with this module's error code (analytics.invalid_parameter).
http::QueryParams params_of(const http::Request& request);
// Optional integer parameter within [min, max].
Result<std::optional<int64_t>> int_param(const http::Request& request, std::string_view field, int64_t min,
                                         int64_t max);
// Optional text parameter that must be one of `choices`.
Result<std::optional<std::string>> choice_param(const http::Request& request, std::string_view field,
                                                std::initializer_list<std::string_view> choices);
Error bad_parameter(std::string_view field, std::string message);

}  // namespace crm::analytics
