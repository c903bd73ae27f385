// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace crm::http {

// Request metrics in the Prometheus text format. Thread-safe; observe() takes one short lock
// and allocates only the first time a (method, route) pair is seen. Route labels are patterns
// ("/api/v1/customers/{id}"), never raw paths, so the label set stays small.
class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {.001, .005, .01, .025, .05, .1,
                                                      .25,  .5,   1,   2.5,  5,   10};

  void observe(std::string_view method, std::string_view route_pattern, int status,
               double seconds);

  // Requests being handled right now (shopcrm_http_in_flight); the server adds +1/-1.
  void add_in_flight(int delta) { in_flight_.fetch_add(delta, std::memory_order_relaxed); }
  int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  // `appender` appends complete Prometheus text lines (with "# TYPE" lines) at render time, e.g.
  // database pool statistics. Register at start-up, before render() runs concurrently.
  void add_gauge_source(std::function<void(std::string&)> appender);

  // shopcrm_http_requests_total{method,route,status}, shopcrm_http_request_duration_seconds
  // (histogram by method and route), shopcrm_http_in_flight, then the gauge sources.
  std::string render() const;

 private:
  struct Series {
    std::map<int, uint64_t> count_by_status;
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative
    uint64_t count = 0;
    double sum_seconds = 0;
  };
  struct Key {
    std::string method;
    std::string route;
  };
  struct KeyLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::tie(a.method, a.route) < std::tie(b.method, b.route);
    }
  };
  struct KeyView {
    std::string_view method;
    std::string_view route;
  };

  mutable std::mutex mutex_;
  std::map<Key, Series, KeyLess> series_;
  std::atomic<int64_t> in_flight_{0};
  std::vector<std::function<void(std::string&)>> gauge_sources_;
};

}  // namespace crm::http
