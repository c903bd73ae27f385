// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/analytics_params.h"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/analytics/engine/calendar.h"

namespace crm::analytics {
namespace {

constexpr size_t kMaxValues = 100;
constexpr int32_t kDefaultDays = 365;

// Codes of the values; a value the dictionary lacks gets a code outside it, so it matches nothing.
std::vector<uint16_t> codes_of(const Dictionary& dictionary, const std::vector<std::string>& values) {
  std::vector<uint16_t> codes;
  for (const auto& v : values) {
    auto code = dictionary.find(v);
    codes.push_back(code ? *code : static_cast<uint16_t>(std::min<size_t>(dictionary.size(), 65535)));
  }
  return codes;
}

// Category values are ids or names; returns the ids as the store's text, or an error.
Result<std::vector<std::string>> category_ids(std::string_view field, const std::vector<std::string>& values,
                                              const std::map<int64_t, std::string>& names) {
  std::vector<std::string> ids;
  for (const auto& v : values) {
    if (auto id = parse_int64(v); id && names.contains(*id)) {
      ids.push_back(std::to_string(*id));
      continue;
    }
    auto found = std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.second == v; });
    if (found == names.end()) {
      return invalid_input("analytics.unknown_category",
                           fmt::format("{} \"{}\" is not a category id or name.", field, v), std::string(field));
    }
    ids.push_back(std::to_string(found->first));
  }
  return ids;
}

Result<std::optional<int32_t>> date_param(const http::QueryParams& params, std::string_view field) {
  auto text = params.text(field);
  if (!text) return std::optional<int32_t>{};
  auto day = parse_date(*text);
  if (!day) return params.invalid(field, fmt::format("{} must be a date like 2026-03-02.", field));
  return std::optional<int32_t>(*day);
}

}  // namespace

http::QueryParams params_of(const http::Request& request) {
  return http::QueryParams(request, "analytics.invalid_parameter");
}

Error bad_parameter(std::string_view field, std::string message) {
  return invalid_input("analytics.invalid_parameter", std::move(message), std::string(field));
}

std::optional<int32_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  const int day = std::stoi(std::string(text.substr(8, 2)));
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const int32_t n = day_from_civil({year, month, day});
  if (civil_from_day(n) != CivilDate{year, month, day}) return std::nullopt;  // 2026-02-30
  return n;
}

Result<std::optional<int64_t>> int_param(const http::Request& request, std::string_view field, int64_t min,
                                         int64_t max) {
  return params_of(request).integer(field, min, max);
}

Result<std::optional<std::string>> choice_param(const http::Request& request, std::string_view field,
                                                std::initializer_list<std::string_view> choices) {
  return params_of(request).choice(field, choices);
}

Result<AnalyticsQuery> parse_query(const http::Request& request, const LoadedStore& loaded, int32_t today) {
  const http::QueryParams params = params_of(request);
  AnalyticsQuery q;
  const ColumnStore& store = loaded.store;
  CRM_TRY_ASSIGN(auto from, date_param(params, "from"));
  CRM_TRY_ASSIGN(auto to, date_param(params, "to"));
  q.filter.to_day = to.value_or(today);
  q.filter.from_day = from.value_or(q.filter.to_day - (kDefaultDays - 1));
  if (q.filter.from_day > q.filter.to_day) return bad_parameter("from", "from must not be after to.");
  q.echo["from"] = format_day(q.filter.from_day);
  q.echo["to"] = format_day(q.filter.to_day);

  CRM_TRY_ASSIGN(auto channels, params.list("channel", kMaxValues));
  q.filter.channels = codes_of(store.channels(), channels);
  CRM_TRY_ASSIGN(auto regions, params.list("region", kMaxValues));
  q.filter.regions = codes_of(store.regions(), regions);
  CRM_TRY_ASSIGN(auto categories, params.list("category", kMaxValues));
  CRM_TRY_ASSIGN(auto category_texts, category_ids("category", categories, loaded.names.product));
  q.filter.categories = codes_of(store.categories(), category_texts);
  CRM_TRY_ASSIGN(auto customer_categories, params.list("customer_category", kMaxValues));
  CRM_TRY_ASSIGN(auto customer_texts,
                 category_ids("customer_category", customer_categories, loaded.names.customer));
  q.filter.customer_categories = codes_of(store.customer_categories(), customer_texts);
  CRM_TRY_ASSIGN(auto tiers, params.list("tier", kMaxValues));
  for (const auto& t : tiers) {
    if (t == "high") q.tiers.push_back(Tier::kHigh);
    else if (t == "mid") q.tiers.push_back(Tier::kMid);
    else if (t == "low") q.tiers.push_back(Tier::kLow);
    else return bad_parameter("tier", "tier must be high, mid or low.");
  }
  if (!channels.empty()) q.echo["channel"] = channels;
  if (!regions.empty()) q.echo["region"] = regions;
  if (!categories.empty()) q.echo["category"] = categories;
  if (!customer_categories.empty()) q.echo["customer_category"] = customer_categories;
  if (!tiers.empty()) q.echo["tier"] = tiers;

  CRM_TRY_ASSIGN(auto format, params.choice("format", {"json", "csv", "xlsx"}));
  if (format == "csv") q.format = ExportFormat::kCsv;
  if (format == "xlsx") q.format = ExportFormat::kXlsx;
  return q;
}

Result<void> apply_tier_filter(const ColumnStore& store, AnalyticsQuery& query) {
  if (query.tiers.empty()) return {};
  CRM_TRY_ASSIGN(auto value, compute_value(store, query.filter));
  const auto tiers = tiers_by_customer(store, value);
  auto mask = std::make_shared<std::vector<uint8_t>>(store.customer_count(), 0);
  for (uint32_t c = 0; c < store.customer_count(); ++c) {
    (*mask)[c] = std::find(query.tiers.begin(), query.tiers.end(), tiers[c]) != query.tiers.end();
  }
  query.filter.customer_mask = std::move(mask);
  return {};
}

}  // namespace crm::analytics
