// SPDX-License-Identifier: Apache-2.0
#include "http/metrics.h"

#include <gtest/gtest.h>

namespace crm::http {
namespace {

bool contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

TEST(Metrics, RendersCountersHistogramAndGauges) {
  Metrics metrics;
  metrics.observe("GET", "/api/v1/customers/{id}", 200, 0.003);
  metrics.observe("GET", "/api/v1/customers/{id}", 200, 0.2);
  metrics.observe("GET", "/api/v1/customers/{id}", 404, 20);
  metrics.add_in_flight(2);
  metrics.add_gauge_source([](std::string& out) { out += "shopcrm_db_pool_idle 3\n"; });
  const std::string text = metrics.render();
  const std::string labels = R"(method="GET",route="/api/v1/customers/{id}")";
  EXPECT_TRUE(contains(text, "# TYPE shopcrm_http_requests_total counter\n"));
  EXPECT_TRUE(contains(text, "shopcrm_http_requests_total{" + labels + ",status=\"200\"} 2\n"));
  EXPECT_TRUE(contains(text, "shopcrm_http_requests_total{" + labels + ",status=\"404\"} 1\n"));
  EXPECT_TRUE(contains(text, "# TYPE shopcrm_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(contains(text, "_bucket{" + labels + ",le=\"0.001\"} 0\n"));
  EXPECT_TRUE(contains(text, "_bucket{" + labels + ",le=\"0.005\"} 1\n"));
  EXPECT_TRUE(contains(text, "_bucket{" + labels + ",le=\"0.25\"} 2\n"));
  EXPECT_TRUE(contains(text, "_bucket{" + labels + ",le=\"10\"} 2\n"));
  EXPECT_TRUE(contains(text, "_bucket{" + labels + ",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(contains(text, "shopcrm_http_request_duration_seconds_count{" + labels + "} 3\n"));
  EXPECT_TRUE(contains(text, "shopcrm_http_request_duration_seconds_sum{" + labels + "} 20.203"));
  EXPECT_TRUE(contains(text, "shopcrm_http_in_flight 2\n"));
  EXPECT_TRUE(contains(text, "shopcrm_db_pool_idle 3\n"));
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics;
  metrics.observe("GET", "/a\"b", 200, 0.001);
  EXPECT_TRUE(contains(metrics.render(), R"(route="/a\"b")"));
}

}  // namespace
}  // namespace crm::http
