// SPDX-License-Identifier: Apache-2.0
#include "http/metrics.h"

#include <fmt/format.h>

#include <tuple>

namespace crm::http {
namespace {

// Prometheus label values escape backslash, double quote and newline.
std::string escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::observe(std::string_view method, std::string_view route_pattern, int status,
                      double seconds) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(mutex_);
  auto it = series_.find(KeyView{method, route_pattern});
  if (it == series_.end()) {
    it = series_.emplace(Key{std::string(method), std::string(route_pattern)}, Series{}).first;
  }
  Series& series = it->second;
  ++series.count_by_status[status];
  if (bucket < kBuckets.size()) ++series.buckets[bucket];
  ++series.count;
  series.sum_seconds += seconds;
}

void Metrics::add_gauge_source(std::function<void(std::string&)> appender) {
  std::lock_guard lock(mutex_);
  gauge_sources_.push_back(std::move(appender));
}

std::string Metrics::render() const {
  std::string out;
  std::vector<std::function<void(std::string&)>> sources;
  {
    std::lock_guard lock(mutex_);
    out += "# HELP shopcrm_http_requests_total HTTP requests by method, route and status.\n";
    out += "# TYPE shopcrm_http_requests_total counter\n";
    for (const auto& [key, series] : series_) {
      const std::string labels = fmt::format("method=\"{}\",route=\"{}\"", escape_label(key.method),
                                             escape_label(key.route));
      for (const auto& [status, count] : series.count_by_status) {
        out += fmt::format("shopcrm_http_requests_total{{{},status=\"{}\"}} {}\n", labels, status,
                           count);
      }
    }
    out += "# HELP shopcrm_http_request_duration_seconds HTTP request duration.\n";
    out += "# TYPE shopcrm_http_request_duration_seconds histogram\n";
    for (const auto& [key, series] : series_) {
      const std::string labels = fmt::format("method=\"{}\",route=\"{}\"", escape_label(key.method),
                                             escape_label(key.route));
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += series.buckets[i];
        out += fmt::format("shopcrm_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                           labels, kBuckets[i], cumulative);
      }
      out += fmt::format("shopcrm_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                         labels, series.count);
      out += fmt::format("shopcrm_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                         series.sum_seconds);
      out += fmt::format("shopcrm_http_request_duration_seconds_count{{{}}} {}\n", labels,
                         series.count);
    }
    sources = gauge_sources_;
  }
  out += "# HELP shopcrm_http_in_flight HTTP requests being handled.\n";
  out += "# TYPE shopcrm_http_in_flight gauge\n";
  out += fmt::format("shopcrm_http_in_flight {}\n", in_flight());
  for (const auto& source : sources) source(out);
  return out;
}

}  // namespace crm::http
